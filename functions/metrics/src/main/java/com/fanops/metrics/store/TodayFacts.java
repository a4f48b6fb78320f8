package com.fanops.metrics.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.CapacityMeter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What the operators' Today page reads of the metrics table, between two daily runs: the members active so far today
 * (a {@code Select=COUNT} Query of the scorer's {@code ACT#<day>} partition, items with {@code a=1}) and a day's
 * dormancy episodes ({@code DORMANT#<day>}: who got care, who did not). Counts and member ids only, never a contact.
 */
public final class TodayFacts {

    /** The episodes of {@code day}: how many, how many with care queued, and the members without it. */
    public record Dormancy(LocalDate day, long episodes, long cared, List<String> notCared) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public TodayFacts(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    /** Members with an active day on {@code day} so far (a fact holding only a purchase, follow or unfollow is not active). */
    public long activeMembers(LocalDate day) {
        long count = 0;
        for (var page : ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk").filterExpression("a = :one")
                .expressionAttributeValues(Map.of(":pk", s("ACT#" + day), ":one", n(1))).select(Select.COUNT)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            meter.read(page.consumedCapacity());
            count += page.count();
        }
        return count;
    }

    public Dormancy dormancy(LocalDate day) {
        long episodes = 0;
        long cared = 0;
        List<String> notCared = new ArrayList<>();
        for (var page : ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk").projectionExpression("sk, care")
                .expressionAttributeValues(Map.of(":pk", s("DORMANT#" + day))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            meter.read(page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                episodes++;
                AttributeValue care = item.get("care");
                if (care != null && Boolean.TRUE.equals(care.bool())) {
                    cared++;
                } else {
                    notCared.add(item.get("sk").s());
                }
            }
        }
        return new Dormancy(day, episodes, cared, notCared);
    }
}
