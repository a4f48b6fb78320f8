package com.fanops.metrics.store;

import com.fanops.metrics.domain.ActivityFlags;
import static com.fanops.platform.dynamo.Items.n;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.dynamo.Items;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Active member-days, pre-aggregated at ingestion by the scorer. Item in the metrics table:
 * <pre>
 *   pk=ACT#&lt;business day&gt;  sk=&lt;memberId&gt;   a=1 active, p=1 purchased, f=1 followed, u=1 unfollowed (each only once set),
 *                                           pts: the points the member's day item says were issued that day
 * </pre>
 * One UpdateItem {@code SET} of the flags an interaction turned on - only on the transitions the day item reports, so a
 * member-day costs one small write for its first activity plus one for each first purchase, follow or unfollow. Setting
 * a flag again is harmless, which makes the repair on a redelivery (flags the day item implies) idempotent.
 * The daily job reads one partition per day, never the events nor the day items: {@code pts} is the day item's
 * {@code pts} as the scorer last saw it, written only upward ({@code pts < :pts}), so a redelivery or an older writer
 * cannot lower or double it.
 */
public final class ActivityFacts {

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;
    private final DoubleAdder units = new DoubleAdder();

    public ActivityFacts(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public static Map<String, AttributeValue> key(LocalDate day, String memberId) {
        return Items.key("ACT#" + day, memberId);
    }

    /** Sets the flags that are on; writes nothing when none is. */
    public void record(String memberId, LocalDate day, ActivityFlags flags) {
        if (!flags.any()) {
            return;
        }
        List<String> sets = sets(flags);
        var answer = ddb.updateItem(b -> b.tableName(table).key(key(day, memberId)).updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeValues(Map.of(":one", n(1))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.write(answer.consumedCapacity());
        count(answer.consumedCapacity());
    }

    private void count(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            units.add(consumed.capacityUnits());
        }
    }

    private static List<String> sets(ActivityFlags flags) {
        List<String> sets = new ArrayList<>();
        if (flags.active()) {
            sets.add("a = :one");
        }
        if (flags.purchased()) {
            sets.add("p = :one");
        }
        if (flags.followed()) {
            sets.add("f = :one");
        }
        if (flags.unfollowed()) {
            sets.add("u = :one");
        }
        return sets;
    }

    /**
     * Sets the flags that are on and the day's issued points ({@code dayPoints}, the day item's absolute {@code pts}), in
     * one write; a fact already holding as many points keeps them (and then only the flags are set, if any).
     */
    public void record(String memberId, LocalDate day, ActivityFlags flags, long dayPoints) {
        if (dayPoints <= 0) {
            record(memberId, day, flags);
            return;
        }
        List<String> sets = sets(flags);
        sets.add("pts = :pts");
        try {
            var answer = ddb.updateItem(b -> b.tableName(table).key(key(day, memberId)).updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_not_exists(pts) OR pts < :pts")
                    .expressionAttributeValues(flags.any() ? Map.of(":one", n(1), ":pts", n(dayPoints)) : Map.of(":pts", n(dayPoints)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(answer.consumedCapacity());
            count(answer.consumedCapacity());
        } catch (ConditionalCheckFailedException higher) {
            meter.refusedWrite();
            units.add(1);
            record(memberId, day, flags);
        }
    }

    /** Write units these facts consumed since the last call (the scorer logs them per batch, within its total). */
    public double drainUnits() {
        return units.sumThenReset();
    }
}
