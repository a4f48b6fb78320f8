package com.fanops.platform.jobs;

import static com.fanops.platform.dynamo.Items.s;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A shard's range as a Query key condition on a sort key holding the member id, optionally after a prefix
 * ({@code MEMBER#}). DynamoDB's key conditions have no "less than X and at least Y" in one clause, so the range is
 * {@code BETWEEN lower AND upper} (upper inclusive): the caller keeps only ids the shard {@link Shard#contains}.
 */
public final class ShardKeys {

    private ShardKeys() {
    }

    /**
     * {@code base} (the partition condition) and the shard's sort-key condition; adds {@code :shardLo}/{@code :shardHi}
     * to {@code values} (which must be mutable).
     */
    public static String condition(String base, String sortKey, String prefix, Shard shard, Map<String, AttributeValue> values) {
        String lo = shard.lower();
        String hi = shard.upper();
        if (lo != null) {
            values.put(":shardLo", s(prefix + lo));
        }
        if (hi != null) {
            values.put(":shardHi", s(prefix + hi));
        }
        if (lo != null && hi != null) {
            return base + " AND " + sortKey + " BETWEEN :shardLo AND :shardHi";
        }
        if (lo != null) {
            return base + " AND " + sortKey + " >= :shardLo";
        }
        if (hi != null) {
            return base + " AND " + sortKey + " <= :shardHi";
        }
        return base;
    }
}
