package com.fanops.activities.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The year's plan: activities per month against the yearly target (default 10, seed 002), and the budget planned against
 * what was spent. An activity counts in the month it starts (business time zone); withdrawn ones do not count, drafts
 * count as planned but not as held. Spent is what the rewards budgets confirmed for the activity.
 */
public record YearPlan(int year, int target, int planned, int held, long budgetPlanned, long budgetSpent, List<Month> months,
                       boolean onTrack) {

    public static final int DEFAULT_TARGET = 10;

    /** One month: activities starting in it, those held (closed or evaluated), their budgets. */
    public record Month(YearMonth month, int planned, int held, long budgetPlanned, long budgetSpent) {
    }

    /**
     * @param spent confirmed spend per activity id (fen)
     * @param today the business day the plan is read on: on track when the activities held or still to come reach the
     *              target, and the held ones keep pace with the months gone (target x months gone / 12, rounded down)
     */
    public static YearPlan of(int year, int target, Collection<Activity> activities, Map<String, Long> spent, ZoneId zone, LocalDate today) {
        int[] planned = new int[12];
        int[] held = new int[12];
        long[] budget = new long[12];
        long[] used = new long[12];
        for (Activity a : activities) {
            LocalDate starts = a.startsAt().atZone(zone).toLocalDate();
            if (starts.getYear() != year || a.status() == ActivityStatus.CANCELLED) {
                continue;
            }
            int m = starts.getMonthValue() - 1;
            planned[m]++;
            if (a.status() == ActivityStatus.CLOSED || a.status() == ActivityStatus.EVALUATED) {
                held[m]++;
            }
            budget[m] += a.budgetAmount();
            used[m] += spent.getOrDefault(a.activityId(), 0L);
        }
        List<Month> months = new ArrayList<>();
        int totalPlanned = 0;
        int totalHeld = 0;
        long totalBudget = 0;
        long totalSpent = 0;
        for (int m = 0; m < 12; m++) {
            months.add(new Month(YearMonth.of(year, m + 1), planned[m], held[m], budget[m], used[m]));
            totalPlanned += planned[m];
            totalHeld += held[m];
            totalBudget += budget[m];
            totalSpent += used[m];
        }
        int monthsGone = today.getYear() < year ? 0 : today.getYear() > year ? 12 : today.getMonthValue() - 1;
        boolean onTrack = totalPlanned >= target && totalHeld >= target * monthsGone / 12;
        return new YearPlan(year, target, totalPlanned, totalHeld, totalBudget, totalSpent, months, onTrack);
    }
}
