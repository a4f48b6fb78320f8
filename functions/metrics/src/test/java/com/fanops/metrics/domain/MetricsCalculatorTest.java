package com.fanops.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {

    private static final MetricsCalculator CALC = new MetricsCalculator(new MetricsCalculator.Settings("Asia/Shanghai", 30, 30));
    private static final LocalDate D = LocalDate.parse("2026-11-21");
    private static final MetricsCalculator.Extras NO_EXTRAS = new MetricsCalculator.Extras(0, 0, null, null);
    private static final Instant AT = Instant.parse("2026-11-21T16:20:00Z");

    private static DailySnapshot snapshot(Facts f, LocalDate day) {
        FactWindow w = f.window();
        return CALC.on(day, w).snapshot(w.membersAtEndOf(day.minusDays(1)), NO_EXTRAS, KpiTargets.defaults(), AT);
    }

    @Test
    void anEmptyDayHasZeroCountsAndNullRates() {
        DailySnapshot s = snapshot(new Facts(), D);
        assertEquals(new DailySnapshot.Activity(0, 0, 0, null), s.activity());
        assertEquals(new DailySnapshot.Members(0, 0, 0, 0, 0, 0, 0L, null), s.members());
        assertNull(s.retention().headline().classic().d1().rate());
        assertNull(s.retention().headline().onOrAfter().d30().rate());
        assertNull(s.retention().annual().rate());
        assertNull(s.conversion().rate());
        assertNull(s.care().winBack().rate());
        assertEquals(30, s.cohorts().size());
        assertEquals(D.minusDays(1), s.cohorts().get(0).cohortDay(), "newest cohort first");
        assertEquals(Map.of("1", 0L), s.cohorts().get(0).onOrAfter());
        assertEquals(30, s.cohorts().get(29).onOrAfter().size());
        s.kpis().stream().filter(k -> !k.kpi().equals("satisfaction")).forEach(k -> {
            assertNull(k.actual(), k.kpi());
            assertNull(k.gap(), k.kpi());
            assertNull(k.met(), k.kpi());
        });
    }

    @Test
    void aZeroDenominatorIsNullButAZeroNumeratorIsZero() {
        Facts f = new Facts().join("m_1", D.minusDays(100));
        DailySnapshot s = snapshot(f, D);
        assertEquals(1, s.members().members());
        assertEquals(0.0, s.members().monthlyActiveRate(), "no active member among one: 0%, not unknown");
        assertNull(s.activity().dauMau(), "MAU is 0");
    }

    @Test
    void activeWindowsIncludeTheirFirstDayAndNothingBefore() {
        Facts f = new Facts();
        f.join("m_d", D.minusDays(60)).join("m_6", D.minusDays(60)).join("m_7", D.minusDays(60)).join("m_29", D.minusDays(60))
                .join("m_30", D.minusDays(60));
        f.active("m_d", D).active("m_6", D.minusDays(6)).active("m_7", D.minusDays(7)).active("m_29", D.minusDays(29))
                .active("m_30", D.minusDays(30));
        DailySnapshot s = snapshot(f, D);
        assertEquals(new DailySnapshot.Activity(1, 2, 4, 0.25), s.activity());
        assertEquals(0.8, s.members().monthlyActiveRate());
    }

    @Test
    void excludedAccountsNeverCount() {
        Facts f = new Facts().join("m_fan", D).join("m_staff", D, "staff").join("m_qa", D.minusDays(1), "test");
        f.active("m_fan", D).active("m_staff", D).purchase("m_qa", D).follow("m_staff", D);
        DailySnapshot s = snapshot(f, D);
        assertEquals(1, s.activity().dau());
        assertEquals(1, s.members().newMembers());
        assertEquals(1, s.members().members());
        assertEquals(0, s.members().follows());
        assertEquals(0, s.conversion().purchasers());
        assertEquals(0, s.retention().headline().classic().d1().size(), "the test account is not in yesterday's cohort");
    }

    @Test
    void membersChainFromTheDayBeforeWithJoinsAndExits() {
        Facts f = new Facts().join("m_a", D.minusDays(3)).join("m_b", D.minusDays(2)).join("m_c", D).exit("m_a", D);
        DailySnapshot s = snapshot(f, D);
        assertEquals(new DailySnapshot.Members(2, 1, 1, 0, 0, 0, 0L, 0.0), s.members());
        assertEquals(2, f.window().membersAtEndOf(D.minusDays(1)));
    }

    @Test
    void theCohortTableCountsEachCohortOnDayNAndOnOrAfterDayNUpToD() {
        LocalDate c = D.minusDays(30);
        Facts f = new Facts().join("m_a", c).join("m_b", c).join("m_c", c).join("m_y", D.minusDays(1)).join("m_w", D.minusDays(7));
        f.active("m_a", c.plusDays(1)).active("m_b", c.plusDays(7), D).active("m_y", D).active("m_w", D.minusDays(1));
        DailySnapshot s = snapshot(f, D);
        DailySnapshot.CohortRow oldest = s.cohorts().get(29);
        assertEquals(c, oldest.cohortDay());
        assertEquals(2L, oldest.onOrAfter().get("1"));
        assertEquals(1L, oldest.onOrAfter().get("2"));
        assertEquals(1L, oldest.onOrAfter().get("30"));
        assertEquals(1, oldest.activeToday());
        DailySnapshot.CohortRow week = s.cohorts().get(6);
        assertEquals(D.minusDays(7), week.cohortDay());
        assertEquals(1L, week.onOrAfter().get("6"), "active on c+6 = D-1");
        assertEquals(0L, week.onOrAfter().get("7"));
    }

    @Test
    void headlineClassicPoolsTheSevenOrThirtyNewestCompleteCohortsWeightedBySize() {
        Facts f = new Facts();
        // D1 over the cohorts D-7..D-1: each retained when active on c+1.
        f.join("m_d1_new", D.minusDays(1)).active("m_d1_new", D);
        f.join("m_d1_old", D.minusDays(7)).join("m_d1_old2", D.minusDays(7)).active("m_d1_old", D.minusDays(6));
        f.join("m_d1_out", D.minusDays(8)).active("m_d1_out", D.minusDays(7));
        f.join("m_d1_late", D.minusDays(3)).active("m_d1_late", D.minusDays(1));
        // D30 over the cohorts D-59..D-30: retained when active on exactly c+30.
        f.join("m_d30_first", D.minusDays(59)).active("m_d30_first", D.minusDays(29));
        f.join("m_d30_last", D.minusDays(30)).active("m_d30_last", D);
        f.join("m_d30_miss", D.minusDays(45)).active("m_d30_miss", D.minusDays(14));
        f.join("m_d30_before", D.minusDays(60)).active("m_d30_before", D.minusDays(30));
        DailySnapshot.HeadlineRates classic = snapshot(f, D).retention().headline().classic();
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(7), D.minusDays(1), 7, 4, 2, 0.5), classic.d1(),
                "m_d1_new and m_d1_old of 4; m_d1_late was active on c+2, m_d1_out's cohort is the eighth");
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(59), D.minusDays(30), 30, 3, 2, 0.6667), classic.d30(),
                "the cohorts D-59 and D-30 are the first and the last; D-60 is out");
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(13), D.minusDays(7), 7, 3, 0, 0.0), classic.d7(),
                "the D-7 and D-8 cohorts: nobody active on c+7");
    }

    @Test
    void headlineOnOrAfterCountsSevenDaysFromDayNOverCohortsWhoseWindowIsComplete() {
        Facts f = new Facts();
        // D30: cohorts D-65..D-36, window c+30..c+36.
        f.join("m_first_day", D.minusDays(36)).active("m_first_day", D.minusDays(6));
        f.join("m_last_day", D.minusDays(36)).active("m_last_day", D);
        f.join("m_too_early", D.minusDays(36)).active("m_too_early", D.minusDays(7));
        f.join("m_oldest", D.minusDays(65)).active("m_oldest", D.minusDays(29));
        f.join("m_after_window", D.minusDays(65)).active("m_after_window", D.minusDays(28));
        f.join("m_incomplete", D.minusDays(35)).active("m_incomplete", D);
        DailySnapshot s = snapshot(f, D);
        DailySnapshot.PooledRate d30 = s.retention().headline().onOrAfter().d30();
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(65), D.minusDays(36), 30, 5, 3, 0.6), d30,
                "days c+30 and c+36 are in the window, c+29 and c+37 are not; the cohort D-35's window ends after D");
        DailySnapshot.PooledRate classic30 = s.retention().headline().classic().d30();
        assertTrue(!d30.equals(classic30), "not the classic figure: other cohorts, a 7-day window");
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(13), D.minusDays(7), 7, 0, 0, null),
                s.retention().headline().onOrAfter().d1(), "D1: cohorts D-13..D-7, nobody joined then");
        assertEquals(new DailySnapshot.PooledRate(D.minusDays(19), D.minusDays(13), 7, 0, 0, null),
                s.retention().headline().onOrAfter().d7());
    }

    @Test
    void theMonthlyActiveRateCountsOnlyTheActiveAmongTheDaysMembers() {
        Facts f = new Facts().join("m_stays", D.minusDays(90)).join("m_left", D.minusDays(90)).join("m_quiet", D.minusDays(90))
                .join("m_staff", D.minusDays(90), "staff");
        f.active("m_stays", D.minusDays(29)).active("m_left", D.minusDays(10)).active("m_staff", D).exit("m_left", D.minusDays(2));
        DailySnapshot s = snapshot(f, D);
        assertEquals(2, s.activity().mau(), "MAU: everyone active in the window, the member who left since included");
        assertEquals(new DailySnapshot.Members(2, 0, 0, 0, 0, 0, 1L, 0.5), s.members(), "1 of the 2 members at the end of D");
        assertEquals(0.5, s.kpis().get(0).actual());
    }

    @Test
    void annualRetentionTakesTheWholeMonthTwelveMonthsBackAndCountsOnlyCurrentMembers() {
        LocalDate day = LocalDate.parse("2025-03-31");
        Facts f = new Facts().join("m_first", LocalDate.parse("2024-03-01")).join("m_last", LocalDate.parse("2024-03-31"))
                .join("m_feb", LocalDate.parse("2024-02-29")).join("m_apr", LocalDate.parse("2024-04-01"))
                .join("m_gone", LocalDate.parse("2024-03-15")).join("m_later", LocalDate.parse("2024-03-16"));
        f.active("m_first", LocalDate.parse("2025-03-01")).active("m_last", LocalDate.parse("2025-02-28"))
                .active("m_feb", day).active("m_apr", day).active("m_gone", LocalDate.parse("2025-03-10"))
                .active("m_later", LocalDate.parse("2025-03-20"));
        f.exit("m_gone", day);
        DailySnapshot s = snapshot(f, day);
        assertEquals(new DailySnapshot.Annual(YearMonth.parse("2024-03"), 4, 2, 0.5), s.retention().annual(),
                "m_last was active only in February; m_gone left on D");
        FactWindow w = f.window();
        DailySnapshot before = CALC.on(day.minusDays(1), w).snapshot(w.membersAtEndOf(day.minusDays(2)), NO_EXTRAS, KpiTargets.defaults(), AT);
        assertEquals(3, before.retention().annual().retained(), "the day before, m_gone was still a member");
    }

    @Test
    void annualRetentionInALeapFebruaryAndAFebruaryAfterOne() {
        Facts f = new Facts().join("m_29", LocalDate.parse("2024-02-29")).join("m_28", LocalDate.parse("2023-02-28"));
        f.active("m_29", LocalDate.parse("2025-02-28")).active("m_28", LocalDate.parse("2024-02-29"));
        DailySnapshot feb2025 = snapshot(f, LocalDate.parse("2025-02-28"));
        assertEquals(new DailySnapshot.Annual(YearMonth.parse("2024-02"), 1, 1, 1.0), feb2025.retention().annual());
        DailySnapshot leapDay = snapshot(f, LocalDate.parse("2024-02-29"));
        assertEquals(new DailySnapshot.Annual(YearMonth.parse("2023-02"), 1, 1, 1.0), leapDay.retention().annual());
        assertEquals(LocalDate.parse("2024-01-30"), leapDay.retention().headline().classic().d30().toCohort(), "30 days before a leap day");
    }

    @Test
    void windowsCrossMonthAndYearBoundaries() {
        LocalDate newYear = LocalDate.parse("2026-01-01");
        Facts f = new Facts().join("m_a", LocalDate.parse("2025-12-01")).active("m_a", LocalDate.parse("2025-12-03"))
                .join("m_b", LocalDate.parse("2025-12-31")).active("m_b", newYear);
        DailySnapshot s = snapshot(f, newYear);
        assertEquals(2, s.activity().mau(), "2025-12-03 is within 29 days of 2026-01-01");
        assertEquals(LocalDate.parse("2025-12-02"), s.retention().headline().classic().d30().toCohort());
        assertEquals(LocalDate.parse("2025-11-26"), s.retention().headline().onOrAfter().d30().toCohort(), "D-36 across the year's end");
        assertEquals(1, s.retention().headline().classic().d1().retained());
        assertEquals(YearMonth.parse("2025-01"), s.retention().annual().cohortMonth());
    }

    @Test
    void conversionCountsPurchasersActiveInTheLast30Days() {
        Facts f = new Facts().join("m_a", D.minusDays(90)).join("m_b", D.minusDays(90)).join("m_c", D.minusDays(90))
                .join("m_d", D.minusDays(90));
        f.purchase("m_a", D).purchase("m_b", D.minusDays(29)).purchase("m_c", D.minusDays(30)).active("m_c", D).active("m_d", D);
        DailySnapshot s = snapshot(f, D);
        assertEquals(new DailySnapshot.Conversion(2, 4, 0.5), s.conversion());
    }

    @Test
    void followsAndUnfollowsAreDistinctMembersOfTheDay() {
        Facts f = new Facts().join("m_a", D.minusDays(5)).join("m_b", D.minusDays(5));
        f.follow("m_a", D).unfollow("m_b", D).unfollow("m_a", D.minusDays(1));
        DailySnapshot s = snapshot(f, D);
        assertEquals(1, s.members().follows());
        assertEquals(1, s.members().unfollows());
        assertEquals(1, s.activity().dau(), "an unfollow alone is not activity");
    }

    @Test
    void aMemberBecomesDormantExactlyNDaysAfterTheirLastActivityOrAdmission() {
        LocalDate last = D.minusDays(30);
        Facts f = new Facts();
        f.join("m_quiet", D.minusDays(50)).active("m_quiet", last);
        f.join("m_never", last);
        f.join("m_back", D.minusDays(50)).active("m_back", last, D.minusDays(3));
        f.join("m_gone", D.minusDays(50)).active("m_gone", last).exit("m_gone", D.minusDays(2));
        f.join("m_older", D.minusDays(50)).active("m_older", last.minusDays(1));
        f.join("m_staff", last, "staff");
        FactWindow w = f.window();
        assertEquals(Map.of("m_quiet", last, "m_never", last), CALC.on(D, w).newlyDormant());
        assertEquals(Map.of("m_older", last.minusDays(1)), CALC.on(D.minusDays(1), w).newlyDormant());
        DailySnapshot s = snapshot(f, D);
        assertEquals(2, s.care().newlyDormant());
        assertEquals(3, s.care().dormant(), "m_quiet, m_never, m_older (m_back is recent, m_gone left)");
    }

    @Test
    void winBackCountsCareRecipientsActiveAfterTheirCareDay() {
        LocalDate careDay = D.minusDays(30);
        Facts f = new Facts().join("m_a", D.minusDays(90)).join("m_b", D.minusDays(90)).join("m_c", D.minusDays(90));
        f.care("m_a", careDay).care("m_b", careDay).care("m_c", careDay).care("m_a", D);
        f.active("m_a", careDay.plusDays(1)).active("m_b", careDay).active("m_c", D);
        DailySnapshot s = snapshot(f, D);
        assertEquals(new DailySnapshot.WinBack(careDay, 3, 2, 0.6667), s.care().winBack());
        assertEquals(1, s.care().careSent());
    }

    @Test
    void kpiGapsAreActualMinusTargetAndMetWhenReached() {
        List<DailySnapshot.Kpi> kpis = KpiTargets.defaults().against(0.6059, 0.4999, null, 0.1);
        assertEquals(new DailySnapshot.Kpi("monthlyActiveRate", 0.6, 0.6059, 0.0059, true), kpis.get(0));
        assertEquals(new DailySnapshot.Kpi("annualRetention", 0.5, 0.4999, -0.0001, false), kpis.get(1));
        assertEquals(new DailySnapshot.Kpi("satisfaction", 4.5, null, null, null), kpis.get(2));
        assertEquals(new DailySnapshot.Kpi("conversion", 0.1, 0.1, 0.0, true), kpis.get(3));
    }

    @Test
    void targetsAreCheckedFieldByField() {
        KpiTargets bad = new KpiTargets(0, null, null, 1.2, null, 5.5, 0.12345);
        assertEquals(List.of("monthlyActiveRate", "annualRetention", "conversion", "satisfaction"),
                bad.validate().stream().map(p -> p.field()).toList());
        assertTrue(KpiTargets.defaults().validate().isEmpty());
    }

    @Test
    void settingsRefuseADormancyPeriodWithinTheLateEventHorizon() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsCalculator.Settings("UTC", 7, 30));
        assertEquals(45, new MetricsCalculator.Settings("UTC", 45, 30).lookbackDays());
    }

    @Test
    void ratesRoundHalfUpToFourDecimals() {
        assertEquals(0.0063, Rates.of(1, 160));
        assertEquals(0.6667, Rates.of(2, 3));
        assertNull(Rates.of(0, 0));
        assertEquals(0.0059, Rates.difference(0.6059, 0.6));
    }
}
