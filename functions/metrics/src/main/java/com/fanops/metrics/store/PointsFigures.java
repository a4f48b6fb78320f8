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
 * Points figures of a day from the interactions table (layout in docs/interactions.md). Issued on D: the {@code pts}
 * of the day items {@code MEMBER#id / DAY#D} of the members with a fact that day (every interaction that earns points
 * has a weight, so it left an {@code ACT#D} fact). Expired on D: the {@code exp} of the lots whose {@code expiresOn}
 * is D (the sparse {@code byExpiry} index), as the engagement job's expiry writes it.
 */
public final class PointsFigures {

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public PointsFigures(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public long issued(LocalDate day, Collection<String> memberIds) {
        List<Map<String, AttributeValue>> keys = memberIds.stream().sorted().map(m -> key("MEMBER#" + m, "DAY#" + day)).toList();
        return BatchGets.get(ddb, table, keys, "pts", Map.of(), meter).stream().mapToLong(i -> num(i, "pts")).sum();
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
