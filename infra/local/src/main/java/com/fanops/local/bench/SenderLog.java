package com.fanops.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the messaging sender's log lines add up to: messages sent, suppressed, deferred and refused, SES reports taken
 * in, and the DynamoDB capacity of every invocation's {@code "batch handled"} line (ReturnConsumedCapacity=TOTAL,
 * summed by the function's CapacityMeter). The sender runs one invocation at a time (reserved concurrency 1), so the
 * lines before a {@code "batch handled"} line are its batch's: a batch of sends only and a batch of SES reports only
 * each show what one of them costs.
 */
final class SenderLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Batches of one sort: how many, the messages in them, and their units. */
    record Batches(long batches, long messages, double readUnits, double writeUnits) {
        static final Batches NONE = new Batches(0, 0, 0, 0);

        Batches plus(long messages, double reads, double writes) {
            return new Batches(batches + 1, this.messages + messages, readUnits + reads, writeUnits + writes);
        }

        double readsPerMessage() {
            return messages == 0 ? Double.NaN : readUnits / messages;
        }

        double writesPerMessage() {
            return messages == 0 ? Double.NaN : writeUnits / messages;
        }
    }

    /** The sums so far. {@code all} counts every batch: sends, SES reports and anything else the queue carried. */
    record Totals(long sent, long suppressed, long deferred, long refused, long reports, long failedInBatches, Batches all,
                  Batches sendsOnly, Batches reportsOnly) {
    }

    private long sent;
    private long suppressed;
    private long deferred;
    private long refused;
    private long reports;
    private long failedInBatches;
    private Batches all = Batches.NONE;
    private Batches sendsOnly = Batches.NONE;
    private Batches reportsOnly = Batches.NONE;
    private long batchSends;
    private long batchReports;

    /** Takes one line of the sender's output; lines that are not its JSON log lines are ignored. */
    synchronized void accept(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        JsonNode l;
        try {
            l = JSON.readTree(line);
        } catch (Exception notJson) {
            return;
        }
        switch (l.path("message").asText()) {
            case "message sent" -> {
                sent++;
                batchSends++;
            }
            case "message suppressed" -> suppressed++;
            case "message deferred" -> deferred++;
            case "provider refused message" -> refused++;
            case "e-mail event", "e-mail event without a log change" -> {
                reports++;
                batchReports++;
            }
            case "batch handled" -> batch(l.path("messages").asLong(), l.path("failed").asLong(), l.path("readUnits").asDouble(),
                    l.path("writeUnits").asDouble());
            default -> {
                // other lines (a duplicate request, an event that implies no message) count only in their batch
            }
        }
    }

    private void batch(long messages, long failed, double reads, double writes) {
        failedInBatches += failed;
        all = all.plus(messages, reads, writes);
        if (messages > 0 && failed == 0 && batchSends == messages) {
            sendsOnly = sendsOnly.plus(messages, reads, writes);
        } else if (messages > 0 && failed == 0 && batchReports == messages) {
            reportsOnly = reportsOnly.plus(messages, reads, writes);
        }
        batchSends = 0;
        batchReports = 0;
    }

    synchronized long sent() {
        return sent;
    }

    /** Sent, suppressed, deferred or refused: requests the sender has decided. */
    synchronized long decided() {
        return sent + suppressed + deferred + refused;
    }

    synchronized Totals totals() {
        return new Totals(sent, suppressed, deferred, refused, reports, failedInBatches, all, sendsOnly, reportsOnly);
    }

    /** Forgets everything so far (what the stack did before the measurement). */
    synchronized void reset() {
        sent = suppressed = deferred = refused = reports = failedInBatches = batchSends = batchReports = 0;
        all = sendsOnly = reportsOnly = Batches.NONE;
    }
}
