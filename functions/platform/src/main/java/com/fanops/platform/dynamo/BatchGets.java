package com.fanops.platform.dynamo;

import com.fanops.platform.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * BatchGetItem over any number of keys of one table: 100 keys a call, unprocessed keys retried with exponential backoff
 * and full jitter (as the DynamoDB docs advise: throttled callers retrying in step would collide again), eventually
 * consistent, projected, read units counted (when a meter is given). Missing items are simply absent.
 */
public final class BatchGets {

    private static final Retry UNPROCESSED = Retry.of(20, Duration.ofMillis(20), Duration.ofSeconds(1));

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
            AtomicReference<Map<String, KeysAndAttributes>> pending = new AtomicReference<>(Map.of(table, request.build()));
            UNPROCESSED.get("BatchGetItem on " + table, () -> {
                BatchGetItemResponse answer = ddb.batchGetItem(b -> b.requestItems(pending.get())
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                if (meter != null && answer.consumedCapacity() != null) {
                    answer.consumedCapacity().forEach(meter::read);
                }
                out.addAll(answer.responses().getOrDefault(table, List.of()));
                pending.set(answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of());
                return pending.get().isEmpty() ? Optional.of(true) : Optional.empty();
            });
        }
        return out;
    }
}
