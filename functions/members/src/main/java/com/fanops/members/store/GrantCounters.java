package com.fanops.members.store;

import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.Purpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How many members' current decision grants each notice version, kept beside the members in the members table and
 * changed in the same transactions as the decisions themselves (sign-up, import, consent change, erasure), so a publish
 * preview reads a handful of small items instead of every member. Item layout:
 * <pre>
 *   pk=GRANTS#&lt;purpose&gt;  sk=V#&lt;0000000001&gt;#&lt;shard 00-15&gt;   current (number, may be negative in one shard)
 * </pre>
 * A member always counts in the shard of its id, so concurrent decisions of different members seldom touch one item
 * (a transaction conflicts with another on the same item); the count of a version is the sum of its shards.
 */
public final class GrantCounters {

    static final int SHARDS = 16;

    private final DynamoDbClient ddb;
    private final String table;

    public GrantCounters(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** One purpose's counts by notice version (versions nobody holds any more are left out). */
    public Map<Integer, Long> current(Purpose purpose) {
        Map<Integer, Long> out = new TreeMap<>();
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("GRANTS#" + purpose.key()))))
                .items().forEach(i -> {
                    String sk = i.get("sk").s();
                    int version = Integer.parseInt(sk.substring(2, sk.lastIndexOf('#')));
                    out.merge(version, Long.parseLong(i.get("current").n()), Long::sum);
                });
        out.values().removeIf(n -> n == 0);
        return out;
    }

    /**
     * The counter updates a member's consent going from {@code before} to {@code after} needs (purpose key -> decision;
     * absent = no decision): minus one for a grant no longer current, plus one for a new current grant; nothing when the
     * same grant stays.
     */
    List<TransactWriteItem> change(String memberId, Map<String, ConsentState.Decision> before, Map<String, ConsentState.Decision> after) {
        Map<String, Integer> deltas = new TreeMap<>();
        for (Purpose purpose : Purpose.values()) {
            ConsentState.Decision was = before.get(purpose.key());
            ConsentState.Decision now = after.get(purpose.key());
            Integer wasGranted = was != null && was.granted() ? was.noticeVersion() : null;
            Integer nowGranted = now != null && now.granted() ? now.noticeVersion() : null;
            if (wasGranted != null && wasGranted.equals(nowGranted)) {
                continue;
            }
            if (wasGranted != null) {
                deltas.merge(purpose.key() + "|" + wasGranted, -1, Integer::sum);
            }
            if (nowGranted != null) {
                deltas.merge(purpose.key() + "|" + nowGranted, 1, Integer::sum);
            }
        }
        String shard = String.format("%02d", Math.floorMod(memberId.hashCode(), SHARDS));
        List<TransactWriteItem> writes = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta == 0) {
                return;
            }
            String purpose = key.substring(0, key.indexOf('|'));
            int version = Integer.parseInt(key.substring(key.indexOf('|') + 1));
            Map<String, AttributeValue> k = new HashMap<>();
            k.put("pk", AttributeValue.fromS("GRANTS#" + purpose));
            k.put("sk", AttributeValue.fromS(String.format("V#%010d#%s", version, shard)));
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(k)
                    .updateExpression("ADD #c :d").expressionAttributeNames(Map.of("#c", "current"))
                    .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(String.valueOf(delta)))).build()).build());
        });
        return writes;
    }
}
