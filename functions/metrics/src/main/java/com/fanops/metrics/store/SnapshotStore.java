package com.fanops.metrics.store;

import com.fanops.metrics.domain.DailySnapshot;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Daily snapshots in the metrics table: {@code pk=SNAP#<day>, sk=S} with {@code body} (the snapshot JSON),
 * {@code targetsVersion}, {@code computedAt} and {@code runs} (how many runs wrote it). A run overwrites the figures
 * and counts itself; nothing else changes, so rerunning a day is harmless.
 */
public final class SnapshotStore {

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public SnapshotStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public void put(DailySnapshot snapshot) {
        String body;
        try {
            body = Json.mapper().writeValueAsString(snapshot.withRuns(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot not serialisable", e);
        }
        var answer = ddb.updateItem(b -> b.tableName(table).key(key("SNAP#" + snapshot.day(), "S"))
                .updateExpression("SET body = :b, targetsVersion = :v, computedAt = :t ADD runs :one")
                .expressionAttributeValues(Map.of(":b", s(body), ":v", n(snapshot.targetsVersion()),
                        ":t", s(snapshot.computedAt().toString()), ":one", n(1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.write(answer.consumedCapacity());
    }

    public Optional<DailySnapshot> get(LocalDate day) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key("SNAP#" + day, "S")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(parse(answer.item())) : Optional.empty();
    }

    /** The snapshots of {@code from..to} that exist, oldest first. */
    public List<DailySnapshot> range(LocalDate from, LocalDate to) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            keys.add(key("SNAP#" + d, "S"));
        }
        return BatchGets.get(ddb, table, keys, "body, runs", Map.of(), meter).stream().map(SnapshotStore::parse)
                .sorted(Comparator.comparing(DailySnapshot::day)).toList();
    }

    private static DailySnapshot parse(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(str(item, "body"), DailySnapshot.class).withRuns((int) num(item, "runs"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot unreadable", e);
        }
    }
}
