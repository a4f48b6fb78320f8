package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointsAdjustmentBoundsTest {

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_001, 0, 1_000_001, Long.MAX_VALUE})
    void outOfBoundsIsRefusedEvenWhereMathAbsWouldOverflow(long points) {
        assertFalse(PointsAdjustment.withinBounds(points));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1_000_000, -1, 1, 1_000_000})
    void withinBoundsIsAccepted(long points) {
        assertTrue(PointsAdjustment.withinBounds(points));
    }
}
