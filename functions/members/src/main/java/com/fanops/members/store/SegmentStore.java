package com.fanops.members.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.members.domain.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Segments in the config table:
 * <pre>
 *   pk=SEGMENTS        sk=S#&lt;id&gt;      the segment in force: name, filter (map), owner, createdAt, changedBy, changedAt, version
 *   pk=SEGMENT#&lt;id&gt;   sk=V#&lt;version, 6 digits&gt;  each saved version, kept after a delete (who defined what, when)
 * </pre>
 * All segments are one partition: a brand keeps tens of them (at most {@link #MAX_SEGMENTS}), listed with one Query.
 * A save names the version it read; another save in between makes it fail ({@link Stale}).
 */
public final class SegmentStore {

    public static final int MAX_SEGMENTS = 200;

    public static final class Stale extends RuntimeException {
        public Stale() {
            super("segment changed meanwhile", null, false, false);
        }
    }

    private final DynamoDbClient ddb;
    private final String table;

    public SegmentStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public List<Segment> all() {
        List<Segment> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":pk", s("SEGMENTS"), ":s", s("S#")))).items().forEach(i -> out.add(segmentOf(i)));
        return out;
    }

    public Optional<Segment> get(String id) {
        var item = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("SEGMENTS"), "sk", s("S#" + id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(segmentOf(item));
    }

    /** Saves {@code next} (version n+1) if the segment is still at {@code basedOn} (0: a new one), with its history line. */
    public void save(Segment next, int basedOn) {
        Map<String, AttributeValue> item = itemOf(next);
        item.put("pk", s("SEGMENTS"));
        item.put("sk", s("S#" + next.id()));
        Map<String, AttributeValue> history = itemOf(next);
        history.put("pk", s("SEGMENT#" + next.id()));
        history.put("sk", s(String.format("V#%06d", next.version())));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression(basedOn == 0 ? "attribute_not_exists(pk)" : "version = :v")
                            .expressionAttributeValues(basedOn == 0 ? null : Map.of(":v", AttributeValue.fromN(String.valueOf(basedOn))))
                            .build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(history)
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
        } catch (TransactionCanceledException raced) {
            throw new Stale();
        }
    }

    /** Removes the segment in force if it is still at {@code basedOn}; its history stays. */
    public void delete(String id, int basedOn) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(Map.of("pk", s("SEGMENTS"), "sk", s("S#" + id))).conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(String.valueOf(basedOn)))).build()).build()));
        } catch (TransactionCanceledException raced) {
            throw new Stale();
        }
    }

    public List<Segment> history(String id) {
        List<Segment> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":pk", s("SEGMENT#" + id)))).items().forEach(i -> out.add(segmentOf(i)));
        return out;
    }

    private static Map<String, AttributeValue> itemOf(Segment seg) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(seg.id()));
        item.put("name", s(seg.name()));
        Map<String, AttributeValue> filter = new HashMap<>();
        seg.filter().forEach((k, v) -> filter.put(k, s(v)));
        item.put("filter", AttributeValue.fromM(filter));
        item.put("owner", s(seg.owner()));
        item.put("createdAt", s(seg.createdAt().toString()));
        item.put("changedBy", s(seg.changedBy()));
        item.put("changedAt", s(seg.changedAt().toString()));
        item.put("version", AttributeValue.fromN(String.valueOf(seg.version())));
        return item;
    }

    private static Segment segmentOf(Map<String, AttributeValue> i) {
        Map<String, String> filter = new HashMap<>();
        i.get("filter").m().forEach((k, v) -> filter.put(k, v.s()));
        return new Segment(i.get("id").s(), i.get("name").s(), filter, i.get("owner").s(), Instant.parse(i.get("createdAt").s()),
                i.get("changedBy").s(), Instant.parse(i.get("changedAt").s()), Integer.parseInt(i.get("version").n()));
    }
}
