package com.fanops.local.fuzz;

import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fanops.template.FunctionSpec;
import com.fanops.template.QueueSpec;
import com.fanops.template.TableSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the stack holds, as the write oracle compares it: the item count of every table and the depth of every queue
 * (visible, in flight and delayed), read once nothing is left to happen (every queue a function reads drained, no
 * asynchronous invocation or bus delivery pending).
 */
final class StackProbe implements AutoCloseable {

    /** Counts by name: {@code table:<logical id>} and {@code queue:<logical id>}. */
    record Snapshot(Map<String, Long> counts) {
        /** What changed from {@code before}, e.g. {@code {table:MembersTable=+1}}. */
        Map<String, Long> diff(Snapshot before) {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> {
                long d = v - before.counts.getOrDefault(k, 0L);
                if (d != 0) {
                    out.put(k, d);
                }
            });
            return out;
        }
    }

    private final LocalCloud cloud;
    private final DynamoDbClient ddb;
    private final SqsClient sqs;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final Set<String> deadLetterQueues = new HashSet<>();

    StackProbe(LocalCloud cloud) {
        this.cloud = cloud;
        this.ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb")).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(ApacheHttpClient.builder()).build();
        this.sqs = SqsClient.builder().endpointOverride(cloud.endpoints().get("sqs")).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(ApacheHttpClient.builder()).build();
        for (TableSpec t : cloud.template().tables()) {
            tables.put(t.logicalId(), cloud.tableName(t.logicalId()));
        }
        Set<String> dlqArns = new HashSet<>();
        for (QueueSpec q : cloud.template().queues()) {
            queues.put(q.logicalId(), cloud.queueUrl(q.logicalId()));
            if (q.deadLetterTargetArn() != null) {
                dlqArns.add(cloud.resolver().string(q.deadLetterTargetArn()));
            }
        }
        for (FunctionSpec fn : cloud.template().functions()) {
            for (Object arn : new Object[] {fn.deadLetterTargetArn(), fn.onFailureDestination()}) {
                if (arn != null) {
                    dlqArns.add(cloud.resolver().string(arn));
                }
            }
            fn.schedulerSchedules().stream().filter(s -> s.deadLetterArn() != null)
                    .forEach(s -> dlqArns.add(cloud.resolver().string(s.deadLetterArn())));
        }
        for (String id : queues.keySet()) {
            String name = cloud.names().queueName(cloud.template().resource(id));
            if (dlqArns.stream().anyMatch(arn -> arn.endsWith(":" + name))) {
                deadLetterQueues.add(id);
            }
        }
    }

    DynamoDbClient dynamoDb() {
        return ddb;
    }

    SqsClient sqs() {
        return sqs;
    }

    Map<String, String> tables() {
        return tables;
    }

    Set<String> deadLetterQueues() {
        return deadLetterQueues;
    }

    String queueUrl(String logicalId) {
        return queues.get(logicalId);
    }

    Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        tables.forEach((id, name) -> {
            long n = 0;
            for (var page : ddb.scanPaginator(b -> b.tableName(name).select(Select.COUNT).consistentRead(true))) {
                n += page.count();
            }
            counts.put("table:" + id, n);
        });
        queues.forEach((id, url) -> counts.put("queue:" + id, depth(url)));
        return new Snapshot(counts);
    }

    long depth(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    /** Waits until nothing is left to happen, seen twice in a row; false if the stack stayed busy for {@code timeout}. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            quiet = busy() ? 0 : quiet + 1;
            if (quiet < 2) {
                Thread.sleep(quiet == 0 ? 40 : 15);
            }
        }
        return true;
    }

    private boolean busy() {
        // SES's reports (delivered, bounced) reach the bus a moment after a send: an e-mail's report belongs to its case.
        if (cloud.pendingEventDeliveries() > 0 || cloud.pendingEmailEvents() > 0
                || cloud.template().functions().stream().anyMatch(fn -> cloud.lambda().pendingAsync(fn.logicalId()) > 0)) {
            return true;
        }
        return cloud.consumedQueueUrls().stream().anyMatch(url -> depth(url) > 0);
    }

    @Override
    public void close() {
        ddb.close();
        sqs.close();
    }
}
