package com.fanops.rewards.domain;

import java.time.Instant;
import java.util.List;

/**
 * The contract of the activities capability's event (source {@code fanops.activities}, detail-type {@code ActivityRanked}),
 * defined here ahead of that capability: an activity's final ranking of participants (rank 1 is the top). Top-participant
 * rules reward the members ranked within their {@code topN}, once per activity.
 */
public record ActivityRanked(String activityId, Instant rankedAt, List<Ranked> ranking) {

    /** One participant and their rank. */
    public record Ranked(String memberId, int rank) {
    }

    public ActivityRanked {
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
    }
}
