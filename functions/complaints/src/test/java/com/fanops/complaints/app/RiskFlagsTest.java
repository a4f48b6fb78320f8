package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintReceived;
import com.fanops.complaints.domain.ComplaintRiskFlagged;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.RiskReason;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.complaints.domain.Submission;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RiskFlagsTest {

    /** Tuesday 2026-11-24 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;
    int keys;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    Ticket file(String contact, String category, String description) {
        return file(contact, category, description, null);
    }

    Ticket file(String contact, String category, String description, String memberId) {
        h.intake.submit(new ComplaintForm("Li Lei", contact, "en", memberId, category, description, null, null), "k-" + (++keys),
                memberId == null ? null : "Bearer token-" + memberId, "1.2.3.4");
        return h.drain();
    }

    /** The median by its definition: the middle of the values with at least half the values on either side. */
    static double bruteMedian(List<Long> v) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long x : v) {
            if (2 * v.stream().filter(y -> y <= x).count() >= v.size()) {
                lo = Math.min(lo, x);
            }
            if (2 * v.stream().filter(y -> y >= x).count() >= v.size()) {
                hi = Math.max(hi, x);
            }
        }
        return (lo + hi) / 2.0;
    }

    List<HistoryEntry> flagLines(Ticket t) {
        return h.tickets.history(t.ticketId()).stream().filter(l -> l.action() == HistoryEntry.Action.RISK_FLAGGED).toList();
    }

    @Test
    void aKeywordFlagsTheTicketRaisesItToHighAndTellsTheBusOnceEvenDeliveredTwice() {
        h.intake.submit(new ComplaintForm("Li Lei", "a@example.com", "en", null, "delivery", "This will go ＶＩＲＡＬ on Weibo.", null, null),
                "k-viral", null, "1.2.3.4");
        Submission s = h.queue.get(0);
        Ticket t = h.drain();
        h.tickerIntake.take(s);
        t = h.tickets.find(t.ticketId()).orElseThrow();
        assertEquals(List.of(RiskReason.KEYWORD), t.risk());
        assertEquals(Priority.HIGH, t.priority(), "normal raised to high");
        // The deadlines are those of the raised priority: high's 4 working hours from Tuesday 10:00.
        assertEquals(Instant.parse("2026-11-24T07:30:00Z"), t.due().firstResponse());
        assertEquals("high", h.bus.of(ComplaintReceived.class).get(0).priority());
        List<HistoryEntry> lines = flagLines(t);
        assertEquals(1, lines.size());
        assertEquals("reasons=keyword priority=normal->high", lines.get(0).detail());
        assertEquals(null, lines.get(0).to(), "the complainant's history shows no flag");
        var flagged = h.bus.of(ComplaintRiskFlagged.class);
        assertEquals(List.of(new ComplaintRiskFlagged(t.ticketId(), t.ticketNumber(), null, "delivery", "high", List.of("keyword"), NOW)),
                flagged);
        assertTrue(h.views.forComplainant(t).toString().indexOf("risk") < 0);
    }

    @Test
    void anUrgentTicketStaysUrgentWhenFlagged() {
        Ticket t = file("b@example.com", "product", "我要找记者曝光");
        assertEquals(Priority.URGENT, t.priority());
        assertEquals(List.of(RiskReason.KEYWORD), t.risk());
    }

    @Test
    void theThirdTicketOfAContactWithin30DaysIsARepeat() {
        Ticket first = file("r@example.com", "service", "Rude staff.");
        h.clock.advance(Duration.ofDays(10));
        Ticket second = file("r@example.com", "delivery", "Late again.");
        h.clock.advance(Duration.ofDays(10));
        Ticket third = file("r@example.com", "product", "Broken.");
        assertEquals(List.of(), first.risk());
        assertEquals(List.of(), second.risk());
        assertEquals(List.of(RiskReason.REPEAT), third.risk());
        h.clock.advance(Duration.ofDays(25));
        // Day 45: only the ticket of day 20 is within 30 days.
        assertEquals(List.of(), file("r@example.com", "other", "Still broken.").risk());
        assertEquals(1, h.bus.of(ComplaintRiskFlagged.class).size());
    }

    @Test
    void reasonsFoundTogetherAreOneFlagWithEachReasonOnce() {
        file("s@example.com", "service", "One.");
        file("s@example.com", "service", "Two.");
        Ticket t = file("s@example.com", "service", "Three, and I called a lawyer.");
        assertEquals(List.of(RiskReason.KEYWORD, RiskReason.REPEAT), t.risk());
        assertEquals(1, flagLines(t).size());
        assertEquals(List.of("keyword", "repeat"), h.bus.of(ComplaintRiskFlagged.class).get(0).reasons());
    }

    /** The category's counts of the 28 days before: one Query, whatever they were; the ticket that crosses flags and those after. */
    @Test
    void aSpikeFlagsTheTicketThatCrossesTheLineAndThoseAfterItThatDayAgainstTheMedianOfTheDaysBefore() {
        Random random = new Random(14);
        List<Long> before = new ArrayList<>();
        Instant today = NOW;
        for (int d = RiskRules.SPIKE_DAYS; d >= 1; d--) {
            long n = random.nextInt(4);
            before.add(n);
            h.clock.set(today.minus(Duration.ofDays(d)));
            for (int i = 0; i < n; i++) {
                file("p" + d + "-" + i + "@example.com", "product", "Broken.");
            }
        }
        h.clock.set(today);
        double median = bruteMedian(before);
        int flaggedFrom = -1;
        for (int k = 1; k <= 12; k++) {
            Ticket t = file("q" + k + "@example.com", "product", "Broken.");
            boolean expected = k >= 5 && k > 3 * median;
            assertEquals(expected, t.risk().contains(RiskReason.SPIKE), "ticket " + k + " of the day, median " + median + " of " + before);
            if (expected && flaggedFrom < 0) {
                flaggedFrom = k;
            }
        }
        assertTrue(flaggedFrom > 0, "the series " + before + " makes a spike within 12 tickets");
        assertEquals(List.of(), file("x@example.com", "delivery", "Late.").risk(), "another category is not spiking");
    }

    @Test
    void aGoldMembersLowScoreFlagsTheTicketOnceWhenTheSurveyIsAnswered() {
        h.member("m_601d0001", Tier.GOLD);
        h.member("m_51100001", Tier.SILVER);
        Ticket gold = file("g@example.com", "delivery", "Lost.", "m_601d0001");
        Ticket silver = file("v@example.com", "delivery", "Lost.", "m_51100001");
        for (Ticket t : List.of(gold, silver)) {
            h.work.resolve(t.ticketId(), "agent@fanops.local", new TicketWork.Resolution("Refunded.", true, null, null, null));
        }
        h.clock.advance(Duration.ofHours(1));
        Ticket answered = h.surveys.answer(gold, new Surveys.Answer(2, null));
        assertEquals(List.of(RiskReason.LOW_SCORE), answered.risk());
        assertEquals(Priority.HIGH, answered.priority());
        assertEquals(1, flagLines(answered).size());
        assertEquals(409, assertThrows(ProblemException.class, () -> h.surveys.answer(gold, new Surveys.Answer(1, null))).problem().status());
        assertEquals(List.of(new ComplaintRiskFlagged(gold.ticketId(), gold.ticketNumber(), "m_601d0001", "delivery", "high",
                List.of("low_score"), h.clock.instant())), h.bus.of(ComplaintRiskFlagged.class));
        assertEquals(List.of(), h.surveys.answer(silver, new Surveys.Answer(1, null)).risk(), "silver is below the configured tier");
    }

    @Test
    void theRulesAreVersionedAndBadOnesNameTheField() {
        var bad = assertThrows(ProblemException.class, () -> h.settings.risk().change(
                new RiskRules(List.of("x"), 0.0, 5, 3, 30, "gold", 2), 0, "admin@fanops.local"));
        assertEquals(400, bad.problem().status());
        assertEquals(List.of("risk.spikeFactor"), bad.problem().errors().stream().map(FieldError::field).toList());
        h.settings.risk().change(new RiskRules(List.of("parcel"), 3.0, 5, 3, 30, "gold", 2), 0, "admin@fanops.local");
        assertEquals(List.of(RiskReason.KEYWORD), file("k@example.com", "delivery", "Parcel crushed.").risk());
    }
}
