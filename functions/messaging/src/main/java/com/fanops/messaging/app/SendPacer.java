package com.fanops.messaging.app;

import java.time.Duration;

/**
 * Keeps this sender below its share of the account's send rate (SES's default is 14 messages a second): each call
 * waits until the next send slot. One pacer per container; the function's reserved concurrency divides the rate.
 */
public final class SendPacer {

    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final Sleeper sleeper;
    private final java.util.function.LongSupplier nanoTime;
    private long nextSlot;

    public SendPacer(double perSecond, Sleeper sleeper, java.util.function.LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.intervalNanos = (long) (Duration.ofSeconds(1).toNanos() / perSecond);
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.nextSlot = nanoTime.getAsLong();
    }

    /**
     * A pacer a little under {@code maxPerSecond}: calls spaced exactly 1/rate apart still arrive jittered, and the
     * benchmark saw 15 arrivals in one second at 14/s - 5% headroom keeps the provider's throttling out of the normal path.
     */
    public static SendPacer of(double maxPerSecond) {
        return new SendPacer(maxPerSecond * 0.95, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)), System::nanoTime);
    }

    public synchronized void acquire() {
        long now = nanoTime.getAsLong();
        long wait = nextSlot - now;
        nextSlot = Math.max(now, nextSlot) + intervalNanos;
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
