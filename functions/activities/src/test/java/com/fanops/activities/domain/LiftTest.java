package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiftTest {

    @Test
    void theDifferenceAndItsWaldIntervalByHand() {
        // 300 of 500 (0.6) against 45 of 100 (0.45): d = 0.15, se = sqrt(0.24/500 + 0.2475/100) = 0.054360
        Lift l = Lift.of(500, 300, 100, 45);
        assertEquals(0.15, l.lift(), 1e-12);
        double se = Math.sqrt(0.6 * 0.4 / 500 + 0.45 * 0.55 / 100);
        assertEquals(0.0543599, se, 1e-6);
        assertEquals(0.15 - 1.959964 * se, l.low(), 1e-6);
        assertEquals(0.15 + 1.959964 * se, l.high(), 1e-6);
        assertTrue(l.significant());
    }

    @Test
    void anIntervalAcrossZeroIsNotSignificantAndAnEmptyGroupHasNoLift() {
        assertFalse(Lift.of(50, 26, 50, 24).significant());
        Lift none = Lift.of(10, 5, 0, 0);
        assertNull(none.lift());
        assertNull(none.holdoutRate());
        assertEquals(0.5, none.treatedRate());
        assertThrows(IllegalArgumentException.class, () -> Lift.of(10, 11, 5, 1));
    }
}
