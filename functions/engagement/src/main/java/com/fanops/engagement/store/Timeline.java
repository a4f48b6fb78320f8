package com.fanops.engagement.store;

import static com.fanops.platform.dynamo.Items.s;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A member's timeline: interaction records and points ledger entries share the {@code L#<time>} range of the
 * member's partition, newest last. Pages are read newest first with an opaque cursor.
 */
public final class Timeline {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public enum View {
        /** Every interaction record, whatever its outcome. */
        INTERACTIONS("kind = :interaction", Map.of(":interaction", s("interaction"))),
        /** Every entry that moved points: earn, reverse, spend, adjust, expire. */
        LEDGER("points <> :zero", Map.of(":zero", AttributeValue.fromN("0")));

        private final String filter;
        private final Map<String, AttributeValue> values;

        View(String filter, Map<String, AttributeValue> values) {
            this.filter = filter;
            this.values = values;
        }
    }

    public record Page(List<Map<String, Object>> items, String next) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public Timeline(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** A fixed-width UTC time, so timeline keys sort by time. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }

    public Page page(String memberId, View view, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(view.values);
        values.put(":pk", s("MEMBER#" + memberId));
        values.put(":l", s("L#"));
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, AttributeValue> start = decode(cursor, memberId);
        String next = null;
        // A filtered page may come back short: the paginator reads on until the page is full or the range ends.
        var pages = ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :l)")
                .filterExpression(view.filter).expressionAttributeValues(values).scanIndexForward(false).limit(limit)
                .exclusiveStartKey(start));
        for (var answer : pages) {
            List<Map<String, AttributeValue>> items = answer.items();
            boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
            int room = limit - out.size();
            if (items.size() >= room) {
                items.subList(0, room).forEach(i -> out.add(plain(i)));
                // Full: the cursor is the last item given out, unless it was the last of the range.
                next = items.size() > room || more ? items.get(room - 1).get("sk").s() : null;
                break;
            }
            items.forEach(i -> out.add(plain(i)));
        }
        return new Page(out, next == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, AttributeValue> decode(String cursor, String memberId) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sk.startsWith("L#")) {
                throw new IllegalArgumentException("cursor");
            }
            return Map.of("pk", s("MEMBER#" + memberId), "sk", s(sk));
        } catch (IllegalArgumentException e) {
            throw com.fanops.platform.http.ProblemException.invalidField("cursor", "not a cursor this API gave out");
        }
    }

    /** An item as plain JSON values, without its keys. */
    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (k.equals("pk") || k.equals("sk")) {
                return;
            }
            if (v.n() != null) {
                out.put(k, new java.math.BigDecimal(v.n()));
            } else if (v.s() != null) {
                out.put(k, v.s());
            }
        });
        return out;
    }
}
