package com.fanops.engagement.domain;

import java.time.Instant;

/**
 * Published by the scorer (source {@code fanops.interactions}) for a counted interaction of non-zero weight that carries
 * an activity's id - and only then, so interactions without one cost nothing more. The activities capability checks the
 * member in to that online activity on the first such interaction during it (once: a redelivery finds the check-in).
 */
public record ActivityInteraction(String activityId, String memberId, String channel, String eventId, Instant occurredAt) {

    public static final String SOURCE = "fanops.interactions";
}
