package com.fanops.platform.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    private static SQSEvent batch(String arn, String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            m.setEventSourceArn(arn);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void onlyFailingMessagesAreReported() {
        List<String> handled = new ArrayList<>();
        var response = SqsBatch.process(batch("arn:aws:sqs:r:1:q", "ok", "bad", "ok"), m -> {
            if (m.getBody().equals("bad")) {
                throw new IllegalArgumentException("bad");
            }
            handled.add(m.getMessageId());
        });
        assertEquals(List.of("m1"), failed(response));
        assertEquals(List.of("m0", "m2"), handled);
    }

    @Test
    void fifoStopsAtTheFirstFailureToKeepOrder() {
        List<String> handled = new ArrayList<>();
        var response = SqsBatch.process(batch("arn:aws:sqs:r:1:q.fifo", "ok", "bad", "ok"), m -> {
            if (m.getBody().equals("bad")) {
                throw new IllegalArgumentException("bad");
            }
            handled.add(m.getMessageId());
        });
        assertEquals(List.of("m1", "m2"), failed(response));
        assertEquals(List.of("m0"), handled);
    }
}
