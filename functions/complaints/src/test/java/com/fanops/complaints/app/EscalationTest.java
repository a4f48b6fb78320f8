package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.SlaWarning;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.ProblemException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escalation by level (warning: the assignee, breach: the team lead, the manager at 150%), once per instance, only in
 * working time unless always-on, the ticket's state and level, and the due index the sweep reads.
 */
class EscalationTest {

    ComplaintsHarness h;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(shanghai("2026-11-24T10:00"));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(ComplaintsHarness.ZONE).toInstant();
    }

    Ticket file(String memberId, String key) {
        h.intake.submit(new ComplaintForm("Li Lei", key + "@example.com", "en", memberId, "delivery", "Parcel lost.", null, null), key,
                memberId == null ? null : "Bearer token-" + memberId, "1.2.3.4");
        return h.drain();
    }

    Ticket stored(Ticket t) {
        return h.tickets.find(t.ticketId()).orElseThrow();
    }

    @Test
    void aTargetIsEscalatedLevelByLevelOnceEachAndNeverAtNight() {
        h.member("m_0e5ca1a7", Tier.SILVER);
        Ticket t = file("m_0e5ca1a7", "e1");
        assertEquals("ok", t.due().slaState());
        assertEquals(0, t.due().escalationLevel());
        // 80% of 24 working hours is Thursday 15:42; the sweep was down until Friday 02:00 (night): nothing goes out then.
        assertEquals(shanghai("2026-11-26T15:42"), t.due().nextAction());
        assertEquals(0, h.sweep.sweep(shanghai("2026-11-26T15:41")).warned());
        assertEquals(0, h.sweep.sweep(shanghai("2026-11-27T02:00")).warned(), "not at night");
        var morning = h.sweep.sweep(shanghai("2026-11-27T09:00"));
        assertEquals(1, morning.warned(), "at the start of the next working hours");
        assertEquals(1, morning.tickets());
        assertEquals("warning", stored(t).due().slaState());
        assertEquals(1, stored(t).due().escalationLevel());
        assertEquals(shanghai("2026-11-27T11:30"), stored(t).due().nextAction(), "24 working hours: Friday 11:30");

        assertEquals(0, h.sweep.sweep(shanghai("2026-11-27T11:29")).escalated());
        assertEquals(1, h.sweep.sweep(shanghai("2026-11-27T11:30")).escalated());
        assertEquals(0, h.sweep.sweep(shanghai("2026-11-27T11:30")).escalated(), "the same run twice");
        assertEquals("breached", stored(t).due().slaState());
        assertEquals(2, stored(t).due().escalationLevel());
        // 150%: 36 working hours, past the weekend: Monday 17:30.
        assertEquals(shanghai("2026-11-30T17:30"), stored(t).due().nextAction());
        assertEquals(0, h.sweep.sweep(shanghai("2026-11-28T12:00")).escalated(), "Saturday: not due, not worked");
        var manager = h.sweep.sweep(shanghai("2026-11-30T17:30"));
        assertEquals(1, manager.toManager());
        assertEquals(3, stored(t).due().escalationLevel());

        assertEquals(List.of(new SlaWarning(t.ticketId(), t.ticketNumber(), "m_0e5ca1a7", "first_response", "first_response", "normal", null,
                1, shanghai("2026-11-27T11:30"), shanghai("2026-11-27T09:00"))), h.bus.of(SlaWarning.class));
        assertEquals(List.of(2, 3), h.bus.of(SlaBreached.class).stream().map(SlaBreached::level).toList());
        assertEquals(List.of(shanghai("2026-11-27T11:30"), shanghai("2026-11-30T17:30")),
                h.bus.of(SlaBreached.class).stream().map(SlaBreached::at).toList(), "at the exact minutes");

        // The reply meets the target: its escalation is over; the resolution target has fired nothing.
        Ticket replied = h.work.reply(t.ticketId(), "agent", "Found it.");
        assertEquals("ok", replied.due().slaState());
        assertEquals(0, replied.due().escalationLevel());
        assertTrue(stored(t).due().fired().contains("MGR#first_response"), "what fired stays remembered");
        assertEquals(2, h.bus.of(SlaBreached.class).size());
    }

    @Test
    void anAlwaysOnPriorityIsEscalatedAtNightAndPassedPointsFireOnlyTheHighest() {
        var current = h.settings.sla().currentVersion();
        Map<String, SlaPolicy.Targets> targets = new LinkedHashMap<>(current.value().targets());
        targets.put("normal", new SlaPolicy.Targets(60, 60, 8 * 60, true));
        h.settings.sla().change(new SlaPolicy(targets, 50, 80, 14, 150), current.version(), "admin@fanops.local");
        h.clock.set(shanghai("2026-11-27T17:30"));
        Ticket t = file(null, "e2");
        assertEquals(shanghai("2026-11-27T18:30"), t.due().firstResponse(), "every hour counts");
        var run = h.sweep.sweep(shanghai("2026-11-28T03:00"));
        assertEquals(0, run.warned(), "the warning is passed over once the breach is due");
        assertEquals(2, run.escalated(), "Saturday 03:00, always on: the first response (18:30) and the resolution (01:30)");
        assertEquals(List.of("first_response", "resolution"), h.bus.of(SlaBreached.class).stream().map(SlaBreached::instance).sorted().toList());
        assertTrue(stored(t).due().fired().contains("WARN#first_response"));
        assertEquals(0, h.sweep.sweep(shanghai("2026-11-28T03:05")).warned());
    }

    @Test
    void theSweepReadsOnlyDueTicketsAndTheIndexDropsPausedAndClosedOnes() {
        Ticket a = file(null, "d1");
        Ticket b = file(null, "d2");
        Ticket c = file(null, "d3");
        var quiet = h.sweep.sweep(shanghai("2026-11-24T11:00"));
        assertEquals(0, quiet.tickets(), "nothing due yet: nothing read");
        h.work.move(b.ticketId(), "agent", "waiting_on_member");
        assertNull(stored(b).due().nextAction());
        assertEquals("paused", stored(b).due().slaState());
        h.work.resolve(c.ticketId(), "agent", new TicketWork.Resolution("Refunded.", true, null, null, null));
        assertEquals("stopped", stored(c).due().slaState());
        List<String> dueNow = h.due.dueBy(h.clock.instant()).ticketIds();
        assertEquals(List.of(c.ticketId()), dueNow, "the resolved ticket's survey is due at once; the open one later; the paused never");
        h.sweep.sweep(h.clock.instant());
        assertEquals(1, h.sent.stream().filter(m -> m.kind().equals("survey")).count());
        Instant closing = stored(c).due().nextAction();
        assertEquals(stored(c).resolvedAt().plus(java.time.Duration.ofDays(14)), closing);
        assertEquals(1, h.sweep.sweep(closing).closed());
        assertFalse(h.due.dueBy(closing.plusSeconds(86_400 * 365)).ticketIds().contains(c.ticketId()), "closed: out of the index");
        assertFalse(h.due.dueBy(closing.plusSeconds(86_400 * 365)).ticketIds().contains(b.ticketId()), "paused: out of the index");
        assertTrue(h.due.dueBy(closing.plusSeconds(86_400 * 365)).ticketIds().contains(a.ticketId()), "open: its manager point is pending");
    }

    @Test
    void theManagersShareIsValidatedNamingTheField() {
        var current = h.settings.sla().currentVersion();
        var e = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, () -> h.settings.sla().change(
                new SlaPolicy(current.value().targets(), 50, 80, 14, 100), current.version(), "admin@fanops.local"));
        assertEquals(400, e.problem().status());
        assertEquals("policy.managerAtPercent", e.problem().errors().get(0).field());
        assertEquals(current.version(), h.settings.sla().currentVersion().version(), "nothing written");
    }
}
