package com.fanops.rewards.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How fast a budget is being used and when it runs out at the current pace. The pace is what is committed (reserved +
 * confirmed) per day elapsed in the period so far (today included); at that pace what is available lasts
 * {@code ceil(available / pace)} more days. The daily series is the cost of the issuances still live, by the day they
 * were issued, accumulated.
 */
public final class BurnDown {

    /** One day of the period so far: cost committed that day and in total up to it, and what was left after it. */
    public record Day(LocalDate day, long committed, long cumulative, long left) {
    }

    /**
     * The burn-down: {@code pacePerDay} (minor units, rounded down), {@code exhaustsOn} (the day the available amount runs
     * out at that pace; today when nothing is left; null when nothing has been committed yet, or when the pace would need more
     * than 100 years), {@code beforeEnd} (it runs
     * out before the period ends), and the days.
     */
    public record Result(String budgetId, long amount, long committed, long available, long pacePerDay, LocalDate exhaustsOn,
                         boolean beforeEnd, List<Day> days) {
    }

    private BurnDown() {
    }

    public static Result of(Budget budget, Map<LocalDate, Long> committedByDay, LocalDate today) {
        LocalDate end = today.isBefore(budget.until()) ? today : budget.until();
        List<Day> days = new ArrayList<>();
        long cumulative = 0;
        for (LocalDate d = budget.from(); !d.isAfter(end); d = d.plusDays(1)) {
            long that = committedByDay.getOrDefault(d, 0L);
            cumulative += that;
            days.add(new Day(d, that, cumulative, budget.amount() - cumulative));
        }
        long committed = budget.committed();
        long available = budget.available();
        long elapsed = today.isBefore(budget.from()) ? 0 : ChronoUnit.DAYS.between(budget.from(), end) + 1;
        if (elapsed == 0 || committed == 0) {
            return new Result(budget.budgetId(), budget.amount(), committed, available, 0, null, false, days);
        }
        // Exact: ceil(available * elapsed / committed) days, without rounding the pace first.
        long pace = committed / elapsed;
        LocalDate exhausts;
        if (available == 0) {
            exhausts = today;
        } else {
            // Budgets are at most 10^12 minor units and periods at most 10 years, so the product stays far inside a long.
            long daysLeft = Math.max(1, ceilDiv(Math.multiplyExact(available, elapsed), committed));
            exhausts = daysLeft > 36_600 ? null : today.plusDays(daysLeft);
        }
        boolean beforeEnd = exhausts != null && exhausts.isBefore(budget.until());
        return new Result(budget.budgetId(), budget.amount(), committed, available, pace, exhausts, beforeEnd, days);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
