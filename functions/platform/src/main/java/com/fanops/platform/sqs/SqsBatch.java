package com.fanops.platform.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.log.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Partial batch responses for SQS consumers (the event source needs {@code ReportBatchItemFailures}):
 * only failed messages return to the queue. Own code because powertools-batch does not resolve here.
 */
public final class SqsBatch {

    @FunctionalInterface
    public interface RecordHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    private static final Log LOG = Log.get(SqsBatch.class);

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, RecordHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean failRest = false;
        for (SQSEvent.SQSMessage message : records) {
            if (failRest) {
                // FIFO: a later message of the group must not overtake the one that failed.
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                handler.handle(message);
            } catch (Exception e) {
                LOG.error("message failed", e, "messageId", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                failRest = isFifo(message);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static boolean isFifo(SQSEvent.SQSMessage message) {
        return message.getEventSourceArn() != null && message.getEventSourceArn().endsWith(".fifo");
    }
}
