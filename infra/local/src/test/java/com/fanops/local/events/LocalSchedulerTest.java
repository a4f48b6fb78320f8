package com.fanops.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fanops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EventBridge Scheduler stand-in: business-time crons, the schedule's Input with its context attributes, the DLQ. */
class LocalSchedulerTest {

    record Delivery(String arn, String input) {
    }

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:Daily";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:DailyDLQ";
    private static final String INPUT = "{\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-14T23:04:30Z"));
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private LocalScheduler scheduler;

    private LocalScheduler start(TargetDispatcher dispatcher) {
        scheduler = new LocalScheduler("us-east-1", "000000000000", dispatcher, clock);
        scheduler.create(new LocalScheduler.Schedule("Daily", "cron(5 0 * * ? *)", ZoneId.of("Europe/Berlin"), INPUT, FUNCTION,
                true, DLQ, 10));
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private void await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aBusinessTimeCronSendsItsInputWithTheScheduledTimeNotAnEvent() throws Exception {
        start((arn, input) -> deliveries.add(new Delivery(arn, input)));
        clock.set(Instant.parse("2026-01-14T23:05:10Z")); // 00:05:10 in Berlin, winter
        await(1);
        assertEquals(List.of(new Delivery(FUNCTION, "{\"scheduledTime\":\"2026-01-14T23:05:00Z\",\"attempt\":\"1\"}")), deliveries);
        assertEquals(Instant.parse("2026-07-14T22:05:00Z"), scheduler.nextFireTime("Daily", Instant.parse("2026-07-14T12:00:00Z")).orElseThrow(),
                "00:05 in Berlin in summer");
    }

    @Test
    void firedByHandTheInputCarriesTheChosenTimeInUtc() {
        start((arn, input) -> deliveries.add(new Delivery(arn, input)));
        scheduler.fire("Daily", OffsetDateTime.parse("2026-03-01T00:05:00+08:00").toInstant());
        assertEquals(List.of(new Delivery(FUNCTION, "{\"scheduledTime\":\"2026-02-28T16:05:00Z\",\"attempt\":\"1\"}")), deliveries);
        assertThrows(IllegalArgumentException.class, () -> scheduler.fire("Nightly", clock.instant()));
    }

    @Test
    void aTargetThatCannotBeInvokedIsRetriedThenTheInputGoesToTheDeadLetterQueue() {
        start((arn, input) -> {
            if (arn.equals(FUNCTION)) {
                throw new IllegalStateException("ResourceNotFoundException");
            }
            deliveries.add(new Delivery(arn, input));
        });
        scheduler.fire("Daily", Instant.parse("2026-03-01T23:05:00Z"));
        assertEquals(List.of(new Delivery(DLQ, "{\"scheduledTime\":\"2026-03-01T23:05:00Z\",\"attempt\":\"3\"}")), deliveries,
                "three attempts locally, then the run is in the DLQ, not lost");
    }

    @Test
    void expressionsAndTimeZonesSchedulerWouldRefuseAreRefused() {
        start((arn, input) -> deliveries.add(new Delivery(arn, input)));
        assertThrows(IllegalArgumentException.class, () -> scheduler.create(new LocalScheduler.Schedule("Bad", "cron(5 0 * * * *)",
                ZoneId.of("UTC"), null, FUNCTION, true, null, 0)));
        assertThrows(IllegalArgumentException.class, () -> scheduler.create(new LocalScheduler.Schedule("Daily", "rate(1 day)",
                ZoneId.of("UTC"), null, FUNCTION, true, null, 0)), "names are unique");
        assertFalse(scheduler.contains("Bad"));
    }

    @Test
    void withoutAnInputTheTargetGetsAnEmptyObject() {
        assertEquals("{}", LocalScheduler.input(null, "arn", Instant.EPOCH, "id", 1));
        assertEquals("{\"a\":\"arn:x\",\"e\":\"e1\"}", LocalScheduler.input("{\"a\":\"<aws.scheduler.schedule-arn>\",\"e\":\"<aws.scheduler.execution-id>\"}",
                "arn:x", Instant.EPOCH, "e1", 1));
    }
}
