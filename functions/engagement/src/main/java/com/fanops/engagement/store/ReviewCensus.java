package com.fanops.engagement.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How many members are on the {@code byReview} index - the daily review's population - from DescribeTable's index
 * item count: no read units, refreshed by DynamoDB about every six hours, which is precise enough to size a run's
 * shards (a shard's range is fixed by its index, not by the count, so a stale count only moves the shard size a little).
 */
public final class ReviewCensus {

    private final DynamoDbClient ddb;
    private final String table;

    public ReviewCensus(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public long reviewed() {
        return ddb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .filter(i -> "byReview".equals(i.indexName())).mapToLong(i -> i.itemCount() == null ? 0 : i.itemCount()).sum();
    }
}
