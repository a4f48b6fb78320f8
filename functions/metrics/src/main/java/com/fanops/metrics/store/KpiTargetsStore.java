package com.fanops.metrics.store;

import com.fanops.metrics.domain.KpiTargets;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * KPI targets, versioned, in the config table (the pattern of the engagement rules): {@code pk=SETTINGS#kpi-targets,
 * sk=V#<0000000001>}, the targets as JSON. Version 0 is {@link KpiTargets#defaults()} and is never stored.
 */
public final class KpiTargetsStore {

    public static final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException() {
            super("targets changed meanwhile");
        }
    }

    private static final String PK = "SETTINGS#kpi-targets";

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public KpiTargetsStore(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    public KpiTargets current() {
        var items = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))).scanIndexForward(false).limit(1)
                .consistentRead(true)).items();
        return items.isEmpty() ? KpiTargets.defaults() : parse(items.get(0));
    }

    /** Newest first, ending with the defaults (version 0). */
    public List<KpiTargets> history() {
        List<KpiTargets> saved = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))).scanIndexForward(false)).items()
                .stream().map(KpiTargetsStore::parse).toList();
        return Stream.concat(saved.stream(), Stream.of(KpiTargets.defaults())).toList();
    }

    /** Saves the targets as the version after {@code basedOn}; fails if it is not the version in force or someone
     * else saved the next version first. */
    public KpiTargets change(KpiTargets targets, int basedOn, String author) {
        if (current().version() != basedOn) {
            throw new ConcurrentChangeException(); // edited from a version that is not the one in force
        }
        KpiTargets next = targets.asVersion(basedOn + 1, author, clock.instant());
        try {
            String json = Json.mapper().writeValueAsString(next);
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(PK),
                    "sk", AttributeValue.fromS(String.format("V#%010d", next.version())), "targets", AttributeValue.fromS(json)))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return next;
    }

    private static KpiTargets parse(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(item.get("targets").s(), KpiTargets.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored KPI targets unreadable", e);
        }
    }
}
