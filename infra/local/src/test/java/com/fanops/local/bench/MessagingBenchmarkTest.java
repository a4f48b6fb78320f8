package com.fanops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The messaging benchmark's own arithmetic: its options, the sender's log lines added up, the e-mails' pacing. */
class MessagingBenchmarkTest {

    @Test
    void tenThousandMessagesAtSesDefaultRateUnlessTold() {
        MessagingBenchmark.Settings defaults = MessagingBenchmark.Settings.parse(Map.of(), Map.of());
        assertEquals(10_000, defaults.messages());
        assertEquals(Map.of("MaxSendRate", "14"), defaults.params());

        MessagingBenchmark.Settings told = MessagingBenchmark.Settings.parse(Map.of("messages", "500", "send-rate", "200"),
                Map.of("MaxSendRate", "50", "BusinessTimeZone", "Europe/Berlin"));
        assertEquals(500, told.messages());
        assertEquals(200.0, told.perSecond());
        assertEquals(Map.of("MaxSendRate", "200", "BusinessTimeZone", "Europe/Berlin"), told.params(), "--send-rate wins, other overrides stay");
        assertEquals("50", MessagingBenchmark.Settings.parse(Map.of(), Map.of("MaxSendRate", "50")).sendRate());
    }

    @Test
    void optionsTheStackCouldNotTakeAreRefusedNamingTheOption() {
        assertTrue(refused(Map.of("messages", "0")).contains("--messages"));
        assertTrue(refused(Map.of("messages", "ten")).contains("--messages"));
        assertTrue(refused(Map.of("send-rate", "0.5")).contains("--send-rate"), "the template's MinValue is 1");
        assertTrue(refused(Map.of("send-rate", "fast")).contains("--send-rate"));
        assertTrue(refused(Map.of("send-rate", "NaN")).contains("--send-rate"));
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> MessagingBenchmark.Settings.parse(values, Map.of())).getMessage();
    }

    @Test
    void theSendersLinesAddUpAndBatchesOfOneSortGiveTheirOwnCost() {
        SenderLog log = new SenderLog();
        // A batch of two sends, a batch of two SES reports, a mixed batch with a suppression, a line that is not JSON.
        log.accept(line("message sent"));
        log.accept(line("message sent"));
        log.accept(batch(2, 0, 9.0, 14.0));
        log.accept(line("e-mail event"));
        log.accept(line("e-mail event without a log change"));
        log.accept(batch(2, 0, 1.0, 4.0));
        log.accept("Picked up JAVA_TOOL_OPTIONS: -Xshare:auto");
        log.accept(line("message sent"));
        log.accept(line("message suppressed"));
        log.accept(line("e-mail event"));
        log.accept(batch(3, 0, 10.0, 12.0));

        SenderLog.Totals t = log.totals();
        assertEquals(3, t.sent());
        assertEquals(1, t.suppressed());
        assertEquals(3, t.reports());
        assertEquals(new SenderLog.Batches(3, 7, 20.0, 30.0), t.all());
        assertEquals(new SenderLog.Batches(1, 2, 9.0, 14.0), t.sendsOnly());
        assertEquals(4.5, t.sendsOnly().readsPerMessage());
        assertEquals(new SenderLog.Batches(1, 2, 1.0, 4.0), t.reportsOnly());
        assertEquals(4, log.decided());

        log.reset();
        assertEquals(new SenderLog.Batches(0, 0, 0, 0), log.totals().all());
        assertEquals(0, log.sent());
    }

    @Test
    void aBatchWithAFailedMessageCountsInTheTotalButNotAsABatchOfOneSort() {
        SenderLog log = new SenderLog();
        log.accept(line("message sent"));
        log.accept(batch(2, 1, 3.0, 5.0));
        assertEquals(1, log.totals().failedInBatches());
        assertEquals(new SenderLog.Batches(1, 2, 3.0, 5.0), log.totals().all());
        assertEquals(0, log.totals().sendsOnly().batches());
    }

    @Test
    void pacingFindsTheSteadyRateAndTheBusiestSecond() {
        Instant start = Instant.parse("2026-12-06T08:00:00Z");
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 141; i++) {
            times.add(start.plusNanos(i * 1_000_000_000L / 14)); // 14 a second for 10 s
        }
        times.add(start.plusMillis(5_000)); // one more in the sixth second: 15 within a second there
        java.util.Collections.shuffle(times, new java.util.Random(1));
        MessagingBenchmark.Pacing p = MessagingBenchmark.Pacing.of(times);
        assertEquals(142, p.emails());
        assertEquals(start, p.first());
        assertEquals(start.plusSeconds(10), p.last());
        assertEquals(15, p.busiestSecond());
        assertEquals(14.1, p.perSecond(), 1e-9);
        assertEquals(0, MessagingBenchmark.Pacing.of(List.of()).emails());
    }

    @Test
    void itemSizeCountsNamesValuesAndTheOverheadOfListsAndMaps() {
        assertEquals(2 + 5 + 1 + 3, ItemSize.of(Map.of("pk", AttributeValue.fromS("MSG#1"), "n", AttributeValue.fromN("123"))));
        assertEquals(1 + 3 + (1 + 1 + 2) + (1 + 1 + 1), ItemSize.of(Map.of("m",
                AttributeValue.fromM(Map.of("a", AttributeValue.fromS("xy"), "b", AttributeValue.fromBool(true))))));
        assertEquals(1 + 3 + (1 + 6), ItemSize.of(Map.of("h", AttributeValue.fromL(List.of(AttributeValue.fromS("好久"))))),
                "UTF-8 bytes: three per Chinese character");
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("100"))), "trailing zeros are not significant");
    }

    private static String line(String message) {
        return "{\"timestamp\":\"2026-12-06T08:00:00Z\",\"level\":\"INFO\",\"logger\":\"x\",\"message\":\"" + message
                + "\",\"correlationId\":\"c\",\"messageId\":\"msg_1\"}";
    }

    private static String batch(int messages, int failed, double reads, double writes) {
        return "{\"timestamp\":\"2026-12-06T08:00:00Z\",\"level\":\"INFO\",\"logger\":\"x\",\"message\":\"batch handled\",\"messages\":"
                + messages + ",\"failed\":" + failed + ",\"readUnits\":" + reads + ",\"writeUnits\":" + writes + "}";
    }
}
