package com.fanops.platform.jobs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Sends shard messages to a job's queue, ten per SendMessageBatch; entries SQS refuses are sent again once, then fail the call. */
public final class ShardQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public ShardQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void send(List<ShardTask> tasks) {
        for (int from = 0; from < tasks.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (ShardTask t : tasks.subList(from, Math.min(tasks.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id("s" + t.shard()).messageBody(t.toJson()).build());
            }
            List<BatchResultErrorEntry> failed = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed();
            if (!failed.isEmpty()) {
                List<String> ids = failed.stream().map(BatchResultErrorEntry::id).toList();
                List<SendMessageBatchRequestEntry> again = entries.stream().filter(e -> ids.contains(e.id())).toList();
                if (!sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(again)).failed().isEmpty()) {
                    // The coordinator's retry (the schedule's own) sends the run's missing shards again.
                    throw new IllegalStateException("SQS refused shard messages of " + tasks.get(0).job());
                }
            }
        }
    }
}
