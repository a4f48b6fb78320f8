package com.fanops.metrics.domain;

import com.fanops.metrics.domain.DailySnapshot.Annual;
import com.fanops.metrics.domain.DailySnapshot.CohortRow;
import com.fanops.metrics.domain.DailySnapshot.Headline;
import com.fanops.metrics.domain.DailySnapshot.HeadlineRates;
import com.fanops.metrics.domain.DailySnapshot.PooledRate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One day's figures over a shard of the community (a member-id range, {@code com.fanops.platform.jobs.Shard}): every
 * figure of the snapshot that counts members, as a count. Every member belongs to one shard and every count is a count
 * of members by a rule that looks at that member only, so the community's counts are the sums of the shards' counts;
 * the rates are computed once, from the sums ({@link MetricsCalculator#assemble}).
 *
 * @param recent members active or admitted in the last N days (the dormant figure is members minus them)
 */
public record DayPartial(LocalDate day, long dau, long wau, long mau, long follows, long unfollows, long activeMembers, Headline headline,
                         List<CohortRow> cohorts, Annual annual, long purchasers, long newlyDormant, long recent, long careSent,
                         LocalDate careDay, long careDaySent, long wonBack, long pointsIssued) {

    public DayPartial plus(DayPartial o) {
        if (!day.equals(o.day)) {
            throw new IllegalArgumentException("partials of " + day + " and " + o.day);
        }
        List<CohortRow> rows = new ArrayList<>();
        for (int i = 0; i < cohorts.size(); i++) {
            CohortRow a = cohorts.get(i);
            CohortRow b = o.cohorts.get(i);
            Map<String, Long> later = new LinkedHashMap<>(a.onOrAfter());
            b.onOrAfter().forEach((n, v) -> later.merge(n, v, Long::sum));
            rows.add(new CohortRow(a.cohortDay(), a.size() + b.size(), a.activeToday() + b.activeToday(), later));
        }
        Annual annualSum = new Annual(annual.cohortMonth(), annual.size() + o.annual.size(), annual.retained() + o.annual.retained(),
                Rates.of(annual.retained() + o.annual.retained(), annual.size() + o.annual.size()));
        return new DayPartial(day, dau + o.dau, wau + o.wau, mau + o.mau, follows + o.follows, unfollows + o.unfollows,
                activeMembers + o.activeMembers, new Headline(plus(headline.classic(), o.headline.classic()),
                plus(headline.onOrAfter(), o.headline.onOrAfter())), rows, annualSum, purchasers + o.purchasers,
                newlyDormant + o.newlyDormant, recent + o.recent, careSent + o.careSent, careDay, careDaySent + o.careDaySent,
                wonBack + o.wonBack, pointsIssued + o.pointsIssued);
    }

    private static HeadlineRates plus(HeadlineRates a, HeadlineRates b) {
        return new HeadlineRates(plus(a.d1(), b.d1()), plus(a.d7(), b.d7()), plus(a.d30(), b.d30()));
    }

    private static PooledRate plus(PooledRate a, PooledRate b) {
        long size = a.size() + b.size();
        long retained = a.retained() + b.retained();
        return new PooledRate(a.fromCohort(), a.toCohort(), a.cohorts(), size, retained, Rates.of(retained, size));
    }
}
