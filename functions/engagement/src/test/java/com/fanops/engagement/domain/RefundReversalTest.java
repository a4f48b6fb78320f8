package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A refund reverses the purchase's points in proportion to the amount, in exact decimal arithmetic: the lot
 * never goes below zero, what comes off the lot and what cannot be taken back add up to the share exactly, and
 * all the refunds of a purchase together never reverse more than its points.
 */
class RefundReversalTest {

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("99999.99")).ofScale(2);
    }

    @Property
    void theLotNeverGoesBelowZeroAndThePartsAddUpToTheShare(@ForAll("amounts") BigDecimal amount, @ForAll @IntRange(min = 1, max = 100) int percent,
                                                           @ForAll @LongRange(min = 0, max = 1_000_000) long points,
                                                           @ForAll @LongRange(min = -5, max = 1_000_000) long lotRemaining) {
        BigDecimal refund = amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        if (refund.signum() <= 0) {
            refund = amount;
        }
        RefundReversal.Plan plan = RefundReversal.plan(new RefundReversal.Purchase(amount, BigDecimal.ZERO, points, 0), refund, lotRemaining);
        assertTrue(plan.fromLot() >= 0 && plan.fromLot() <= Math.max(0, lotRemaining), "the lot keeps a balance of zero or more: " + plan);
        assertTrue(plan.unrecoverable() >= 0, plan.toString());
        assertEquals(plan.share(), plan.fromLot() + plan.unrecoverable());
        assertEquals(BigDecimal.valueOf(points).multiply(refund).divide(amount, 0, RoundingMode.FLOOR).longValueExact(), plan.share(),
                "the proportional share, rounded down once");
    }

    @Property
    void partialRefundsTogetherNeverReverseMoreThanTheRefundedShare(@ForAll("amounts") BigDecimal amount,
                                                                    @ForAll @LongRange(min = 0, max = 100_000) long points,
                                                                    @ForAll List<@IntRange(min = 1, max = 100) Integer> pieces) {
        BigDecimal refunded = BigDecimal.ZERO;
        long reversed = 0;
        int refunds = 0;
        for (int percent : pieces) {
            BigDecimal refund = amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
            RefundReversal.Purchase purchase = new RefundReversal.Purchase(amount, refunded, points, reversed);
            if (refund.signum() <= 0 || RefundReversal.overRefund(purchase, refund)) {
                continue;
            }
            RefundReversal.Plan plan = RefundReversal.plan(purchase, refund, points - reversed);
            assertTrue(plan.share() >= 0);
            refunded = refunded.add(refund);
            reversed += plan.share();
            refunds++;
            long exactShare = BigDecimal.valueOf(points).multiply(refunded).divide(amount, 0, RoundingMode.FLOOR).longValueExact();
            assertTrue(reversed <= exactShare && reversed <= points, reversed + " reversed for a share of " + exactShare);
            // Each refund rounds its own share down once, so the refunds of a purchase stay within a point each of it.
            assertTrue(exactShare - reversed < refunds, "within " + refunds + " point(s) of the share: " + reversed + " of " + exactShare);
        }
    }

    @Example
    void pointsAlreadySpentCannotBeTakenBack() {
        var purchase = new RefundReversal.Purchase(new BigDecimal("120.00"), BigDecimal.ZERO, 120, 0);
        assertEquals(new RefundReversal.Plan(60, 20, 40), RefundReversal.plan(purchase, new BigDecimal("60"), 20));
        assertEquals(new RefundReversal.Plan(120, 120, 0), RefundReversal.plan(purchase, new BigDecimal("120.00"), 500));
    }

    @Example
    void aRefundBeyondWhatIsLeftIsNotPlanned() {
        var purchase = new RefundReversal.Purchase(new BigDecimal("100"), new BigDecimal("80"), 100, 80);
        assertTrue(RefundReversal.overRefund(purchase, new BigDecimal("20.01")));
        assertThrows(IllegalArgumentException.class, () -> RefundReversal.plan(purchase, new BigDecimal("30"), 100));
        assertEquals(new RefundReversal.Plan(20, 20, 0), RefundReversal.plan(purchase, new BigDecimal("20"), 100));
    }
}
