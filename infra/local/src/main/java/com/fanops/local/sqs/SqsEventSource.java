package com.fanops.local.sqs;

import com.fanops.local.lambda.InvokeResult;
import com.fanops.local.lambda.LambdaInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping: long-polls the queue, gathers a batch (size and batching window),
 * invokes the function synchronously with the event Lambda sends, and deletes what succeeded. With
 * ReportBatchItemFailures only the reported messages stay; they reappear after the visibility timeout
 * and the queue's redrive policy moves them to the dead-letter queue after maxReceiveCount.
 * As in Lambda, several batches are in flight at once: one poller per concurrent invocation the mapping
 * may use (the function's concurrency, capped by the event's ScalingConfig.MaximumConcurrency).
 */
public final class SqsEventSource implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final LambdaInvoker invoker;
    private final String functionName;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final int windowSeconds;
    private final boolean reportBatchItemFailures;
    private final String region;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code concurrency}: how many batches may be in flight at once (at least 1). */
    public SqsEventSource(SqsClient sqs, LambdaInvoker invoker, String functionName, String queueUrl, String queueArn,
                          int batchSize, int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, String awsRegion,
                          int concurrency) {
        this.sqs = sqs;
        this.invoker = invoker;
        this.functionName = functionName;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = Math.max(1, batchSize);
        this.windowSeconds = maximumBatchingWindowSeconds;
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.region = awsRegion;
        for (int i = 1; i <= Math.max(1, concurrency); i++) {
            Thread poller = new Thread(this::poll, "sqs-poller-" + functionName + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
        }
    }

    public void start() {
        pollers.forEach(Thread::start);
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("[local] SQS poller for " + functionName + ": " + e);
                    sleep(1000);
                }
            }
        }
    }

    private List<Message> gather() throws InterruptedException {
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + windowSeconds * 1_000_000_000L;
        do {
            int wanted = Math.min(10, batchSize - batch.size());
            boolean first = batch.isEmpty();
            int wait = first ? 1 : (int) Math.max(0, Math.min(1, (windowEnd - System.nanoTime()) / 1_000_000_000L));
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(wanted).waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            batch.addAll(received);
            if (!running) {
                throw new InterruptedException();
            }
            if (received.isEmpty() && batch.isEmpty()) {
                windowEnd = System.nanoTime() + windowSeconds * 1_000_000_000L;
            }
        } while (batch.size() < batchSize && System.nanoTime() < windowEnd);
        return batch;
    }

    private void deliver(List<Message> batch) throws InterruptedException {
        byte[] event = event(batch);
        InvokeResult result = invoker.invoke(functionName, event);
        if (!result.ok()) {
            return; // nothing deleted: every message comes back after the visibility timeout
        }
        Set<String> failed = reportBatchItemFailures ? failures(result, batch) : Set.of();
        if (failed == null) {
            return; // unusable response: Lambda treats the whole batch as failed
        }
        List<DeleteMessageBatchRequestEntry> done = batch.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    /** The ids the function reported, or null when the answer is not a valid partial batch response. */
    private static Set<String> failures(InvokeResult result, List<Message> batch) {
        if (result.payload() == null || result.payload().length == 0) {
            return Set.of();
        }
        try {
            JsonNode answer = JSON.readTree(result.payload());
            if (answer == null || answer.isNull() || !answer.has("batchItemFailures")) {
                return Set.of();
            }
            Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
            Set<String> failed = new java.util.HashSet<>();
            for (JsonNode failure : answer.path("batchItemFailures")) {
                String id = failure.path("itemIdentifier").asText(null);
                if (id == null || id.isEmpty() || !ids.contains(id)) {
                    return null;
                }
                failed.add(id);
            }
            return failed;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private byte[] event(List<Message> batch) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message m : batch) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.put("attributes", attributes);
            Map<String, Object> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("stringValue", v.stringValue());
                a.put("binaryValue", v.binaryValue() == null ? null : java.util.Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
                a.put("stringListValues", List.of());
                a.put("binaryListValues", List.of());
                a.put("dataType", v.dataType());
                messageAttributes.put(k, a);
            });
            record.put("messageAttributes", messageAttributes);
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
            records.add(record);
        }
        try {
            return JSON.writeValueAsString(Map.of("Records", records)).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (Thread poller : pollers) {
            try {
                poller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
