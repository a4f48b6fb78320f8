package com.fanops.rewards.app;

import static com.fanops.rewards.testing.Items.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.Surveys;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.complaints.app.TicketWork;
import com.fanops.complaints.domain.ComplaintScored;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.Submission;
import com.fanops.complaints.domain.Ticket;
import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.testing.RewardsHarness;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.RecordedEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service recovery across the complaints capability and rewards on one DynamoDB Local: the survey's answer emits
 * {@code ComplaintScored} with the member's tier; a low score, an upheld resolution or a breach issues one reward per
 * ticket, whichever comes first and however often the events arrive.
 */
class ServiceRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static RewardsHarness h;
    private static Complaints complaints;
    private static Surveys surveys;
    private static StandingStore standings;
    private static final RecordedEvents COMPLAINTS_BUS = new RecordedEvents("com.fanops.complaints.domain");
    private static final List<TicketMessages> SENT = new CopyOnWriteArrayList<>();
    private static int tickets;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(NOW);
        h.catalogue(item("sorry-badge", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null));
        h.rules(new RewardRule("recovery-gold", Trigger.SERVICE_RECOVERY, "sorry-badge", true, null, List.of(), List.of(), null, List.of(),
                null, null, null, List.of(), null, "gold", 2, true));
        var ddb = h.dynamo.client();
        Keyring keyring = new Keyring(ddb, "ConfigTable", new InMemoryDataKeys(), h.clock);
        complaints = new Complaints(ddb, "ComplaintsTable", "ConfigTable", keyring, new EventOutbox(ddb, "EventOutboxTable", COMPLAINTS_BUS,
                h.clock), SENT::add, "https://fans.example.com", RewardsHarness.ZONE, h.clock, Duration.ZERO);
        surveys = complaints.surveys(ddb, "InteractionsTable");
        standings = new StandingStore(ddb, "InteractionsTable", new CapacityMeter());
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static String member(String memberId, Tier tier) {
        h.member(memberId, NOW.minus(Duration.ofDays(200)), false);
        Standing read = standings.get(memberId);
        LocalDate day = LocalDate.ofInstant(NOW.minus(Duration.ofDays(100)), RewardsHarness.ZONE);
        standings.write(read, new Standing(memberId, Category.CORE, day, tier, day, null, null, null, 1, read.rev()), null, List.of(), h.outbox,
                NOW);
        return memberId;
    }

    /** A member's complaint taken in and resolved (not upheld: the resolution alone rewards nothing). */
    static Ticket resolvedComplaint(String memberId) {
        String id = String.format("t_%024x", ++tickets);
        var cipher = complaints.cipher;
        Ticket t = complaints.intake(h.dynamo.client(), "InteractionsTable").take(new Submission(id, h.clock.instant(), memberId, "en", "delivery",
                null, List.of(), "email", "idx-" + id, cipher.encrypt(id, "name", "Li"), cipher.encrypt(id, "contact", "li@example.com"),
                cipher.encrypt(id, "description", "Late parcel.")));
        return complaints.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("Apologised.", false, null, null, null));
    }

    long rewards(String memberId) {
        return h.archive.byMember(memberId, null, 10).items().size();
    }

    ComplaintScored scoredEvent(Ticket t) {
        return COMPLAINTS_BUS.of(ComplaintScored.class).stream().filter(e -> e.ticketId().equals(t.ticketId())).findFirst().orElseThrow();
    }

    @Test
    void aGoldMembersLowScoreIsRecoveredExactlyOnceWhateverIsRepeated() {
        String m = member("m_90ld0001", Tier.GOLD);
        Ticket t = resolvedComplaint(m);
        surveys.answer(t, new Surveys.Answer(2, "Too slow."));
        var again = assertThrows(ProblemException.class, () -> surveys.answer(t, new Surveys.Answer(1, null)));
        assertEquals(409, again.problem().status(), "a second answer is refused");
        ComplaintScored scored = scoredEvent(t);
        assertEquals(new ComplaintScored(t.ticketId(), t.ticketNumber(), m, 2, "gold", h.clock.instant()), scored);
        assertEquals("issued", h.engine.serviceRecovery(scored).get(0).outcome());
        assertEquals("repeated", h.engine.serviceRecovery(scored).get(0).outcome(), "the event delivered twice");
        assertEquals(1, rewards(m));
    }

    @Test
    void aSilverMemberIsBelowAGoldRulesMinimumTier() {
        String m = member("m_5i1v0001", Tier.SILVER);
        Ticket t = resolvedComplaint(m);
        surveys.answer(t, new Surveys.Answer(2, null));
        assertEquals("below-min-tier", h.engine.serviceRecovery(scoredEvent(t)).get(0).outcome());
        assertEquals(0, rewards(m));
    }

    @Test
    void aGoodScoreRewardsNothing() {
        String m = member("m_90ld0003", Tier.GOLD);
        Ticket t = resolvedComplaint(m);
        surveys.answer(t, new Surveys.Answer(4, null));
        assertEquals(List.of(), h.engine.serviceRecovery(scoredEvent(t)));
        assertEquals(0, rewards(m));
    }

    @Test
    void aBreachRecoversOnceAndALowScoreAfterItAddsNothing() {
        String m = member("m_90ld0002", Tier.GOLD);
        Ticket t = resolvedComplaint(m);
        SlaBreached breached = new SlaBreached(t.ticketId(), t.ticketNumber(), m, "first_response", "first_response", "normal", null, 2,
                NOW, NOW);
        assertEquals("issued", h.engine.serviceRecovery(breached).get(0).outcome());
        SlaBreached manager = new SlaBreached(t.ticketId(), t.ticketNumber(), m, "first_response", "first_response", "normal", null, 3,
                NOW, NOW);
        assertEquals("repeated", h.engine.serviceRecovery(manager).get(0).outcome(), "the manager's escalation is the same ticket");
        surveys.answer(t, new Surveys.Answer(1, null));
        assertEquals("repeated", h.engine.serviceRecovery(scoredEvent(t)).get(0).outcome());
        assertEquals(1, rewards(m));
    }
}
