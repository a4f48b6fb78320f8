package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintSummary;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.store.MonthTickets;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.platform.http.ProblemException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The monthly summary against a brute force over tickets generated through the real intake and work, minute by minute. */
class ComplaintSummaryTest {

    static final YearMonth MONTH = YearMonth.of(2026, 11);
    static final Instant FROM = MONTH.atDay(1).atStartOfDay(ComplaintsHarness.ZONE).toInstant();
    static final Instant TO = MONTH.plusMonths(1).atDay(1).atStartOfDay(ComplaintsHarness.ZONE).toInstant();

    ComplaintsHarness h;
    ComplaintSummaries summaries;

    /** What the test did to one ticket: the facts the brute force starts from. */
    record Made(Category category, Instant received, boolean flagged, Instant repliedAt, Instant resolvedAt, boolean upheld,
                Instant surveyedAt, Integer score) {
    }

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(FROM);
        summaries = new ComplaintSummaries(new MonthTickets(h.dynamo.client(), "ComplaintsTable"), h.settings, ComplaintsHarness.ZONE, h.clock);
        // Only the keyword flags here (the test knows them); spikes and repeats have tests of their own.
        h.settings.risk().change(new RiskRules(List.of("viral"), 3.0, 10_000, 100, 30, "gold", 2), 0, "admin@fanops.local");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** About 40 s (every ticket through intake, work and survey): the slow layer's, with SlaYearTest. */
    @Test
    @Tag("slow")
    void theSummaryMatchesABruteForceOverGeneratedTickets() {
        Random random = new Random(1411);
        List<Made> made = new ArrayList<>();
        int key = 0;
        for (int i = 0; i < 45; i++) {
            // A few just outside the month, on either side.
            Instant received = i < 3 ? FROM.minus(Duration.ofMinutes(1 + random.nextInt(600)))
                    : i < 6 ? TO.plus(Duration.ofMinutes(random.nextInt(600)))
                    : FROM.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
            Category category = Category.values()[random.nextInt(Category.values().length)];
            boolean flagged = random.nextInt(5) == 0;
            h.clock.set(received);
            h.intake.submit(new ComplaintForm("Li Lei", "c" + i + "@example.com", "en", null, category.key(),
                    flagged ? "This will go viral." : "It broke.", null, null), "k-" + (++key), null, "1.2.3.4");
            Ticket t = h.drain();
            Instant at = received;
            Instant replied = null;
            if (random.nextInt(10) < 7) {
                at = at.plus(Duration.ofMinutes(random.nextInt(5 * 24 * 60)));
                h.clock.set(at);
                h.work.reply(t.ticketId(), "agent@fanops.local", "We are on it.");
                replied = at;
            }
            Instant resolved = null;
            boolean upheld = random.nextBoolean();
            Instant surveyed = null;
            Integer score = null;
            if (random.nextInt(10) < 7) {
                at = at.plus(Duration.ofMinutes(random.nextInt(12 * 24 * 60)));
                h.clock.set(at);
                h.work.resolve(t.ticketId(), "agent@fanops.local", new TicketWork.Resolution("Fixed.", upheld, null, null, null));
                resolved = at;
                if (random.nextInt(10) < 6) {
                    at = at.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
                    h.clock.set(at);
                    score = 1 + random.nextInt(5);
                    h.surveys.answer(t, new Surveys.Answer(score, null));
                    surveyed = at;
                }
            }
            made.add(new Made(category, received, flagged, replied, resolved, upheld, surveyed, score));
        }
        h.clock.set(Instant.parse("2027-01-10T00:00:00Z"));

        ComplaintSummaries.Summary s = summaries.summary(MONTH);
        assertEquals(TO, s.asOf());
        List<ComplaintSummary.Row> expected = new ArrayList<>();
        for (Category c : Category.values()) {
            expected.add(brute(c.key(), made, m -> m.category() == c));
        }
        expected.add(brute("total", made, m -> true));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), s.rows().get(i), expected.get(i).category());
        }
        assertTrue(s.rows().get(s.rows().size() - 1).received() == 39, "the month's tickets and no other");
    }

    @Test
    void theCsvIsRfc4180WithAHeaderAndAByteOrderMarkAndABadMonthNamesTheField() {
        h.clock.set(FROM.plus(Duration.ofDays(2)));
        h.intake.submit(new ComplaintForm("李雷", "a@example.com", "zh-CN", null, "delivery", "快递丢了", null, null), "k-1", null, "1.2.3.4");
        h.drain();
        String csv = summaries.csv(summaries.summary(MONTH));
        assertTrue(csv.startsWith("\uFEFFcategory,received,resolved,openAtMonthEnd,upheld,"), csv);
        String[] lines = csv.substring(1).split("\r\n", -1);
        assertEquals(Category.values().length + 3, lines.length, "header, a line per category, total, and the final CRLF");
        assertTrue(lines[3].startsWith("delivery,1,0,1,0,,,,,,0,0,,0"), lines[3]);
        assertTrue(lines[Category.values().length + 1].startsWith("total,1,"), csv);
        for (String bad : new String[] {"2026-13", "2026-1", "november", "2027-01", "1999-12"}) {
            var e = assertThrows(ProblemException.class, () -> summaries.month(bad), bad);
            assertEquals(400, e.problem().status());
            assertEquals("month", e.problem().errors().get(0).field());
        }
        assertEquals(MONTH, summaries.month(null), "the current month by default");
    }

    // ------------------------------------------------------------------ the brute force

    static ComplaintSummary.Row brute(String name, List<Made> all, Predicate<Made> in) {
        List<Made> month = all.stream().filter(in).filter(m -> !m.received().isBefore(FROM) && m.received().isBefore(TO)).toList();
        long resolved = 0;
        long upheld = 0;
        long breaches = 0;
        long flagged = 0;
        List<Long> business = new ArrayList<>();
        List<Long> calendar = new ArrayList<>();
        long responses = 0;
        long onTime = 0;
        List<Integer> scores = new ArrayList<>();
        for (Made m : month) {
            // High (a risk flag raises to high; privacy is high by the priority rules): 4 and 24 working hours; normal 24 and 72.
            boolean high = m.flagged() || m.category() == Category.PRIVACY;
            int firstGoal = high ? 240 : 1440;
            int resolutionGoal = high ? 1440 : 4320;
            Instant res = before(m.resolvedAt());
            Instant firstResponse = first(before(m.repliedAt()), res);
            boolean breached = false;
            if (res != null) {
                resolved++;
                upheld += m.upheld() ? 1 : 0;
                business.add(working(m.received(), res));
                calendar.add(Duration.between(m.received(), res).toMinutes());
                breached |= res.isAfter(deadline(m.received(), resolutionGoal));
            } else {
                breached |= !TO.isBefore(deadline(m.received(), resolutionGoal));
            }
            if (firstResponse != null) {
                responses++;
                boolean late = firstResponse.isAfter(deadline(m.received(), firstGoal));
                onTime += late ? 0 : 1;
                breached |= late;
            } else {
                breached |= !TO.isBefore(deadline(m.received(), firstGoal));
            }
            breaches += breached ? 1 : 0;
            flagged += m.flagged() ? 1 : 0;
            if (before(m.surveyedAt()) != null) {
                scores.add(m.score());
            }
        }
        business.sort(null);
        calendar.sort(null);
        return new ComplaintSummary.Row(name, month.size(), resolved, month.size() - resolved, upheld, rank(business, 50), rank(business, 90),
                hours(rank(calendar, 50)), hours(rank(calendar, 90)),
                responses == 0 ? null : Math.round(onTime * 10_000.0 / responses) / 10_000.0, breaches, scores.size(),
                scores.isEmpty() ? null : Math.round(scores.stream().mapToInt(Integer::intValue).sum() * 100.0 / scores.size()) / 100.0, flagged);
    }

    static Instant before(Instant at) {
        return at != null && at.isBefore(TO) ? at : null;
    }

    static Instant first(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Nearest rank by counting: the smallest value with at least p% of the values at or below it. */
    static Long rank(List<Long> values, int p) {
        for (long v : values) {
            if (values.stream().filter(x -> x <= v).count() * 100 >= (long) p * values.size()) {
                return v;
            }
        }
        return null;
    }

    static Double hours(Long minutes) {
        return minutes == null ? null : Math.round(minutes / 6.0) / 10.0;
    }

    static boolean workingMinute(Instant minute) {
        ZonedDateTime z = minute.atZone(ComplaintsHarness.ZONE);
        if (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        LocalTime t = z.toLocalTime();
        return !t.isBefore(LocalTime.of(9, 0)) && t.isBefore(LocalTime.of(12, 0))
                || !t.isBefore(LocalTime.of(13, 30)) && t.isBefore(LocalTime.of(18, 0));
    }

    static long working(Instant from, Instant to) {
        long n = 0;
        for (Instant m = from; m.isBefore(to); m = m.plusSeconds(60)) {
            n += workingMinute(m) ? 1 : 0;
        }
        return n;
    }

    /** The end of the minute in which the working minutes counted from {@code from} reach {@code goal}. */
    static Instant deadline(Instant from, int goal) {
        long n = 0;
        Instant m = from;
        while (true) {
            if (workingMinute(m) && ++n == goal) {
                return m.plusSeconds(60);
            }
            m = m.plusSeconds(60);
        }
    }
}
