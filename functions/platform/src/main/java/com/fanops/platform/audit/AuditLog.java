package com.fanops.platform.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every operator action, append-only: {@code pk=AUDIT#<yyyy-mm-dd>, sk=<at>#<rand>} with actor, action,
 * target and reason. Targets are ids, never personal data.
 */
public final class AuditLog {

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public AuditLog(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String reason) {
        var at = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("AUDIT#" + at.toString().substring(0, 10)));
        item.put("sk", AttributeValue.fromS(at + "#" + UUID.randomUUID().toString().substring(0, 8)));
        item.put("actor", AttributeValue.fromS(actor));
        item.put("action", AttributeValue.fromS(action));
        item.put("target", AttributeValue.fromS(target));
        if (reason != null) {
            item.put("reason", AttributeValue.fromS(reason));
        }
        ddb.putItem(b -> b.tableName(table).item(item));
    }
}
