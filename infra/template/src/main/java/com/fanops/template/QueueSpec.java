package com.fanops.template;

import java.util.Map;

/** An AWS::SQS::Queue with its redrive policy (dead-letter queue and maxReceiveCount); the visibility timeout may be a {@code !Ref}. */
public record QueueSpec(String logicalId, Object queueName, boolean fifo, Object visibilityTimeout,
                        int messageRetentionSeconds, int delaySeconds, int receiveWaitSeconds,
                        Object deadLetterTargetArn, Integer maxReceiveCount, boolean contentBasedDeduplication) {

    static QueueSpec of(Resource r) {
        Map<String, Object> redrive = r.map("RedrivePolicy");
        Object maxReceive = redrive.get("maxReceiveCount");
        return new QueueSpec(r.logicalId(), r.property("QueueName"),
                Boolean.parseBoolean(String.valueOf(r.properties().getOrDefault("FifoQueue", "false"))),
                r.property("VisibilityTimeout") == null ? 30 : r.property("VisibilityTimeout"), intOf(r.property("MessageRetentionPeriod"), 345600),
                intOf(r.property("DelaySeconds"), 0), intOf(r.property("ReceiveMessageWaitTimeSeconds"), 0),
                redrive.get("deadLetterTargetArn"), maxReceive == null ? null : intOf(maxReceive, 1),
                Boolean.parseBoolean(String.valueOf(r.properties().getOrDefault("ContentBasedDeduplication", "false"))));
    }

    static int intOf(Object value, int dflt) {
        return value == null ? dflt : Integer.parseInt(String.valueOf(value));
    }
}
