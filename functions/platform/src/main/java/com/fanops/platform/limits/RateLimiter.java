package com.fanops.platform.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed-window rate limits and single-use tokens in the limits table ({@code LimitsTable}, key {@code pk}, TTL
 * {@code expiresAt}). Items:
 * <pre>
 *   pk=RATE#&lt;limit name&gt;#&lt;subject&gt;#&lt;window start, epoch s&gt;   hits, expiresAt (window end + 1 h)
 *   pk=ONCE#&lt;kind&gt;#&lt;token id&gt;                                  expiresAt (the token's own expiry)
 * </pre>
 * A call is one conditional {@code UpdateItem} ({@code ADD hits 1} only while {@code hits < limit}), so concurrent
 * callers can never pass more than the limit in a window: DynamoDB applies each conditional update to an item atomically.
 * A refused call writes nothing. Subjects are keyed hashes chosen by the caller (never an address or contact in clear).
 * A fixed window lets a subject make up to twice the limit around a window boundary; the limits are sized for that.
 */
public final class RateLimiter {

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public RateLimiter(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    /** Counts one call of {@code subject} against {@code limit} (null: no limit), or refuses it with a 429. */
    public void acquire(RateLimit limit, String subject) {
        if (limit == null) {
            return;
        }
        Instant now = clock.instant();
        long windowSeconds = limit.window().toSeconds();
        long start = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        long end = start + windowSeconds;
        try {
            ddb.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", s("RATE#" + limit.name() + "#" + subject + "#" + start)))
                    .updateExpression("ADD hits :one SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit.limit()), ":expires", n(end + 3600))));
        } catch (ConditionalCheckFailedException e) {
            long millisLeft = end * 1000 - now.toEpochMilli();
            throw new RateLimitedException(Math.max(1, (millisLeft + 999) / 1000));
        }
    }

    /** Marks a token used: true the first time, false ever after (until it expires; expired tokens are refused earlier). */
    public boolean useOnce(String kind, String tokenId, Instant expiresAt) {
        try {
            ddb.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("ONCE#" + kind + "#" + tokenId), "expiresAt", n(expiresAt.getEpochSecond() + 3600)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(String.valueOf(value));
    }
}
