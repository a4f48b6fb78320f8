package com.fanops.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant ORIGIN = Instant.parse("2026-03-02T09:30:00Z"); // a Monday

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression, ORIGIN).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void awsDocumentedCronExamplesFireWhenEventBridgeWould() {
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), next("cron(0 10 * * ? *)", "2026-03-02T09:30:00Z"));
        assertEquals(Instant.parse("2026-03-02T12:15:00Z"), next("cron(15 12 * * ? *)", "2026-03-02T09:30:00Z"));
        assertEquals(Instant.parse("2026-03-09T18:00:00Z"), next("cron(0 18 ? * MON-FRI *)", "2026-03-06T18:00:00Z"));
        assertEquals(Instant.parse("2026-04-01T08:00:00Z"), next("cron(0 8 1 * ? *)", "2026-03-01T08:00:00Z"));
        assertEquals(Instant.parse("2026-03-02T09:45:00Z"), next("cron(0/15 * * * ? *)", "2026-03-02T09:30:00Z"));
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), next("cron(0/5 8-17 ? * MON-FRI *)", "2026-03-02T17:55:00Z"));
        assertEquals(Instant.parse("2026-03-02T16:05:00Z"), next("cron(5 16 * * ? *)", "2026-03-02T09:30:00Z"));
    }

    private static Instant nextIn(String zone, String expression, String after) {
        return ScheduleExpression.parse(expression, ORIGIN, ZoneId.of(zone)).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void aSchedulerCronIsReadInItsTimeZoneDaylightSavingIncluded() {
        // 00:05 in Berlin: 23:05Z the evening before in winter (CET, +1), 22:05Z in summer (CEST, +2).
        assertEquals(Instant.parse("2026-01-14T23:05:00Z"), nextIn("Europe/Berlin", "cron(5 0 * * ? *)", "2026-01-14T12:00:00Z"));
        assertEquals(Instant.parse("2026-07-14T22:05:00Z"), nextIn("Europe/Berlin", "cron(5 0 * * ? *)", "2026-07-14T12:00:00Z"));
        // Across the change: summer time starts on 29 March 2026 at 02:00, so the run of 30 March is an hour earlier in UTC.
        assertEquals(Instant.parse("2026-03-28T23:05:00Z"), nextIn("Europe/Berlin", "cron(5 0 * * ? *)", "2026-03-28T12:00:00Z"));
        assertEquals(Instant.parse("2026-03-29T22:05:00Z"), nextIn("Europe/Berlin", "cron(5 0 * * ? *)", "2026-03-28T23:05:00Z"));
        // Asia/Shanghai has no daylight saving: 00:05 there is always 16:05Z the day before.
        assertEquals(Instant.parse("2026-07-14T16:05:00Z"), nextIn("Asia/Shanghai", "cron(5 0 * * ? *)", "2026-07-14T12:00:00Z"));
        assertEquals(Instant.parse("2026-07-14T16:20:00Z"), nextIn("Asia/Shanghai", "cron(20 0 * * ? *)", "2026-07-14T16:05:00Z"));
    }

    @Test
    void ratesCountFromTheRulesCreation() {
        assertEquals(Instant.parse("2026-03-02T09:35:00Z"), next("rate(5 minutes)", "2026-03-02T09:30:00Z"));
        assertEquals(Instant.parse("2026-03-02T10:30:00Z"), next("rate(1 hour)", "2026-03-02T10:00:00Z"));
        assertEquals(Instant.parse("2026-03-04T09:30:00Z"), next("rate(1 day)", "2026-03-03T09:30:00Z"));
    }

    @Test
    void malformedExpressionsAreRefusedAsEventBridgeDoes() {
        for (String bad : new String[] {"rate(1 minutes)", "rate(5 minute)", "rate(0 days)", "cron(0 10 * * * *)",
                "cron(0 10 * *)", "every day"}) {
            assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(bad, ORIGIN), bad);
        }
    }
}
