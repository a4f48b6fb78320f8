package com.fanops.rewards.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How many items the members table holds, from DescribeTable's item count: no read units, refreshed by DynamoDB about
 * every six hours - precise enough to size the daily rewards run, whose shards are segments of a Scan of this table (a
 * stale count only moves a shard's size a little).
 */
public final class MembersTableSize {

    private final DynamoDbClient ddb;
    private final String table;

    public MembersTableSize(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public long items() {
        Long count = ddb.describeTable(b -> b.tableName(table)).table().itemCount();
        return count == null ? 0 : count;
    }
}
