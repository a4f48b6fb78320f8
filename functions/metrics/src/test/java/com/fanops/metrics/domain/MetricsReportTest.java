package com.fanops.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsReportTest {

    /** A snapshot with the figures a report reads; the rest is empty. */
    static DailySnapshot day(LocalDate day, long dau, long members, long newMembers, Double annual, long d1Size, long d1Retained) {
        return new DailySnapshot(day, "Asia/Shanghai", Instant.EPOCH, 1, new DailySnapshot.Activity(dau, dau * 2, dau * 4, Rates.of(dau, dau * 4)),
                new DailySnapshot.Members(members, newMembers, 1, newMembers - 1, 0, 0, dau * 3, Rates.of(dau * 3, members)),
                new DailySnapshot.Retention(null,
                        new DailySnapshot.Annual(YearMonth.from(day).minusMonths(12), 10, annual == null ? 0 : Math.round(annual * 10), annual)),
                List.of(new DailySnapshot.CohortRow(day.minusDays(1), d1Size, d1Retained, Map.of("1", d1Retained))), new DailySnapshot.Conversion(0, dau * 4, 0.0), new DailySnapshot.Points(100, 10),
                new DailySnapshot.Care(1, 5, 1, new DailySnapshot.WinBack(day.minusDays(30), 0, 0, null)), null, null,
                KpiTargets.defaults().against(Rates.of(dau * 3, members), annual, null, 0.0), 0, null, null);
    }

    @Test
    void aMonthAgainstTheMonthBefore() {
        List<DailySnapshot> november = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            november.add(day(LocalDate.of(2026, 11, i), 10, 100 + i, 2, 0.5, 4, i % 2 == 0 ? 2 : 1));
        }
        List<DailySnapshot> october = new ArrayList<>();
        for (int i = 1; i <= 31; i++) {
            october.add(day(LocalDate.of(2026, 10, i), 8, 70 + i, 1, 0.4, 0, 0));
        }
        MetricsReport r = MetricsReport.of(ReportPeriod.containing(ReportPeriod.Kind.MONTH, LocalDate.parse("2026-11-05")), november, october,
                LocalDate.parse("2026-12-01"), "Asia/Shanghai");
        assertEquals("2026-11", r.label());
        assertTrue(r.complete());
        assertEquals(30, r.daysWithData());
        assertEquals(new MetricsReport.Figure("sum", 60L, 31L, 29L, 0.9355), r.figures().get("newMembers"));
        assertEquals(new MetricsReport.Figure("average", 10.0, 8.0, 2.0, 0.25), r.figures().get("dau"));
        assertEquals(new MetricsReport.Figure("end", 130L, 101L, 29L, 0.2871), r.figures().get("members"));
        assertEquals(new MetricsReport.Figure("end", 0.2308, 0.2376, -0.0068, -0.0286), r.figures().get("monthlyActiveRate"),
                "30 active of 130 members against 24 of 101");
        assertEquals(new MetricsReport.Figure("end", 30L, 24L, 6L, 0.25), r.figures().get("activeMembers"));
        assertEquals(new MetricsReport.Figure("weighted", 0.375, null, null, null), r.figures().get("classicD1"),
                "45 retained of 120; October's cohorts were all empty");
        assertEquals(new MetricsReport.Figure("end", 0.5, 0.4, 0.1, 0.25), r.figures().get("annualRetention"));
        assertEquals("annualRetention", r.kpis().get(1).kpi());
        assertEquals(0.0, r.kpis().get(1).gap(), "the KPI gaps at the period's end");
        String csv = r.csv();
        assertTrue(csv.startsWith("section,name,aggregation,value,previous,change,changeRate,target,gap,met\r\n"), csv);
        assertTrue(csv.contains("figure,newMembers,sum,60,31,29,0.9355,,,\r\n"), csv);
        assertTrue(csv.contains("kpi,annualRetention,end,0.5,0.4,0.1,0.25,0.5,0,true\r\n"), csv);
        assertEquals("fanops-metrics-month-2026-11.csv", r.filename());
    }

    @Test
    void aPeriodInProgressIsIncompleteAndAPeriodWithoutDataHasNoValues() {
        ReportPeriod week = ReportPeriod.containing(ReportPeriod.Kind.WEEK, LocalDate.parse("2026-11-18"));
        List<DailySnapshot> days = List.of(day(LocalDate.parse("2026-11-16"), 5, 10, 1, null, 0, 0),
                day(LocalDate.parse("2026-11-17"), 7, 11, 1, null, 0, 0));
        MetricsReport r = MetricsReport.of(week, days, List.of(), LocalDate.parse("2026-11-17"), "Asia/Shanghai");
        assertFalse(r.complete());
        assertEquals(LocalDate.parse("2026-11-17"), r.through());
        assertEquals(6.0, r.figures().get("dau").value());
        assertNull(r.figures().get("dau").previous());
        assertNull(r.figures().get("annualRetention").value());
        MetricsReport empty = MetricsReport.of(week, List.of(), List.of(), LocalDate.parse("2026-11-17"), "Asia/Shanghai");
        assertEquals(0, empty.daysWithData());
        assertNull(empty.figures().get("members").value());
        assertEquals(List.of(), empty.kpis());
        assertEquals(Map.of(), Map.of());
    }
}
