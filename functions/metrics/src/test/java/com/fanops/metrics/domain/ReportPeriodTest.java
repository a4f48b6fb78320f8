package com.fanops.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    private static ReportPeriod p(ReportPeriod.Kind kind, String day) {
        return ReportPeriod.containing(kind, LocalDate.parse(day));
    }

    @Test
    void weeksAreIsoWeeksStartingOnMonday() {
        ReportPeriod w = p(ReportPeriod.Kind.WEEK, "2026-01-01");
        assertEquals(LocalDate.parse("2025-12-29"), w.start());
        assertEquals(LocalDate.parse("2026-01-04"), w.end());
        assertEquals("2026-W01", w.label(), "the week of 1 January 2026 belongs to ISO year 2026");
        assertEquals("2025-W52", w.previous().label());
        assertEquals(LocalDate.parse("2025-12-28"), w.previous().end());
        assertEquals(7, w.days());
    }

    @Test
    void monthsAndQuartersKnowLeapYears() {
        ReportPeriod feb = p(ReportPeriod.Kind.MONTH, "2024-02-10");
        assertEquals(29, feb.days());
        assertEquals(LocalDate.parse("2024-01-01"), feb.previous().start());
        ReportPeriod q1 = p(ReportPeriod.Kind.QUARTER, "2024-03-31");
        assertEquals(LocalDate.parse("2024-01-01"), q1.start());
        assertEquals(91, q1.days());
        assertEquals("2024-Q1", q1.label());
        assertEquals("2023-Q4", q1.previous().label());
        assertEquals(90, p(ReportPeriod.Kind.QUARTER, "2025-02-01").days());
    }

    @Test
    void theLastWholeDayDependsOnTheBusinessTimeZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertEquals(LocalDate.parse("2026-03-01"), MetricsCalendar.lastWholeDay(Instant.parse("2026-03-01T16:20:00Z"), shanghai),
                "00:20 on 2 March in Shanghai");
        assertEquals(LocalDate.parse("2026-02-28"), MetricsCalendar.lastWholeDay(Instant.parse("2026-03-01T15:59:59Z"), shanghai),
                "23:59 on 1 March in Shanghai");
        assertEquals(LocalDate.parse("2024-02-29"), MetricsCalendar.lastWholeDay(Instant.parse("2024-02-29T16:00:00Z"), shanghai));
        assertEquals(LocalDate.parse("2024-02-28"), MetricsCalendar.lastWholeDay(Instant.parse("2024-02-29T16:00:00Z"), ZoneId.of("UTC")));
    }
}
