package com.fanops.platform.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded retries with exponential backoff and full jitter (a delay drawn uniformly from zero to
 * {@code min(cap, base * 2^attempt)}), for optimistic read-modify-write loops and throttled batch calls.
 * An attempt answers a value (done), an empty Optional (try again: the outcome asks for it), or throws;
 * only the exceptions {@link #on} names are retried, any other goes straight to the caller.
 *
 * <p>Written here rather than taken from Failsafe: Failsafe 3.3.2 resolves but adds 144 KB to every function
 * jar, its jitter is a fraction around the delay rather than full jitter, and its synchronous executions
 * sleep on the calling thread with no way for a test to take the sleeps.
 */
public final class Retry {

    /** Waits between attempts; tests pass one that records the delays instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    /** Every attempt asked for another; carries the last attempt's exception, if it ended in one. */
    public static final class ExhaustedException extends IllegalStateException {
        private final int attempts;

        ExhaustedException(String message, int attempts, RuntimeException last) {
            super(message + " (" + attempts + " attempts)", last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    private static final Sleeper THREAD_SLEEP = delay -> Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    /** Draws a delay in [0, bound] nanoseconds. */
    private static final LongUnaryOperator UNIFORM = bound -> ThreadLocalRandom.current().nextLong(bound + 1);

    private final int attempts;
    private final Duration base;
    private final Duration cap;
    private final Predicate<RuntimeException> retryable;
    private final Sleeper sleeper;
    private final LongUnaryOperator jitter;

    private Retry(int attempts, Duration base, Duration cap, Predicate<RuntimeException> retryable, Sleeper sleeper,
                  LongUnaryOperator jitter) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.base = base;
        this.cap = cap;
        this.retryable = retryable;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** At most {@code attempts} attempts, backoff from {@code base} doubling up to {@code cap}, no exception retried. */
    public static Retry of(int attempts, Duration base, Duration cap) {
        return new Retry(attempts, base, cap, e -> false, THREAD_SLEEP, UNIFORM);
    }

    /** Also retries attempts that throw {@code type}. */
    public Retry on(Class<? extends RuntimeException> type) {
        return on(type::isInstance);
    }

    /** Also retries attempts whose exception matches {@code when}. */
    public Retry on(Predicate<RuntimeException> when) {
        return new Retry(attempts, base, cap, retryable.or(when), sleeper, jitter);
    }

    public Retry sleeper(Sleeper sleeper) {
        return new Retry(attempts, base, cap, retryable, sleeper, jitter);
    }

    /** The jitter: given the attempt's ceiling in nanoseconds, the delay to wait (tests pin it). */
    public Retry jitter(LongUnaryOperator jitter) {
        return new Retry(attempts, base, cap, retryable, sleeper, jitter);
    }

    /**
     * Runs {@code attempt} until it answers a value; {@code what} names the operation in the exception thrown
     * when every attempt asked for another.
     */
    public <T> T get(String what, Supplier<Optional<T>> attempt) {
        RuntimeException last = null;
        for (int n = 0; n < attempts; n++) {
            if (n > 0) {
                pause(n - 1);
            }
            try {
                Optional<T> answer = attempt.get();
                if (answer.isPresent()) {
                    return answer.get();
                }
                last = null;
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new ExhaustedException(what + " did not settle", attempts, last);
    }

    /** The delay before retry number {@code retry} (0 for the first retry). */
    Duration delay(int retry) {
        long b = base.toNanos();
        long ceiling = retry >= 62 || b > (Long.MAX_VALUE >> retry) ? cap.toNanos() : Math.min(cap.toNanos(), b << retry);
        return Duration.ofNanos(jitter.applyAsLong(ceiling));
    }

    private void pause(int retry) {
        try {
            sleeper.sleep(delay(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
