package com.fanops.rewards.domain;

import java.time.Instant;
import java.util.List;

/**
 * The contract of the activities capability's event (source {@code fanops.activities}, detail-type {@code ActivityRanked}):
 * an activity's final ranking of participants (rank 1 is the top) and the activity's own prizes. Top-participant rules
 * reward the members ranked within their {@code topN}, once per activity; each prize gives its catalogue item to the members
 * ranked within its {@code topN}, once per activity, item and member, charged to the activity's budget allocation. An event
 * without prizes (published before they were carried) means the rules only.
 */
public record ActivityRanked(String activityId, Instant rankedAt, List<Ranked> ranking, List<Prize> prizes) {

    /** One participant and their rank. */
    public record Ranked(String memberId, int rank) {
    }

    /** A catalogue item for the participants ranked within {@code topN}. */
    public record Prize(String itemId, int topN) {
    }

    public ActivityRanked {
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
        prizes = prizes == null ? List.of() : List.copyOf(prizes);
    }

    /** A ranking without prizes: the rules only. */
    public ActivityRanked(String activityId, Instant rankedAt, List<Ranked> ranking) {
        this(activityId, rankedAt, ranking, List.of());
    }
}
