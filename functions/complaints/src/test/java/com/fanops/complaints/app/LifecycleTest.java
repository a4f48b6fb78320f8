package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.SlaWarning;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    /** Tuesday 2026-11-24 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    Ticket file(String memberId, String key) {
        if (memberId != null) {
            h.member(memberId, Tier.GOLD);
        }
        h.intake.submit(new ComplaintForm("Li Lei", key + "@example.com", "en", memberId, "delivery", "Parcel lost.", null, null), key,
                memberId == null ? null : "Bearer token-" + memberId, "1.2.3.4");
        return h.drain();
    }

    @Test
    void aTicketIsWorkedToResolutionAndEveryStepIsHistory() {
        Ticket t = file("m_0c0ffee1", "k1");
        h.clock.advance(Duration.ofMinutes(30));
        t = h.work.assign(t.ticketId(), "agent@fanops.local", "agent@fanops.local");
        t = h.work.reply(t.ticketId(), "agent@fanops.local", "We are looking for your parcel.");
        assertEquals(TicketStatus.INVESTIGATING, t.status());
        assertNull(t.due().firstResponse(), "the first response is met");
        assertEquals("ticket_reply", h.sent.get(1).kind());
        assertEquals("m_0c0ffee1", h.sent.get(1).memberId(), "a member complainant is written to as a member");
        t = h.work.move(t.ticketId(), "agent@fanops.local", "waiting_on_member");
        assertNull(t.due().resolution(), "no resolution deadline while the clock is paused");
        h.clock.advance(Duration.ofDays(2));
        t = h.work.complainantReply(t, "It was a blue box.");
        assertEquals(TicketStatus.INVESTIGATING, t.status());
        assertNotNull(t.due().nextResponse());
        assertNotNull(t.due().resolution());
        t = h.work.record(t.ticketId(), "agent@fanops.local", new TicketWork.Record("courier", "Lost at the depot.", "Depot audit"));
        t = h.work.resolve(t.ticketId(), "agent@fanops.local", new TicketWork.Resolution("Re-sent the order.", true, null, null, null));
        assertEquals(TicketStatus.RESOLVED, t.status());
        assertEquals("courier", t.work().responsibleParty());
        var resolved = h.bus.of(ComplaintResolved.class);
        assertEquals(1, resolved.size());
        assertEquals(new ComplaintResolved(t.ticketId(), "m_0c0ffee1", "delivery", "normal", h.clock.instant(), true), resolved.get(0));

        List<String> actions = h.tickets.history(t.ticketId()).stream().map(l -> l.action().key()).toList();
        assertEquals(List.of("received", "acknowledged", "assigned", "replied", "status", "status", "status", "member_replied", "recorded",
                "resolved"), actions);
        var view = h.views.forAgent(t);
        assertEquals("li lei".length(), ((String) view.get("name")).length());
        assertEquals("It was a blue box.", ((List<Map<String, Object>>) view.get("history")).get(7).get("text"));
        var summary = h.views.summary(t);
        assertTrue(!summary.containsKey("name") && !summary.containsKey("memberId") && !summary.containsKey("description"));
    }

    @Test
    void aTransitionNotAllowedIsA409NamingTheStatusAndWritesNothing() {
        Ticket t = file(null, "k2");
        int lines = h.tickets.history(t.ticketId()).size();
        var e = assertThrows(ProblemException.class, () -> h.work.move(t.ticketId(), "agent", "closed"));
        assertEquals(409, e.problem().status());
        assertEquals("status", e.problem().errors().get(0).field());
        assertEquals(400, assertThrows(ProblemException.class, () -> h.work.move(t.ticketId(), "agent", "resolved")).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> h.work.reply(t.ticketId(), "agent", " ")).problem().status());
        var noUpheld = assertThrows(ProblemException.class, () -> h.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("x", null, null, null, null)));
        assertEquals("upheld", noUpheld.problem().errors().get(0).field());
        assertEquals(lines, h.tickets.history(t.ticketId()).size());
        assertEquals(t.revision(), h.tickets.find(t.ticketId()).orElseThrow().revision());
    }

    @Test
    void theComplainantReopensWithinTheWindowAndNotAfter() {
        Ticket t = file(null, "k3");
        h.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("Refunded.", false, null, null, null));
        h.clock.advance(Duration.ofDays(3));
        Ticket reopened = h.work.complainantReply(h.work.get(t.ticketId()), "Still not refunded.");
        assertEquals(TicketStatus.INVESTIGATING, reopened.status());
        assertNotNull(reopened.reopenedAt());
        h.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("Refunded now.", false, null, null, null));
        h.clock.advance(Duration.ofDays(15));
        var late = assertThrows(ProblemException.class, () -> h.work.complainantReply(h.work.get(t.ticketId()), "Again."));
        assertEquals(409, late.problem().status());
        assertEquals(2, h.bus.of(ComplaintResolved.class).size());
    }

    @Test
    void theSurveyIsRequestedOnceAndAnsweredOnceFeedingTheDaysCsat() {
        Ticket t = file(null, "k4");
        var early = assertThrows(ProblemException.class, () -> h.surveys.answer(t, new Surveys.Answer(5, null)));
        assertEquals(409, early.problem().status());
        h.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("Done.", true, null, null, null));
        h.sweep.sweep(h.clock.instant());
        h.sweep.sweep(h.clock.instant());
        var surveys = h.sent.stream().filter(m -> m.kind().equals("survey")).toList();
        assertEquals(1, surveys.size());
        assertTrue(surveys.get(0).params().get("surveyUrl").startsWith(ComplaintsHarness.SITE + "/complaint-survey.html#" + t.ticketNumber() + "."));
        Ticket resolved = h.work.get(t.ticketId());
        for (int bad : new int[] {0, 6}) {
            assertEquals("score", assertThrows(ProblemException.class, () -> h.surveys.answer(resolved, new Surveys.Answer(bad, null)))
                    .problem().errors().get(0).field());
        }
        h.surveys.answer(resolved, new Surveys.Answer(4, "Quick, thanks."));
        var again = assertThrows(ProblemException.class, () -> h.surveys.answer(resolved, new Surveys.Answer(5, null)));
        assertEquals(409, again.problem().status());
        var csat = h.tickets.csat(LocalDate.of(2026, 11, 24));
        assertEquals(1, csat.answers());
        assertEquals(4, csat.scoreSum());
        assertEquals(1, csat.byScore()[4]);
        assertEquals("Quick, thanks.", h.cipher.decrypt(t.ticketId(), "surveyComment", h.tickets.survey(t.ticketId()).orElseThrow().commentEnc()));
    }

    @Test
    void theSweepWarnsAndEscalatesOncePerTargetAndRederivesAfterAPolicyChange() {
        Ticket t = file(null, "k5");
        Instant due = t.due().firstResponse();
        assertEquals(0, h.sweep.sweep(h.clock.instant()).warned());
        // 80% of 24 working hours = 19.2 h: Tuesday 6.5 h, Wednesday 7.5 h, Thursday 09:00-12:00 and 13:30-15:42.
        Instant warnAt = Instant.parse("2026-11-26T07:42:00Z");
        assertEquals(0, h.sweep.sweep(warnAt.minusSeconds(1)).warned());
        assertEquals(1, h.sweep.sweep(warnAt).warned());
        assertEquals(0, h.sweep.sweep(warnAt).warned(), "the same run again changes nothing");
        assertEquals(0, h.sweep.sweep(due.minusSeconds(1)).escalated());
        var run = h.sweep.sweep(due);
        assertEquals(1, run.escalated());
        assertEquals(0, h.sweep.sweep(due.plus(Duration.ofHours(1))).escalated(), h.bus.all().toString());
        assertEquals(List.of("first_response"), h.bus.of(SlaWarning.class).stream().map(SlaWarning::instance).toList());
        assertEquals(1, h.bus.of(SlaBreached.class).size());
        assertEquals("first_response", h.bus.of(SlaBreached.class).get(0).instance());

        // A policy change: normal's first response becomes 8 working hours; the open ticket's deadlines follow from its log.
        var current = h.settings.sla().currentVersion();
        Map<String, SlaPolicy.Targets> targets = new LinkedHashMap<>(current.value().targets());
        targets.put("normal", new SlaPolicy.Targets(8 * 60, 8 * 60, 72 * 60, false));
        h.settings.sla().change(new SlaPolicy(targets, 50, 80, 14, 150), current.version(), "admin@fanops.local");
        assertEquals(1, h.sweep.sweep(due.plus(Duration.ofHours(1))).rederived());
        Ticket after = h.work.get(t.ticketId());
        assertEquals(Instant.parse("2026-11-25T02:30:00Z"), after.due().firstResponse(), "8 working hours from Tuesday 10:00: Wednesday 10:30");
        assertEquals(1, after.due().policyVersion());
        assertEquals(1, h.bus.of(SlaBreached.class).size(), "an instance already escalated is not escalated again");
    }

    @Test
    void historyLinesAreNeverRewritten() {
        Ticket t = file(null, "k6");
        List<HistoryEntry> before = h.tickets.history(t.ticketId());
        h.work.reply(t.ticketId(), "agent", "Hello.");
        List<HistoryEntry> after = h.tickets.history(t.ticketId());
        assertEquals(before, after.subList(0, before.size()));
    }
}
