package com.fanops.interactions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * How interactions become engagement: a weight per type (the Orbit model's 1-12 scale), a per-member,
 * per-type daily cap, and exponential decay with a half-life.
 *
 * <p>Why the score cannot depend on arrival order: every interaction of one business day weighs as of
 * that day's start, and a day counts at most {@code cap} interactions of a type. A day's contribution is
 * then {@code min(count, cap) x weight x 2^((dayStart - epoch) / halfLife)} - a sum of per-day terms that
 * any order of arrival adds up to the same total. The score at time T is that sum scaled by
 * {@code 2^(-(T - epoch) / halfLife)}; storing the unscaled sum keeps each event an O(1) atomic ADD.
 */
public record ScoringPolicy(int version, Map<InteractionType, Integer> weights, Map<InteractionType, Integer> dailyCaps,
                            Duration halfLife, ZoneId zone, Instant epoch) {

    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    public static ScoringPolicy defaults(ZoneId zone) {
        Map<InteractionType, Integer> w = new EnumMap<>(InteractionType.class);
        w.put(InteractionType.LIKE, 1);
        w.put(InteractionType.VOTE, 1);
        w.put(InteractionType.FOLLOW, 1);
        w.put(InteractionType.CHECK_IN, 2);
        w.put(InteractionType.COMMENT, 3);
        w.put(InteractionType.ANSWER, 3);
        w.put(InteractionType.SHARE, 4);
        w.put(InteractionType.SURVEY, 4);
        w.put(InteractionType.PURCHASE, 6);
        w.put(InteractionType.EVENT_ATTENDED, 8);
        w.put(InteractionType.CONTENT_SUBMITTED, 8);
        w.put(InteractionType.REFERRAL_JOINED, 10);
        w.put(InteractionType.SUGGESTION_ADOPTED, 12);
        w.put(InteractionType.UNFOLLOW, 0);
        w.put(InteractionType.REFUND, 0);
        Map<InteractionType, Integer> caps = new EnumMap<>(InteractionType.class);
        for (InteractionType t : InteractionType.values()) {
            caps.put(t, 10);
        }
        caps.put(InteractionType.LIKE, 20);
        caps.put(InteractionType.CHECK_IN, 1);
        caps.put(InteractionType.SHARE, 10);
        return new ScoringPolicy(1, w, caps, Duration.ofDays(30), zone, EPOCH);
    }

    public LocalDate businessDay(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The unscaled contribution of one counted interaction of this type on this business day. */
    public double contribution(InteractionType type, LocalDate day) {
        double sinceEpoch = Duration.between(epoch, day.atStartOfDay(zone).toInstant()).toMillis();
        return weights.getOrDefault(type, 0) * Math.pow(2, sinceEpoch / halfLife.toMillis());
    }

    /** Whether the {@code n}-th interaction (1-based) of a type on one day still counts. */
    public boolean counts(InteractionType type, long n) {
        return n <= dailyCaps.getOrDefault(type, 0);
    }

    /** The engagement score at a time, from the stored unscaled sum. */
    public double scoreAt(double unscaledSum, Instant at) {
        return unscaledSum * Math.pow(2, -(double) Duration.between(epoch, at).toMillis() / halfLife.toMillis());
    }
}
