package com.fanops.activities.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The participants' ranking for the prizes: the more days a participant was active (any counted interaction) from the
 * activity's first business day to its last, the higher; ties go to the earlier check-in, then to the lower member id so
 * the order is total and every shard and every rerun agrees. Rank 1 is the top.
 */
public final class Ranking {

    /** A participant: active days during the activity and the check-in time. */
    public record Candidate(String memberId, int activeDays, Instant checkedInAt) {
    }

    public static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::activeDays).reversed()
            .thenComparing(Candidate::checkedInAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::memberId);

    private Ranking() {
    }

    /** The first {@code n} in order; the top of shards' tops is the top of the whole. */
    public static List<Candidate> top(Collection<Candidate> candidates, int n) {
        List<Candidate> all = new ArrayList<>(candidates);
        all.sort(ORDER);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** How many the prizes reach: the largest topN (0 without prizes). */
    public static int reach(Activity a) {
        return a.prizes().stream().mapToInt(Activity.Prize::topN).max().orElse(0);
    }
}
