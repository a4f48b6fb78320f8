package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HoldoutTest {

    private static byte[] seed(long s) {
        byte[] b = new byte[32];
        new Random(s).nextBytes(b);
        return b;
    }

    @Test
    void aboutTheShareIsHeldOutAndTheAnswerNeverChanges() {
        Holdout h = new Holdout(seed(1), 1_000);
        int n = 40_000;
        int held = 0;
        for (int i = 0; i < n; i++) {
            String m = "m_" + Integer.toHexString(i * 0x9E3779B1);
            boolean out = h.heldOut(m);
            assertEquals(out, new Holdout(seed(1), 1_000).heldOut(m), "locked: same seed, same answer");
            held += out ? 1 : 0;
        }
        // 10% of 40,000: 4,000 with a standard deviation of 60; 5 sigma either way
        assertTrue(Math.abs(held - 4_000) < 300, "held out " + held);
    }

    @Test
    void anotherActivityDrawsAnotherHoldout() {
        Holdout a = new Holdout(seed(1), 2_000);
        Holdout b = new Holdout(seed(2), 2_000);
        int both = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String m = "member-" + i;
            both += a.heldOut(m) && b.heldOut(m) ? 1 : 0;
        }
        // independent: about 4% in both (800, sd ~28)
        assertTrue(Math.abs(both - 800) < 150, "in both " + both);
    }

    @Test
    void noShareHoldsNobodyOutAndTheShareIsBounded() {
        assertFalse(Holdout.none().heldOut("anyone"));
        assertThrows(IllegalArgumentException.class, () -> new Holdout(seed(1), 5_001));
        assertThrows(IllegalArgumentException.class, () -> new Holdout(null, 100));
    }
}
