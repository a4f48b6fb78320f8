package com.fanops.interactions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scorer's state for one member, in memory: which events were applied, how many of each type each
 * day counted, and the unscaled score. The store keeps the same three things as items (an event claim, a
 * day counter, a score) and applies one event as one transaction; this class is the rule both follow.
 */
public final class EngagementLedger {

    public enum Outcome { COUNTED, CAPPED, DUPLICATE }

    private final ScoringPolicy policy;
    private final Set<String> applied = new HashSet<>();
    private final Map<String, Long> dayCounts = new HashMap<>();
    private double unscaled;

    public EngagementLedger(ScoringPolicy policy) {
        this.policy = policy;
    }

    public Outcome apply(String eventKey, InteractionType type, Instant occurredAt) {
        if (!applied.add(eventKey)) {
            return Outcome.DUPLICATE;
        }
        LocalDate day = policy.businessDay(occurredAt);
        long n = dayCounts.merge(type + "#" + day, 1L, Long::sum);
        if (!policy.counts(type, n)) {
            return Outcome.CAPPED;
        }
        unscaled += policy.contribution(type, day);
        return Outcome.COUNTED;
    }

    public double scoreAt(Instant at) {
        return policy.scoreAt(unscaled, at);
    }
}
