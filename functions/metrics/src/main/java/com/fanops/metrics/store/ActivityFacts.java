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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Active member-days, pre-aggregated at ingestion by the scorer. Item in the metrics table:
 * <pre>
 *   pk=ACT#&lt;business day&gt;  sk=&lt;memberId&gt;   a=1 active, p=1 purchased, f=1 followed, u=1 unfollowed (each only once set)
 * </pre>
 * One UpdateItem {@code SET} of the flags an interaction turned on - only on the transitions the day item reports, so a
 * member-day costs one small write for its first activity plus one for each first purchase, follow or unfollow. Setting
 * a flag again is harmless, which makes the repair on a redelivery (flags the day item implies) idempotent.
 * The daily job reads one partition per day, never the events.
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
        var answer = ddb.updateItem(b -> b.tableName(table).key(key(day, memberId)).updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeValues(Map.of(":one", n(1))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.write(answer.consumedCapacity());
        if (answer.consumedCapacity() != null && answer.consumedCapacity().capacityUnits() != null) {
            units.add(answer.consumedCapacity().capacityUnits());
        }
    }

    /** Write units these facts consumed since the last call (the scorer logs them per batch, within its total). */
    public double drainUnits() {
        return units.sumThenReset();
    }
}
