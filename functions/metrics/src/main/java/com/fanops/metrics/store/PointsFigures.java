package com.fanops.metrics.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Points figures of a day. Issued on D: the {@code pts} the scorer carries on the members' {@code ACT#D} facts (the
 * day item's {@code pts}, see {@link ActivityFacts}), summed over the members with a fact that day - read with the
 * facts the job already queries, so no day item is read. Expired on D: the {@code exp} of the lots whose {@code expiresOn}
 * is D (the sparse {@code byExpiry} index), as the engagement job's expiry writes it.
 */
public final class PointsFigures {

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;
    private final MetricsFacts facts;

    /** {@code table}: the interactions table (the lots' expiry); {@code facts}: the metrics facts the job reads. */
    public PointsFigures(DynamoDbClient ddb, String table, MetricsFacts facts, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.facts = facts;
        this.meter = meter;
    }

    public long issued(LocalDate day, Collection<String> memberIds) {
        return facts.issued(day, memberIds);
    }

    public long expired(LocalDate day, Predicate<String> excluded) {
        List<Map<String, AttributeValue>> lots = new ArrayList<>();
        var pages = ddb.queryPaginator(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression("expiresOn = :d")
                .expressionAttributeValues(Map.of(":d", s(day.toString()))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        for (var page : pages) {
            meter.read(page.consumedCapacity());
            page.items().stream().filter(k -> !excluded.test(str(k, "pk").substring("MEMBER#".length())))
                    .forEach(k -> lots.add(key(str(k, "pk"), str(k, "sk"))));
        }
        return BatchGets.get(ddb, table, lots, "#e", Map.of("#e", "exp"), meter).stream().mapToLong(i -> num(i, "exp")).sum();
    }
}
