package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many of a purchase's points a refund reverses. The refund's share is the purchase's points in proportion to
 * the amount refunded, rounded down in exact decimal arithmetic, and never more than the points not yet reversed.
 * Only what the purchase's lot still holds is taken back (points already spent or expired stay spent, so no
 * balance goes below zero); the rest of the share is recorded as not recoverable. Both parts add up to the share.
 */
public final class RefundReversal {

    /** What a purchase's record holds, as the refund reads it. */
    public record Purchase(BigDecimal amount, BigDecimal refunded, long points, long reversedPoints) {
    }

    /**
     * {@code share} no longer counts as earned; {@code fromLot} comes off the lot's remaining points;
     * {@code unrecoverable} = share - fromLot was spent or expired before the refund.
     */
    public record Plan(long share, long fromLot, long unrecoverable) {
    }

    private RefundReversal() {
    }

    /** True when the refund would take the purchase past its amount. */
    public static boolean overRefund(Purchase purchase, BigDecimal refund) {
        return purchase.refunded().add(refund).compareTo(purchase.amount()) > 0;
    }

    public static Plan plan(Purchase purchase, BigDecimal refund, long lotRemaining) {
        if (overRefund(purchase, refund)) {
            throw new IllegalArgumentException("refund beyond what is left to refund");
        }
        long proportional = BigDecimal.valueOf(purchase.points()).multiply(refund).divide(purchase.amount(), 0, RoundingMode.FLOOR)
                .longValueExact();
        long share = Math.max(0, Math.min(purchase.points() - purchase.reversedPoints(), proportional));
        long fromLot = Math.min(share, Math.max(0, lotRemaining));
        return new Plan(share, fromLot, share - fromLot);
    }
}
