package com.fanops.metrics.app;

import com.fanops.metrics.domain.FactWindow;
import com.fanops.metrics.store.CareAudience;
import com.fanops.metrics.store.DormancyStore;
import com.fanops.metrics.store.MetricsFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Records a run's new dormancy episodes, the same way for the single run ({@link MetricsJob}) and every shard
 * ({@link MetricsDailyJob}): a member newly dormant on a day is an episode unless one is already known within
 * {@value #EPISODE_HORIZON_DAYS} days before it; care is queued for episodes of days from {@code careFrom} on, for
 * members whose current marketing consent is granted. Every rule looks at one member only, so a shard of members
 * records exactly what the single run would for them.
 */
final class DormancyEpisodes {

    static final int EPISODE_HORIZON_DAYS = 7;

    private final MetricsFacts facts;
    private final CareAudience audience;
    private final DormancyStore dormancy;
    private final LocalDate careFrom;
    private final Instant at;
    private final Map<LocalDate, Set<String>> known = new HashMap<>();
    private int announced;
    private int cared;

    DormancyEpisodes(MetricsFacts facts, CareAudience audience, DormancyStore dormancy, LocalDate careFrom, Instant at) {
        this.facts = facts;
        this.audience = audience;
        this.dormancy = dormancy;
        this.careFrom = careFrom;
        this.at = at;
    }

    /** Records the day's new episodes ({@code dormant}: member -> last active day) and notes queued care in the window. */
    void record(LocalDate day, SortedMap<String, LocalDate> dormant, FactWindow window) {
        LocalDate horizon = day.minusDays(EPISODE_HORIZON_DAYS);
        List<String> fresh = new ArrayList<>();
        for (String m : dormant.keySet()) {
            boolean seen = false;
            for (LocalDate d = horizon; !d.isAfter(day) && !seen; d = d.plusDays(1)) {
                seen = on(d).contains(m);
            }
            if (!seen) {
                fresh.add(m);
            }
        }
        boolean careDay = !day.isBefore(careFrom);
        Map<String, CareAudience.Recipient> recipients = careDay && !fresh.isEmpty() ? audience.of(fresh) : Map.of();
        for (String m : fresh) {
            CareAudience.Recipient r = recipients.get(m);
            boolean care = careDay && r != null && r.marketing();
            if (dormancy.record(m, day, dormant.get(m), care, r == null ? null : r.locale(), at)) {
                announced++;
                if (care) {
                    cared++;
                    window.queuedCare(day, m);
                }
            }
            on(day).add(m);
        }
    }

    int announced() {
        return announced;
    }

    int cared() {
        return cared;
    }

    private Set<String> on(LocalDate day) {
        return known.computeIfAbsent(day, d -> new HashSet<>(facts.dormantOn(d)));
    }
}
