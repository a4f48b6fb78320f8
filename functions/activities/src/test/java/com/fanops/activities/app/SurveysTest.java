package com.fanops.activities.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.http.ProblemException;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The post-activity survey against DynamoDB Local: participants only, after the end, within 30 days, once; and the stored report. */
class SurveysTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static final Instant STARTS = NOW.plus(Duration.ofDays(2));
    private static final Instant ENDS = STARTS.plus(Duration.ofHours(3));
    private static final AtomicInteger IDS = new AtomicInteger();
    private static LocalDynamo dynamo;
    private static FieldCipher cipher;
    private static ActivityStore activities;
    private static RegistrationStore registrations;
    private static SurveyStore store;
    private static EvaluationStore evaluations;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        activities = new ActivityStore(dynamo.client(), "ActivitiesTable");
        registrations = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        store = new SurveyStore(dynamo.client(), "ActivitiesTable");
        cipher = new FieldCipher(new Keyring(dynamo.client(), "ConfigTable", new InMemoryDataKeys(), java.time.Clock.systemUTC()));
        evaluations = new EvaluationStore(dynamo.client(), "ActivitiesTable");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A published activity with "came" checked in and "absent" registered but not checked in. */
    private static String held() {
        String id = "act-s" + IDS.incrementAndGet();
        Activity a = new Activity(id, 1, ActivityStatus.APPROVED, "Tea tasting", null, Activity.ActivityType.OFFLINE, "Room " + id,
                STARTS, ENDS, NOW.minus(Duration.ofDays(1)), STARTS, 10, 0, Activity.Audience.everyone(), null, 0,
                Activity.Goals.none(), "owner", List.of(), 0, 7, List.of());
        assertTrue(activities.create(a, "manager", NOW));
        assertTrue(activities.transition(id, ActivityStatus.APPROVED, 1, ActivityStatus.PUBLISHED, new byte[32], new byte[32], "manager", NOW));
        registrations.register(id, "came", STARTS, NOW);
        registrations.register(id, "absent", STARTS, NOW);
        assertTrue(registrations.checkIn(id, "came", "staff", STARTS.plus(Duration.ofMinutes(5))).orElseThrow().first());
        return id;
    }

    private static Surveys at(Instant t) {
        return new Surveys(activities, registrations, store, cipher, new MutableClock(t));
    }

    @Test
    void aParticipantAnswersOnceAfterTheEndAndTheScoreCounts() {
        String id = held();
        Surveys after = at(ENDS.plus(Duration.ofHours(1)));
        after.answer("came", id, 4, "Lovely tea, too short");
        ProblemException again = assertThrows(ProblemException.class, () -> after.answer("came", id, 1, null));
        assertEquals(409, again.problem().status());
        assertEquals(List.of(4), after.scores(id), "the second answer changed nothing");
        SurveyStore.Answer stored = store.get(id, "came").orElseThrow();
        assertFalse(stored.commentEnc().contains("tea"), "stored encrypted: " + stored.commentEnc());
        assertEquals("Lovely tea, too short", after.comment(stored));
        // Bound to its member and activity: the ciphertext moved to another member's answer does not decrypt.
        assertThrows(RuntimeException.class, () -> after.comment(new SurveyStore.Answer(id, "absent", 4, stored.commentEnc(), stored.answeredAt())));
    }

    @Test
    void onlyParticipantsOnlyAfterTheEndAndWithinThirtyDays() {
        String id = held();
        assertEquals(409, assertThrows(ProblemException.class, () -> at(ENDS.minusSeconds(60)).answer("came", id, 5, null)).problem().status());
        assertEquals(409, assertThrows(ProblemException.class, () -> at(ENDS.plus(Duration.ofDays(31))).answer("came", id, 5, null)).problem().status());
        assertEquals(403, assertThrows(ProblemException.class, () -> at(ENDS.plusSeconds(60)).answer("absent", id, 5, null)).problem().status());
        assertEquals(403, assertThrows(ProblemException.class, () -> at(ENDS.plusSeconds(60)).answer("stranger", id, 5, null)).problem().status());
        assertEquals(404, assertThrows(ProblemException.class, () -> at(ENDS.plusSeconds(60)).answer("came", "act-none", 5, null)).problem().status());
        assertEquals(List.of(), store.scores(id), "nothing written by a refusal");
    }

    @Test
    void aBadScoreOrALongCommentIsNamedAndNothingIsWritten() {
        String id = held();
        Surveys after = at(ENDS.plusSeconds(60));
        ProblemException bad = assertThrows(ProblemException.class, () -> after.answer("came", id, 6, "x".repeat(501)));
        assertEquals(400, bad.problem().status());
        Set<String> fields = new HashSet<>();
        bad.problem().errors().forEach(e -> fields.add(e.field()));
        assertEquals(Set.of("score", "comment"), fields);
        assertEquals(400, assertThrows(ProblemException.class, () -> after.answer("came", id, null, null)).problem().status());
        assertTrue(store.get(id, "came").isEmpty());
    }

    @Test
    void theLatestEvaluationReportReadsBackAsWritten() {
        String id = held();
        assertTrue(evaluations.get(id).isEmpty());
        LocalDate end = LocalDate.parse("2026-06-12");
        Evaluation e = Evaluation.of(new Evaluation.Input(end, end.plusDays(8), List.of(new Evaluation.Seat("came", true),
                new Evaluation.Seat("absent", false)), Set.of("came", "absent", "x"), Set.of("h"),
                Map.of("came", List.of(end.plusDays(7)), "h", List.of()), Map.of("came", 1_200L), List.of(4), 5_000, Activity.Goals.none()));
        evaluations.put(new EvaluationStore.Report(id, e, NOW, end.plusDays(8), false));
        EvaluationStore.Report back = evaluations.get(id).orElseThrow();
        assertEquals(e, back.evaluation());
        assertEquals(end.plusDays(8), back.asOf());
        assertEquals(false, back.isFinal());
        evaluations.put(new EvaluationStore.Report(id, e, NOW.plusSeconds(86_400), end.plusDays(40), true));
        assertTrue(evaluations.get(id).orElseThrow().isFinal(), "a later report replaces the earlier");
    }
}
