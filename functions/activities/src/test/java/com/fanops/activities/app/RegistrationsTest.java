package com.fanops.activities.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.CheckInCodes;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.ProblemException;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The member's and the staff's side: refusals with their reason and nothing changed, codes that expire, one attendance. */
class RegistrationsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static Activities activities;
    private static Registrations registrations;
    private static RegistrationStore store;
    private static final List<String> ATTENDED = new ArrayList<>();
    private static final List<String> TOLD = new ArrayList<>();
    private static final Map<String, Registrations.Member> MEMBERS = Map.of(
            "gold1", new Registrations.Member("gold1", true, "gold", List.of()),
            "gold2", new Registrations.Member("gold2", true, "gold", List.of()),
            "gold3", new Registrations.Member("gold3", true, "gold", List.of()),
            "silver", new Registrations.Member("silver", true, "silver", List.of()),
            "gone", new Registrations.Member("gone", false, "gold", List.of()));

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(NOW);
        ActivityStore activityStore = new ActivityStore(dynamo.client(), "ActivitiesTable");
        store = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        Activities.BudgetLedger unlimited = new Activities.BudgetLedger() {
            public boolean reserve(String b, String a, long amount, Instant at) { return true; }
            public void release(String b, String a, Instant at) { }
            public long available(String b) { return Long.MAX_VALUE; }
        };
        activities = new Activities(activityStore, unlimited, itemIds -> java.util.Map.of(), new AuditLog(dynamo.client(), "AuditTable", clock), clock);
        registrations = new Registrations(activityStore, store, id -> Optional.ofNullable(MEMBERS.get(id)),
                (eventId, activityId, memberId, at) -> ATTENDED.add(eventId),
                new Registrations.Notices() {
                    public void registered(Activity a, String m, boolean waiting) { TOLD.add(m + (waiting ? " waiting" : " registered")); }
                    public void promoted(Activity a, String m) { TOLD.add(m + " promoted"); }
                }, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static Activity publishedForGold(int capacity, int waiting) {
        clock.set(NOW);
        ActivityDraft d = ActivitiesTest.draft(null, "2026-06-20T10:00:00Z", "2026-06-20T12:00:00Z");
        d = new ActivityDraft(d.theme(), d.description(), "online", null, d.startsAt(), d.endsAt(), NOW, Instant.parse("2026-06-19T00:00:00Z"),
                capacity, waiting, new ActivityDraft.AudienceDraft("tier", "gold"), null, null, null, "Li Na", null, 0, null, null);
        Activity a = activities.create("manager", d);
        a = activities.transition("manager", a.activityId(), a.version(), ActivityStatus.APPROVED);
        return activities.transition("manager", a.activityId(), a.version(), ActivityStatus.PUBLISHED);
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ProblemException e) {
            return e.problem().status();
        }
    }

    @Test
    void ineligibleMembersFullActivitiesAndClosedWindowsAreRefusedWithNothingChanged() {
        Activity a = publishedForGold(1, 0);
        assertEquals(403, status(() -> registrations.register("silver", a.activityId())), "another tier");
        assertEquals(403, status(() -> registrations.register("gone", a.activityId())), "not an active member");
        assertEquals(403, status(() -> registrations.register("stranger", a.activityId())), "no such member");
        assertEquals(RegistrationStore.Result.REGISTERED, registrations.register("gold1", a.activityId()).result());
        ProblemException full = assertThrows(ProblemException.class, () -> registrations.register("gold2", a.activityId()));
        assertEquals(409, full.problem().status());
        assertTrue(full.problem().detail().contains("no waiting list"));
        assertTrue(full.problem().type().endsWith("/full"));
        clock.set(Instant.parse("2026-06-19T00:00:00Z"));
        assertEquals(409, status(() -> registrations.register("gold2", a.activityId())), "after the window");
        List<RegistrationStore.Registration> all = new ArrayList<>();
        store.forEach(a.activityId(), all::add);
        assertEquals(1, all.size());
        assertEquals(404, status(() -> registrations.register("gold1", "act_nosuch")));
    }

    @Test
    void aCancellationPromotesTheFirstWaitingAndTellsThem() {
        Activity a = publishedForGold(1, 5);
        registrations.register("gold1", a.activityId());
        assertEquals(RegistrationStore.Result.WAITING, registrations.register("gold2", a.activityId()).result());
        TOLD.clear();
        assertEquals(List.of("gold2"), registrations.cancel("gold1", a.activityId()).promoted());
        assertEquals(List.of("gold2 promoted"), TOLD);
        assertEquals(RegistrationStore.Status.REGISTERED, store.get(a.activityId(), "gold2").orElseThrow().status());
    }

    @Test
    void theSameCodeScannedTwiceCountsOnceAndAnExpiredOrForeignCodeIsRefused() {
        Activity a = publishedForGold(10, 0);
        Activity other = publishedForGold(10, 0);
        registrations.register("gold1", a.activityId());
        registrations.register("gold1", other.activityId());
        registrations.register("gold2", other.activityId());
        clock.set(Instant.parse("2026-06-20T10:00:05Z"));
        CheckInCodes.Code code = registrations.code("gold1", a.activityId());
        CheckInCodes.Code foreign = registrations.code("gold1", other.activityId());
        ATTENDED.clear();

        clock.set(Instant.parse("2026-06-20T10:00:20Z"));
        assertEquals(422, status(() -> registrations.checkIn("staff", a.activityId(), foreign.text())), "another activity's code");
        assertEquals(400, status(() -> registrations.checkIn("staff", a.activityId(), "not a code")));
        assertTrue(registrations.checkIn("staff", a.activityId(), code.text()).first());
        assertFalse(registrations.checkIn("staff", a.activityId(), code.text()).first());
        Set<String> events = new HashSet<>(ATTENDED);
        assertEquals(1, events.size(), "one attendance event id however often it is sent");
        assertEquals(1, activities.get(a.activityId()).checkedIn());

        clock.set(Instant.parse("2026-06-20T10:00:30Z"));
        CheckInCodes.Code stale = registrations.code("gold2", other.activityId());
        clock.advance(Duration.ofMinutes(5));
        ProblemException expired = assertThrows(ProblemException.class, () -> registrations.checkIn("staff", other.activityId(), stale.text()));
        assertEquals(422, expired.problem().status());
        assertTrue(expired.problem().type().endsWith("code-expired"));
        assertFalse(store.get(other.activityId(), "gold2").orElseThrow().checkedIn());
    }

    @Test
    void aFullWaitingListIsNamedAndARetriedRegistrationAsksForItsConfirmationAgain() {
        Activity a = publishedForGold(1, 1);
        registrations.register("gold1", a.activityId());
        registrations.register("gold2", a.activityId());
        ProblemException full = assertThrows(ProblemException.class, () -> registrations.register("gold3", a.activityId()));
        assertTrue(full.problem().type().endsWith("/waiting-list-full"), full.problem().type());
        TOLD.clear();
        assertEquals(RegistrationStore.Result.ALREADY, registrations.register("gold2", a.activityId()).result());
        assertEquals(List.of("gold2 waiting"), TOLD);
    }

    @Test
    void theCheckInCodeIsShownOnlyFromTwelveHoursBeforeTheStartUntilTheEnd() {
        Activity a = publishedForGold(5, 0);
        registrations.register("gold1", a.activityId());
        clock.set(a.startsAt().minus(Duration.ofHours(13)));
        assertEquals(409, status(() -> registrations.code("gold1", a.activityId())));
        clock.set(a.startsAt().minus(Duration.ofHours(11)));
        assertEquals(200, status(() -> registrations.code("gold1", a.activityId())));
        assertEquals(404, status(() -> registrations.code("gold2", a.activityId())), "no seat, no code");
        clock.set(a.endsAt());
        assertEquals(409, status(() -> registrations.code("gold1", a.activityId())));
    }
}
