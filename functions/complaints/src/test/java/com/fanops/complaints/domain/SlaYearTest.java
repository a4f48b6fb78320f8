package com.fanops.complaints.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.SlaClock.Entry;
import com.fanops.complaints.domain.SlaClock.Mark;
import com.fanops.complaints.domain.SlaClock.Target;
import com.fanops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A whole year of tickets on a calendar like the one a Chinese brand publishes (the test's own holidays and adjusted
 * working days, not an official list): a clock walks 2026 in 37-minute steps, a ticket opens at each step, and every
 * deadline of every priority lands inside working time, never on a holiday, after exactly its goal of working time, and
 * never earlier than the deadline of a ticket opened before it.
 */
@Tag("slow")
class SlaYearTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static BusinessCalendar year2026() {
        List<String> holidays = new ArrayList<>();
        for (String[] range : new String[][] {{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
                {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"}, {"2026-10-01", "2026-10-07"}}) {
            for (LocalDate d = LocalDate.parse(range[0]); !d.isAfter(LocalDate.parse(range[1])); d = d.plusDays(1)) {
                holidays.add(d.toString());
            }
        }
        List<String> workdays = List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        List<String> day = List.of("09:00-12:00", "13:30-18:00");
        Map<String, List<String>> week = Map.of("monday", day, "tuesday", day, "wednesday", day, "thursday", day, "friday", day,
                "saturday", List.of("10:00-16:00"));
        BusinessCalendar c = new BusinessCalendar("Asia/Shanghai", week, holidays, workdays, day);
        assertEquals(List.of(), c.validate());
        return c;
    }

    @Test
    void aYearOfTicketsMeetsEveryDeadlineRule() {
        BusinessCalendar cal = year2026();
        SlaPolicy policy = SlaPolicy.defaults();
        MutableClock clock = new MutableClock(Instant.parse("2025-12-31T16:00:00Z"));
        Instant end = Instant.parse("2026-12-31T16:00:00Z");
        Map<Priority, Instant> lastDeadline = new java.util.EnumMap<>(Priority.class);
        int tickets = 0;
        while (clock.instant().isBefore(end)) {
            Instant opened = clock.instant();
            for (Priority p : Priority.values()) {
                for (boolean diamond : new boolean[] {false, true}) {
                    SlaPolicy.Goals goals = policy.goals(p, diamond);
                    var r = SlaClock.replay(List.of(new Entry(1, opened, Mark.OPENED)), cal, goals, policy.warnAtPercent());
                    Instant first = r.current(Target.FIRST_RESPONSE).orElseThrow().deadline();
                    Instant resolution = r.current(Target.RESOLUTION).orElseThrow().deadline();
                    for (Instant d : List.of(first, resolution)) {
                        assertTrue(cal.working(d.minusSeconds(1)), "deadline " + d + " closes working time");
                        assertFalse(cal.holidays().contains(d.minusSeconds(1).atZone(SHANGHAI).toLocalDate().toString()));
                    }
                    assertEquals(goals.firstResponse(), cal.workingBetween(opened, first));
                    assertEquals(goals.resolution(), cal.workingBetween(opened, resolution));
                    assertFalse(resolution.isBefore(first));
                    if (!diamond) {
                        Instant previous = lastDeadline.put(p, resolution);
                        assertTrue(previous == null || !resolution.isBefore(previous), "deadlines never go back as the start moves on");
                    }
                }
            }
            tickets++;
            clock.advance(Duration.ofMinutes(37));
        }
        assertTrue(tickets > 14_000);
    }

    @Test
    void theAdjustedSaturdayAfterNationalDayIsWorkedWithWeekdayHours() {
        BusinessCalendar cal = year2026();
        Instant friday = LocalDate.of(2026, 10, 9).atTime(17, 0).atZone(SHANGHAI).toInstant();
        // One hour left on Friday, then Saturday 10 October is an adjusted working day with 09:00-12:00 hours.
        assertEquals(LocalDate.of(2026, 10, 10).atTime(10, 0).atZone(SHANGHAI).toInstant(), cal.advance(friday, Duration.ofHours(2)));
        // A normal Saturday has its own 10:00-16:00 shift.
        Instant fri2 = LocalDate.of(2026, 10, 16).atTime(17, 0).atZone(SHANGHAI).toInstant();
        assertEquals(LocalDate.of(2026, 10, 17).atTime(11, 0).atZone(SHANGHAI).toInstant(), cal.advance(fri2, Duration.ofHours(2)));
    }
}
