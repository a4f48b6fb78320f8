package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The live stock of catalogue items whose stock is counted. Rewards table item:
 * <pre>
 *   pk=ITEM#&lt;itemId&gt;  sk=STOCK   left (N, never below 0), total (N, every unit ever put in, net of withdrawals)
 * </pre>
 * An issuance takes one unit under {@code left >= 1} in its own transaction; a revocation puts it back.
 */
public final class StockStore {

    private final DynamoDbClient ddb;
    private final String table;

    public StockStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String itemId) {
        return com.fanops.platform.dynamo.Items.key("ITEM#" + itemId, "STOCK");
    }

    /** Units left (0 when never stocked). */
    public long left(String itemId) {
        var item = ddb.getItem(b -> b.tableName(table).key(key(itemId)).consistentRead(true)).item();
        return item == null ? 0 : num(item, "left");
    }

    public long total(String itemId) {
        var item = ddb.getItem(b -> b.tableName(table).key(key(itemId)).consistentRead(true)).item();
        return item == null ? 0 : num(item, "total");
    }

    /** Adds (positive) or withdraws (negative, only what is left) units; false when a withdrawal exceeds what is left. */
    public boolean change(String itemId, long delta) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(itemId)).updateExpression("ADD #l :d, #t :d")
                    .conditionExpression(delta >= 0 ? "attribute_not_exists(#l) OR #l >= :zero" : "#l >= :need")
                    .expressionAttributeNames(Map.of("#l", "left", "#t", "total"))
                    .expressionAttributeValues(delta >= 0 ? Map.of(":d", n(delta), ":zero", n(0)) : Map.of(":d", n(delta), ":need", n(-delta))));
            return true;
        } catch (ConditionalCheckFailedException tooMuch) {
            return false;
        }
    }

    TransactWriteItem take(String itemId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(itemId)).updateExpression("ADD #l :neg")
                .conditionExpression("#l >= :one").expressionAttributeNames(Map.of("#l", "left"))
                .expressionAttributeValues(Map.of(":neg", n(-1), ":one", n(1))).build()).build();
    }

    TransactWriteItem giveBack(String itemId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(itemId)).updateExpression("ADD #l :one")
                .expressionAttributeNames(Map.of("#l", "left")).expressionAttributeValues(Map.of(":one", n(1))).build()).build();
    }
}
