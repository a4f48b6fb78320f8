package com.fanops.platform.audit;

import com.fanops.platform.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads what {@link AuditLog} wrote, newest first: one Query per day partition ({@code AUDIT#<UTC day>}), newest day
 * first, each bounded to the asked window on the sort key ({@code <at>#<rand>}), stopping as soon as the page is full
 * (plus one line, to know whether another page follows). Filters are applied by DynamoDB after the read, so a filter
 * narrows the answer, not the read cost.
 */
public final class AuditTrail {

    /** Exact actor, action prefix, exact target; each null when not filtered. */
    public record Filter(String actor, String actionPrefix, String target) {
        boolean any() {
            return actor != null || actionPrefix != null || target != null;
        }
    }

    public record Line(String at, String actor, String action, String target, String reason) {
    }

    /** {@code next} is an opaque cursor when more lines follow, else null. */
    public record Page(List<Line> lines, String next) {
    }

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern SORT_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z#[0-9a-f]{8}");
    /** Items read per Query call when a filter may drop most of them (bounds one call's read, not the page). */
    private static final int FILTERED_READ = 200;

    private final DynamoDbClient ddb;
    private final String table;

    public AuditTrail(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /**
     * The lines written from {@code from} (inclusive) until {@code until} (exclusive, whole seconds), newest first,
     * after the line the cursor names.
     */
    public Page read(Instant from, Instant until, Filter filter, String cursor, int limit) {
        // Sort keys are Instant.toString(): bounds by second prefix, so 12:00:00Z and 12:00:00.5Z sort as one second.
        String low = SECOND.format(from);
        String high = SECOND.format(until.minusSeconds(1)) + "~";
        String after = decode(cursor, low, high);
        LocalDate oldest = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate day = after == null ? LocalDate.ofInstant(until.minusSeconds(1), ZoneOffset.UTC) : LocalDate.parse(after.substring(0, 10));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (; !day.isBefore(oldest) && items.size() <= limit; day = day.minusDays(1)) {
            readDay(day, low, high, after, filter, limit + 1, items);
            after = null;
        }
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> shown = more ? items.subList(0, limit) : items;
        List<Line> lines = shown.stream().map(AuditTrail::line).toList();
        return new Page(lines, more ? encode(shown.get(limit - 1).get("sk").s()) : null);
    }

    private void readDay(LocalDate day, String low, String high, String after, Filter filter, int wanted /* in all, over the days */,
                         List<Map<String, AttributeValue>> into) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", "pk", "#sk", "sk"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS("AUDIT#" + day),
                ":low", AttributeValue.fromS(low), ":high", AttributeValue.fromS(high)));
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            names.put("#actor", "actor");
            values.put(":actor", AttributeValue.fromS(filter.actor()));
            conditions.add("#actor = :actor");
        }
        if (filter.actionPrefix() != null) {
            names.put("#action", "action");
            values.put(":action", AttributeValue.fromS(filter.actionPrefix()));
            conditions.add("begins_with(#action, :action)");
        }
        if (filter.target() != null) {
            names.put("#target", "target");
            values.put(":target", AttributeValue.fromS(filter.target()));
            conditions.add("#target = :target");
        }
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("pk", AttributeValue.fromS("AUDIT#" + day), "sk", AttributeValue.fromS(after));
        do {
            int need = wanted - into.size();
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .scanIndexForward(false).exclusiveStartKey(start)
                    .limit(filter.any() ? Math.max(need, FILTERED_READ) : need);
            if (!conditions.isEmpty()) {
                query.filterExpression(String.join(" AND ", conditions));
            }
            QueryResponse page = ddb.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (into.size() < wanted) {
                    into.add(item);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && into.size() < wanted);
    }

    private static Line line(Map<String, AttributeValue> item) {
        String sk = item.get("sk").s();
        AttributeValue reason = item.get("reason");
        return new Line(sk.substring(0, sk.indexOf('#')), item.get("actor").s(), item.get("action").s(), item.get("target").s(),
                reason == null ? null : reason.s());
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor names, checked: one of ours, inside the asked window (a cursor from another range is refused). */
    private static String decode(String cursor, String low, String high) {
        if (cursor == null) {
            return null;
        }
        String sortKey;
        try {
            sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            sortKey = "";
        }
        if (!SORT_KEY.matcher(sortKey).matches() || !canonical(sortKey.substring(0, sortKey.indexOf('#')))
                || sortKey.compareTo(low) < 0 || sortKey.compareTo(high) > 0) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out for this range");
        }
        return sortKey;
    }

    /** An instant exactly as AuditLog writes it (so 2026-02-30 or 25:00 never reach a key). */
    private static boolean canonical(String at) {
        try {
            return Instant.parse(at).toString().equals(at);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
