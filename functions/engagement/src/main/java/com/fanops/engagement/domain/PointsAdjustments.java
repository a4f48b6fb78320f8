package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import java.util.Optional;

/** How far staff may move a member's points in one adjustment. */
public final class PointsAdjustments {

    public static final long MAX = 1_000_000;

    private PointsAdjustments() {
    }

    /**
     * A non-zero whole number from -MAX to MAX. Compared on both sides, not with {@code Math.abs}: the absolute value of
     * {@code Long.MIN_VALUE} is itself, negative, and would pass an upper bound.
     */
    public static Optional<FieldError> check(Long points) {
        if (points == null || points == 0 || points < -MAX || points > MAX) {
            return Optional.of(new FieldError("points", "a non-zero whole number from -" + MAX + " to " + MAX));
        }
        return Optional.empty();
    }
}
