package com.fanops.platform.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Fixed-window rate limits and single-use tokens in the limits table ({@code LimitsTable}, key {@code pk}, TTL
 * {@code expiresAt}). Items:
 * <pre>
 *   pk=RATE#&lt;limit name&gt;#&lt;subject&gt;#&lt;window start, epoch s&gt;   hits, expiresAt (window end + 1 h)
 *   pk=ONCE#&lt;kind&gt;#&lt;token id&gt;                                  expiresAt (the token's own expiry)
 * </pre>
 * A call is one conditional {@code UpdateItem} ({@code ADD hits 1} only while {@code hits < limit}), so concurrent
 * callers can never pass more than the limit in a window: DynamoDB applies each conditional update to an item atomically.
 * A refused call writes nothing, also when it is counted against several limits at once (one transaction). Subjects are keyed hashes chosen by the caller (never an address or contact in clear).
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

    /** One limit and the subject it counts (a keyed hash); a null limit is no limit. */
    public record Charge(RateLimit limit, String subject) {
    }

    /** Counts one call of {@code subject} against {@code limit} (null: no limit), or refuses it with a 429. */
    public void acquire(RateLimit limit, String subject) {
        acquire(List.of(new Charge(limit, subject)));
    }

    /**
     * Counts one call against every limit, or against none: when any of them is used up the call is refused with a 429
     * (its {@code Retry-After} the latest of the refusing windows' ends) and no counter moves. Two or more limits are
     * one {@code TransactWriteItems} of conditional updates; one limit is a single conditional update.
     */
    public void acquire(List<Charge> charges) {
        Instant now = clock.instant();
        List<Charge> counted = charges.stream().filter(c -> c.limit() != null).toList();
        List<Update> updates = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (Charge charge : counted) {
            long windowSeconds = charge.limit().window().toSeconds();
            long start = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
            long end = start + windowSeconds;
            ends.add(end);
            updates.add(Update.builder().tableName(table)
                    .key(Map.of("pk", s("RATE#" + charge.limit().name() + "#" + charge.subject() + "#" + start)))
                    .updateExpression("ADD hits :one SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(charge.limit().limit()), ":expires", n(end + 3600)))
                    .build());
        }
        if (updates.isEmpty()) {
            return;
        }
        if (updates.size() == 1) {
            Update u = updates.get(0);
            try {
                ddb.updateItem(b -> b.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                        .conditionExpression(u.conditionExpression()).expressionAttributeValues(u.expressionAttributeValues()));
            } catch (ConditionalCheckFailedException e) {
                throw refused(now, ends.get(0));
            }
            return;
        }
        try {
            ddb.transactWriteItems(b -> b.transactItems(updates.stream().map(u -> TransactWriteItem.builder().update(u).build()).toList()));
        } catch (TransactionCanceledException e) {
            long latest = -1;
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < ends.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    latest = Math.max(latest, ends.get(i));
                }
            }
            if (latest < 0) {
                throw e; // a conflict with a concurrent transaction, not a used-up limit: an ordinary fault, nothing counted
            }
            throw refused(now, latest);
        }
    }

    private static RateLimitedException refused(Instant now, long windowEnd) {
        long millisLeft = windowEnd * 1000 - now.toEpochMilli();
        return new RateLimitedException(Math.max(1, (millisLeft + 999) / 1000));
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
