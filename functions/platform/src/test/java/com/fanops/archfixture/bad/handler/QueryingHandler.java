package com.fanops.archfixture.bad.handler;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Deliberate violation: a handler that reads DynamoDB itself instead of asking a store. */
public final class QueryingHandler {
    private final DynamoDbClient ddb;

    public QueryingHandler(DynamoDbClient ddb) {
        this.ddb = ddb;
    }

    public boolean exists(String table) {
        return ddb.getItem(r -> r.tableName(table).key(Map.of())).hasItem();
    }
}
