package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YearPlanTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Activity at(String id, String starts, ActivityStatus status, long budget) {
        Instant s = Instant.parse(starts);
        return new Activity(id, 1, status, "t", null, Activity.ActivityType.ONLINE, null, s, s.plusSeconds(3_600), s.minusSeconds(86_400),
                s, 10, 0, Activity.Audience.everyone(), budget > 0 ? "b" : null, budget, Activity.Goals.none(), "o", List.of(), 0, 7, List.of());
    }

    @Test
    void activitiesCountInTheBusinessMonthTheyStartAndWithdrawnOnesNotAtAll() {
        List<Activity> all = new ArrayList<>();
        // 2026-12-31T17:00Z is 2027-01-01 01:00 in Shanghai: January of 2027, not December of 2026
        all.add(at("new-year", "2026-12-31T17:00:00Z", ActivityStatus.EVALUATED, 5_000));
        all.add(at("jan", "2027-01-20T02:00:00Z", ActivityStatus.CLOSED, 1_000));
        all.add(at("feb", "2027-02-10T02:00:00Z", ActivityStatus.PUBLISHED, 2_000));
        all.add(at("withdrawn", "2027-02-11T02:00:00Z", ActivityStatus.CANCELLED, 9_999));
        all.add(at("last-year", "2026-12-30T02:00:00Z", ActivityStatus.EVALUATED, 7_000));
        YearPlan plan = YearPlan.of(2027, 10, all, Map.of("new-year", 4_200L, "jan", 900L), SHANGHAI, LocalDate.parse("2027-03-01"));
        assertEquals(3, plan.planned());
        assertEquals(2, plan.held());
        assertEquals(2, plan.months().get(0).planned());
        assertEquals(1, plan.months().get(1).planned());
        assertEquals(8_000, plan.budgetPlanned());
        assertEquals(5_100, plan.budgetSpent());
        assertFalse(plan.onTrack(), "3 planned of 10");
    }

    @Test
    void onTrackWhenThePlanReachesTheTargetAndTheHeldKeepPace() {
        List<Activity> all = new ArrayList<>();
        for (int m = 1; m <= 10; m++) {
            all.add(at("a" + m, String.format("2027-%02d-15T02:00:00Z", m), m <= 2 ? ActivityStatus.CLOSED : ActivityStatus.APPROVED, 0));
        }
        // 3 months gone: 10 x 3 / 12 = 2 held needed
        assertTrue(YearPlan.of(2027, 10, all, Map.of(), SHANGHAI, LocalDate.parse("2027-04-02")).onTrack());
        // 6 months gone: 5 needed, 2 held
        assertFalse(YearPlan.of(2027, 10, all, Map.of(), SHANGHAI, LocalDate.parse("2027-07-02")).onTrack());
    }
}
