package com.fanops.platform.idempotency;

import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Runs a piece of work once per key, with Powertools' semantics (own code: powertools-idempotency
 * does not resolve here). Item in the idempotency table:
 * <pre>
 *   id (S, hash key)        caller's key
 *   status (S)              INPROGRESS | COMPLETED
 *   expiration (N)          epoch seconds; DynamoDB TTL removes the record after it
 *   inProgressExpiration (N) epoch millis after which an INPROGRESS claim is considered abandoned
 *   payloadHash (S)         SHA-256 of the canonical JSON of the payload
 *   data (S)                JSON of the first result, returned to every repeat
 * </pre>
 */
public final class Idempotency {

    private static final ObjectMapper CANONICAL = Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final Duration expiry;
    private final Duration inProgressTimeout;

    public Idempotency(DynamoDbClient ddb, String table, Clock clock, Duration expiry, Duration inProgressTimeout) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
        this.expiry = expiry;
        this.inProgressTimeout = inProgressTimeout;
    }

    public <T> T once(String key, Object payload, Class<T> resultType, Supplier<T> work) {
        String hash = hash(payload);
        long nowMillis = clock.millis();
        Map<String, AttributeValue> existing = claim(key, hash, nowMillis);
        if (existing != null) {
            return repeat(key, hash, existing, resultType);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            // Release the key so a retry can run the work again.
            ddb.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(key))));
            throw e;
        }
        String data = write(result);
        ddb.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(key)))
                .updateExpression("SET #s = :completed, #d = :data")
                .expressionAttributeNames(Map.of("#s", "status", "#d", "data"))
                .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS("COMPLETED"), ":data", AttributeValue.fromS(data))));
        return result;
    }

    /** Claims the key; returns null when claimed, or the existing record when somebody holds or completed it. */
    private Map<String, AttributeValue> claim(String key, String hash, long nowMillis) {
        try {
            ddb.putItem(b -> b.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS(key),
                            "status", AttributeValue.fromS("INPROGRESS"),
                            "expiration", AttributeValue.fromN(String.valueOf((nowMillis + expiry.toMillis()) / 1000)),
                            "inProgressExpiration", AttributeValue.fromN(String.valueOf(nowMillis + inProgressTimeout.toMillis())),
                            "payloadHash", AttributeValue.fromS(hash)))
                    .conditionExpression("attribute_not_exists(id) OR expiration < :now"
                            + " OR (#s = :inprogress AND inProgressExpiration < :nowMs)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(String.valueOf(nowMillis / 1000)),
                            ":nowMs", AttributeValue.fromN(String.valueOf(nowMillis)),
                            ":inprogress", AttributeValue.fromS("INPROGRESS")))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return null;
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return e.item();
            }
            Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(key))).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Map.of("status", AttributeValue.fromS("INPROGRESS"),
                    "payloadHash", AttributeValue.fromS(hash)) : item;
        }
    }

    private <T> T repeat(String key, String hash, Map<String, AttributeValue> record, Class<T> resultType) {
        if (!hash.equals(record.get("payloadHash").s())) {
            throw new IdempotencyKeyMismatchException(key);
        }
        if (!"COMPLETED".equals(record.get("status").s())) {
            throw new IdempotencyInProgressException(key);
        }
        try {
            return Json.mapper().readValue(record.get("data").s(), resultType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent result unreadable for " + key, e);
        }
    }

    static String hash(Object payload) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.valueToTree(payload));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object result) {
        try {
            return Json.mapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
