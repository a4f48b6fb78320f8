package com.fanops.engagement.store;

import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Engagement rules, versioned, in the config table: {@code pk=SETTINGS#engagement, sk=V#<0000000001>}, the rules
 * as JSON. Version 0 is {@link EngagementRules#defaults()}. Readers cache the version in force for a short while
 * (the scorer reads it once per batch at most).
 */
public final class RulesStore {

    public static final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException() {
            super("rules changed meanwhile");
        }
    }

    private static final String PK = "SETTINGS#engagement";

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final Duration cacheFor;
    private EngagementRules cached;
    private Instant cachedAt = Instant.MIN;

    public RulesStore(DynamoDbClient ddb, String table, Clock clock, Duration cacheFor) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public synchronized EngagementRules current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(cacheFor))) {
            var items = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))).scanIndexForward(false).limit(1)
                    .consistentRead(true)).items();
            cached = items.isEmpty() ? EngagementRules.defaults() : parse(items.get(0));
            cachedAt = now;
        }
        return cached;
    }

    public List<EngagementRules> history() {
        List<EngagementRules> saved = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))).scanIndexForward(false)).items()
                .stream().map(RulesStore::parse).toList();
        return java.util.stream.Stream.concat(saved.stream(), java.util.stream.Stream.of(EngagementRules.defaults())).toList();
    }

    /** Saves the rules as the version after {@code basedOn}; fails if someone else saved that version first. */
    public EngagementRules change(EngagementRules rules, int basedOn, String author) {
        EngagementRules next = rules.asVersion(basedOn + 1, author, clock.instant());
        try {
            String json = Json.mapper().writeValueAsString(next);
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(PK),
                    "sk", AttributeValue.fromS(String.format("V#%010d", next.version())), "rules", AttributeValue.fromS(json)))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        synchronized (this) {
            cached = null;
        }
        return next;
    }

    private static EngagementRules parse(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(item.get("rules").s(), EngagementRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored engagement rules unreadable", e);
        }
    }
}
