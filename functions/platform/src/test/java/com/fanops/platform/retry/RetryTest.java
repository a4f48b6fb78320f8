package com.fanops.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    static final class Conflict extends RuntimeException {
    }

    private final List<Duration> slept = new ArrayList<>();
    /** Always waits the full ceiling, so the backoff schedule is visible. */
    private final Retry retry = Retry.of(5, Duration.ofMillis(10), Duration.ofMillis(50)).on(Conflict.class)
            .sleeper(slept::add).jitter(ceiling -> ceiling);

    @Test
    void aValueOnTheFirstAttemptNeverWaits() {
        assertEquals("done", retry.get("write", () -> Optional.of("done")));
        assertEquals(List.of(), slept);
    }

    @Test
    void anEmptyOutcomeIsTriedAgainWithExponentialBackoffUpToTheCap() {
        AtomicInteger calls = new AtomicInteger();
        String answer = retry.get("write", () -> calls.incrementAndGet() < 5 ? Optional.empty() : Optional.of("done"));
        assertEquals("done", answer);
        assertEquals(5, calls.get());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(50)), slept);
    }

    @Test
    void aNamedExceptionIsRetriedAndTheLastOneIsKeptWhenAttemptsRunOut() {
        AtomicInteger calls = new AtomicInteger();
        Conflict last = new Conflict();
        Retry.ExhaustedException e = assertThrows(Retry.ExhaustedException.class, () -> retry.get("spend", () -> {
            calls.incrementAndGet();
            throw last;
        }));
        assertEquals(5, calls.get());
        assertEquals(5, e.attempts());
        assertSame(last, e.getCause());
        assertTrue(e.getMessage().startsWith("spend"), e.getMessage());
    }

    @Test
    void anyOtherExceptionGoesStraightToTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        IllegalArgumentException bad = new IllegalArgumentException("bad input");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> retry.get("write", () -> {
            calls.incrementAndGet();
            throw bad;
        })));
        assertEquals(1, calls.get());
        assertEquals(List.of(), slept);
    }

    @Test
    void exhaustedByOutcomesCarriesNoCause() {
        Retry.ExhaustedException e = assertThrows(Retry.ExhaustedException.class, () -> retry.get("write", Optional::empty));
        assertEquals(null, e.getCause());
        assertEquals(4, slept.size());
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheCeiling() {
        Retry random = Retry.of(3, Duration.ofMillis(8), Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            Duration d = random.delay(3);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofMillis(64)) <= 0, d.toString());
        }
    }

    @Test
    void aLargeBaseNeverOverflowsPastTheCap() {
        Retry big = Retry.of(100, Duration.ofSeconds(30), Duration.ofMinutes(1)).jitter(ceiling -> ceiling);
        assertEquals(Duration.ofMinutes(1), big.delay(80));
        assertEquals(Duration.ofSeconds(30), big.delay(0));
    }
}
