package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.CheckInCodes.Outcome;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CheckInCodesTest {

    private static final byte[] KEY = "an activity's 32-byte check-in k".getBytes();
    private static final Instant STEP_START = Instant.ofEpochSecond(1_781_000_010L / 30 * 30);

    private final CheckInCodes codes = new CheckInCodes(KEY);

    @Test
    void theCurrentCodeIsAcceptedAndNamesItsRegistration() {
        CheckInCodes.Code code = codes.current(42, STEP_START.plusSeconds(5));
        assertTrue(code.text().matches("42-[0-9]{6}"));
        assertEquals(STEP_START.plusSeconds(30), code.refreshAt());
        CheckInCodes.Verdict v = codes.verify(code.text(), STEP_START.plusSeconds(29));
        assertTrue(v.accepted());
        assertEquals(42, v.registrationNo());
    }

    @Test
    void aCodeTurnsEveryThirtySecondsAndExpiresTenSecondsAfterItsStep() {
        String first = codes.current(7, STEP_START).text();
        String next = codes.current(7, STEP_START.plusSeconds(30)).text();
        assertNotEquals(first, next);
        assertTrue(codes.verify(first, STEP_START.plusSeconds(40)).accepted(), "grace: shown a moment before it turned");
        assertEquals(Outcome.EXPIRED, codes.verify(first, STEP_START.plusSeconds(41)).outcome());
        assertEquals(Outcome.EXPIRED, codes.verify(first, STEP_START.plusSeconds(3_600)).outcome(), "a screenshot an hour old");
    }

    @Test
    void anotherActivitysCodeOrAnotherRegistrationsDigitsAreRefused() {
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        String foreign = new CheckInCodes(otherKey).current(42, STEP_START).text();
        assertEquals(Outcome.NOT_THIS_ACTIVITY, codes.verify(foreign, STEP_START).outcome());
        String mine = codes.current(42, STEP_START).text();
        String otherRegistration = "43" + mine.substring(2);
        assertFalse(codes.verify(otherRegistration, STEP_START).accepted());
    }

    @Test
    void malformedCodesAreRefusedBeforeAnyWork() {
        for (String bad : new String[] {null, "", "42", "42-12345", "0-123456", "42-1234567", "x-123456", "42 123456", "１２-123456"}) {
            assertEquals(Outcome.MALFORMED, codes.verify(bad, STEP_START).outcome(), String.valueOf(bad));
            assertFalse(CheckInCodes.wellFormed(bad));
        }
    }
}
