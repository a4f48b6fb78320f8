package com.fanops.platform.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * BatchGetItem over any number of keys of one table: 100 keys a call, unprocessed keys retried with exponential backoff
 * and jitter (as the DynamoDB docs advise: throttled callers retrying in step would collide again), eventually
 * consistent, projected, read units counted (when a meter is given). Missing items are simply absent.
 */
public final class BatchGets {

    private BatchGets() {
    }

    public static List<Map<String, AttributeValue>> get(DynamoDbClient ddb, String table, List<Map<String, AttributeValue>> keys,
                                                        String projection, Map<String, String> names, CapacityMeter meter) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                    .projectionExpression(projection);
            if (names != null && !names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, request.build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> ask = pending;
                BatchGetItemResponse answer = ddb.batchGetItem(b -> b.requestItems(ask).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                if (meter != null && answer.consumedCapacity() != null) {
                    answer.consumedCapacity().forEach(meter::read);
                }
                out.addAll(answer.responses().getOrDefault(table, List.of()));
                pending = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
                if (attempt > 20) {
                    throw new IllegalStateException("BatchGetItem kept returning unprocessed keys");
                }
            }
        }
        return out;
    }

    private static void pause(int attempt) {
        try {
            long ceiling = Math.min(1000, 20L << Math.min(attempt, 6));
            Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
