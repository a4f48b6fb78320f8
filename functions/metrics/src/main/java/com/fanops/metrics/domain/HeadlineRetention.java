package com.fanops.metrics.domain;

import com.fanops.metrics.domain.DailySnapshot.Headline;
import com.fanops.metrics.domain.DailySnapshot.HeadlineRates;
import com.fanops.metrics.domain.DailySnapshot.PooledRate;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The headline D1/D7/D30 of day D (docs/metrics.md, "headline"): each figure pools the K most recent cohorts whose
 * window is complete on D - K = 7 for D1 and D7, 30 for D30 - and weighs them by size (all retained / all members).
 * <ul>
 *   <li>classic DN: cohorts c in D-N-K+1..D-N, retained when active on day c+N;</li>
 *   <li>"on or after" DN: cohorts c in D-N-6-K+1..D-N-6, retained when active on some day of c+N..c+N+6 (a 7-day
 *       window, complete on D).</li>
 * </ul>
 * So the classic figures read cohorts back to D-59 and activity back to D-29; "on or after" reads cohorts back to D-65
 * and activity back to D-35.
 */
final class HeadlineRetention {

    /** Days of the "on or after" window: day c+N and the 6 days after it. */
    static final int WINDOW_DAYS = 7;

    private final LocalDate day;
    private final Function<LocalDate, List<String>> cohort;
    private final Function<LocalDate, Set<String>> activeOn;

    /**
     * @param cohort   the community members admitted on a day
     * @param activeOn the members active on a day
     */
    HeadlineRetention(LocalDate day, Function<LocalDate, List<String>> cohort, Function<LocalDate, Set<String>> activeOn) {
        this.day = day;
        this.cohort = cohort;
        this.activeOn = activeOn;
    }

    static int cohortsFor(int n) {
        return n == 30 ? 30 : 7;
    }

    Headline figures() {
        return new Headline(new HeadlineRates(classic(1), classic(7), classic(30)),
                new HeadlineRates(onOrAfter(1), onOrAfter(7), onOrAfter(30)));
    }

    private PooledRate classic(int n) {
        return pooled(day.minusDays(n), n, 1);
    }

    private PooledRate onOrAfter(int n) {
        return pooled(day.minusDays(n + WINDOW_DAYS - 1L), n, WINDOW_DAYS);
    }

    /** The K cohorts ending with {@code newest}; a member is retained when active on some day of c+N..c+N+window-1. */
    private PooledRate pooled(LocalDate newest, int n, int window) {
        int k = cohortsFor(n);
        LocalDate oldest = newest.minusDays(k - 1L);
        long size = 0;
        long retained = 0;
        for (LocalDate c = oldest; !c.isAfter(newest); c = c.plusDays(1)) {
            for (String m : cohort.apply(c)) {
                size++;
                if (activeWithin(m, c.plusDays(n), window)) {
                    retained++;
                }
            }
        }
        return new PooledRate(oldest, newest, k, size, retained, Rates.of(retained, size));
    }

    private boolean activeWithin(String memberId, LocalDate from, int days) {
        for (int i = 0; i < days; i++) {
            if (activeOn.apply(from.plusDays(i)).contains(memberId)) {
                return true;
            }
        }
        return false;
    }
}
