package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointsAdjustmentsTest {

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_001, 0, 1_000_001, Long.MAX_VALUE})
    void outOfBoundsIsRefusedEvenWhereMathAbsWouldOverflow(long points) {
        assertEquals("points", PointsAdjustments.check(points).orElseThrow().field());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1_000_000, -1, 1, 1_000_000})
    void withinBoundsIsAccepted(long points) {
        assertEquals(true, PointsAdjustments.check(points).isEmpty());
    }
}
