package com.fanops.members.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Member settings, versioned: {@code pk=SETTINGS#members, sk=V#<0000000001>} with admission (auto | review),
 * changedBy, changedAt. Every change is a new version; the highest is in force. Version 0 is the default.
 */
public final class MemberSettingsStore {

    public record Settings(int version, String admission, String changedBy, Instant changedAt) {
        public boolean review() {
            return "review".equals(admission);
        }
    }

    public static final List<String> ADMISSION = List.of("auto", "review");

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public MemberSettingsStore(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    public Settings current() {
        var items = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SETTINGS#members"))).scanIndexForward(false).limit(1)
                .consistentRead(true)).items();
        if (items.isEmpty()) {
            return new Settings(0, "auto", "default", Instant.EPOCH);
        }
        var i = items.get(0);
        return new Settings(Integer.parseInt(i.get("version").n()), i.get("admission").s(), i.get("changedBy").s(),
                Instant.parse(i.get("changedAt").s()));
    }

    public List<Settings> history() {
        return ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SETTINGS#members"))).scanIndexForward(false)).items()
                .stream().map(i -> new Settings(Integer.parseInt(i.get("version").n()), i.get("admission").s(), i.get("changedBy").s(),
                        Instant.parse(i.get("changedAt").s()))).toList();
    }

    /** Saves the next version; fails if someone saved meanwhile (optimistic, on the version number). */
    public Settings change(String admission, String author) {
        Settings next = new Settings(current().version() + 1, admission, author, clock.instant());
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("SETTINGS#members"),
                    "sk", AttributeValue.fromS(String.format("V#%010d", next.version())),
                    "version", AttributeValue.fromN(String.valueOf(next.version())), "admission", AttributeValue.fromS(admission),
                    "changedBy", AttributeValue.fromS(author), "changedAt", AttributeValue.fromS(next.changedAt().toString())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new MemberStore.ConcurrentChangeException();
        }
        return next;
    }
}
