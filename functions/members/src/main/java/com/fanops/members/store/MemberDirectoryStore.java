package com.fanops.members.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The member directory (MemberDirectoryTable): one item per member, only filterable non-personal attributes, kept from
 * events by {@code DirectoryProjector}. Item layout:
 * <pre>
 *   memberId (key)  status, kind, channel, joinedAt, marketing (bool), profileRev, tier, tierRev, category, categoryRev,
 *                   score (number), scoreOn, dormantOn, activeOn, lastActiveDay, dormant (bool), version
 *                   index keys (only on listed entries - status and joinedAt known):
 *                   part     = &lt;status&gt;#&lt;shard&gt;          joined = &lt;joinedAt, ms, fixed width&gt;#&lt;id&gt;
 *                   tierPart = &lt;tier&gt;#&lt;status&gt;#&lt;shard&gt;   ranked = &lt;score x 1000, 12 digits&gt;#&lt;id&gt;
 * </pre>
 * Indexes (projection ALL: an entry is about 300 bytes, and a page needs no second read): {@code byJoined} (part,
 * joined), {@code byScore} (part, ranked), {@code byTier} (tierPart, joined). Active members - nearly everyone - are
 * spread over {@link #ACTIVE_SHARDS} partitions of each index so that no index partition takes every write of a busy
 * day; a page queries each partition of each asked status and merges them in order.
 * <p>
 * A page is bounded: each partition is queried once per call with a {@code Limit} (items read, before the filter), so
 * a rare filter answers fewer rows than asked, and a cursor to go on from, rather than reading the whole community.
 */
public final class MemberDirectoryStore {

    /** Partitions of each index per status: active members are most of the community; the others are few. */
    public static final int ACTIVE_SHARDS = 4;
    /** Items a filtered call reads at most over all partitions (about 300 bytes each: about 40 read units). */
    public static final int SCAN_BUDGET = 1000;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final Pattern JOINED_KEY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z#m_[0-9a-f]{1,64}");
    private static final Pattern RANKED_KEY = Pattern.compile("[0-9]{12}#m_[0-9a-f]{1,64}");

    /** Another writer changed the entry since it was read: read it again and re-apply. */
    public static final class ChangedMeanwhile extends RuntimeException {
        public ChangedMeanwhile() {
            super("directory entry changed meanwhile", null, false, false);
        }
    }

    /** Entries in the asked order, and where the next call goes on ({@code after} null at the end). */
    public record Page(List<DirectoryEntry> entries, String after, int read) {
    }

    public record Count(long count, boolean complete, int read) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final ZoneId zone;
    private final CapacityMeter meter;

    public MemberDirectoryStore(DynamoDbClient ddb, String table, ZoneId zone) {
        this(ddb, table, zone, new CapacityMeter());
    }

    public MemberDirectoryStore(DynamoDbClient ddb, String table, ZoneId zone, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.zone = zone;
        this.meter = meter;
    }

    public ZoneId zone() {
        return zone;
    }

    public Optional<DirectoryEntry> get(String memberId) {
        var answer = ddb.getItem(b -> b.tableName(table).key(Map.of("memberId", s(memberId))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(entryOf(answer.item())) : Optional.empty();
    }

    /** Writes {@code next} if the stored entry is still at {@code next.version()} (0: none yet); its version goes up by one. */
    public void put(DirectoryEntry next) {
        Map<String, AttributeValue> item = itemOf(next.withVersion(next.version() + 1));
        try {
            var answer = ddb.putItem(b -> b.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .conditionExpression(next.version() == 0 ? "attribute_not_exists(memberId)" : "version = :v")
                    .expressionAttributeValues(next.version() == 0 ? null : Map.of(":v", AttributeValue.fromN(String.valueOf(next.version())))));
            meter.write(answer.consumedCapacity());
        } catch (ConditionalCheckFailedException raced) {
            throw new ChangedMeanwhile();
        }
    }

    /** One bounded page of the query, going on after {@code after} (a key from an earlier page, or null). */
    public Page page(DirectoryQuery query, String after, int limit) {
        Plan plan = new Plan(query);
        List<Keyed> found = new ArrayList<>();
        String frontier = null;
        int read = 0;
        int perPartition = plan.filter.isEmpty() ? limit + 2 : Math.max(limit + 2, SCAN_BUDGET / plan.partitions.size());
        for (String partition : plan.partitions) {
            QueryRequest request = plan.request(partition, after, perPartition, false);
            if (request == null) {
                continue;
            }
            QueryResponse answer = ddb.query(request);
            meter.read(answer.consumedCapacity());
            read += answer.scannedCount();
            for (Map<String, AttributeValue> item : answer.items()) {
                String key = item.get(plan.sortKey).s();
                if (!key.equals(after)) {
                    found.add(new Keyed(key, item));
                }
            }
            if (answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()) {
                String last = answer.lastEvaluatedKey().get(plan.sortKey).s();
                // The partition that got least far bounds what every partition has been read to.
                if (frontier == null || (plan.descending ? last.compareTo(frontier) > 0 : last.compareTo(frontier) < 0)) {
                    frontier = last;
                }
            }
        }
        Comparator<Keyed> order = Comparator.comparing(Keyed::key);
        found.sort(plan.descending ? order.reversed() : order);
        String bound = frontier;
        List<Keyed> safe = found.stream().filter(k -> bound == null || (plan.descending ? k.key.compareTo(bound) >= 0
                : k.key.compareTo(bound) <= 0)).toList();
        List<DirectoryEntry> entries = safe.stream().limit(limit).map(k -> entryOf(k.item)).toList();
        String next = safe.size() > limit ? safe.get(limit - 1).key : frontier;
        return new Page(entries, next, read);
    }

    /** How many entries match, reading at most {@code budget} items (each partition until done or the budget is spent). */
    public Count count(DirectoryQuery query, int budget) {
        Plan plan = new Plan(query);
        long count = 0;
        int read = 0;
        for (String partition : plan.partitions) {
            Map<String, AttributeValue> start = null;
            do {
                if (read >= budget) {
                    return new Count(count, false, read);
                }
                QueryRequest request = plan.request(partition, null, budget - read, true);
                if (request == null) {
                    break;
                }
                QueryResponse answer = ddb.query(request.toBuilder().exclusiveStartKey(start).build());
                meter.read(answer.consumedCapacity());
                count += answer.count();
                read += answer.scannedCount();
                start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return new Count(count, true, read);
    }

    /** The cursor handed out for a page's {@code after}, bound to the query it was made for. */
    public static String cursor(DirectoryQuery query, String after) {
        if (after == null) {
            return null;
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(Map.of("a", after, "q", fingerprint(query)));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The position a cursor stands for; one not made by {@link #cursor} for this very query is a 400 naming {@code cursor}. */
    public static String after(DirectoryQuery query, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            Map<?, ?> decoded = Json.mapper().readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
            Object after = decoded.get("a");
            if (decoded.size() == 2 && after instanceof String a && fingerprint(query).equals(decoded.get("q"))
                    && (query.sort().byScore() ? RANKED_KEY : JOINED_KEY).matcher(a).matches()) {
                return a;
            }
        } catch (Exception malformed) {
            // falls through to the refusal
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this API gave out for these filters");
    }

    private static String fingerprint(DirectoryQuery query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.values().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record Keyed(String key, Map<String, AttributeValue> item) {
    }

    /** Which index, which partitions, which key range and which filter a query takes. */
    private final class Plan {
        final String index;
        final String partitionKey;
        final String sortKey;
        final List<String> partitions = new ArrayList<>();
        final boolean descending;
        final String lo;
        final String hi;
        final List<String> filter = new ArrayList<>();
        final Map<String, AttributeValue> values = new HashMap<>();
        final Map<String, String> names = new HashMap<>();

        Plan(DirectoryQuery q) {
            descending = q.sort().descending();
            String joinedLo = q.joinedFrom() == null ? null : STAMP.format(q.joinedFrom().atStartOfDay(zone).toInstant());
            String joinedHi = q.joinedTo() == null ? null : STAMP.format(q.joinedTo().plusDays(1).atStartOfDay(zone).toInstant());
            String scoreLo = q.scoreMin() == null ? null : ranked(q.scoreMin());
            String scoreHi = q.scoreMax() == null ? null : ranked(q.scoreMax()) + "#~";
            if (q.sort().byScore()) {
                index = "byScore";
                partitionKey = "part";
                sortKey = "ranked";
                lo = scoreLo;
                hi = scoreHi;
                eq("tier", q.tier());
                range("joined", joinedLo, joinedHi);
            } else {
                index = q.tier() == null ? "byJoined" : "byTier";
                partitionKey = q.tier() == null ? "part" : "tierPart";
                sortKey = "joined";
                lo = joinedLo;
                hi = joinedHi;
                if (scoreLo != null || scoreHi != null) {
                    range("ranked", scoreLo, scoreHi);
                }
            }
            for (String status : q.statuses()) {
                for (int shard = 0; shard < shards(status); shard++) {
                    partitions.add((q.tier() != null && !q.sort().byScore() ? q.tier() + "#" : "") + status + "#" + shard);
                }
            }
            eq("category", q.category());
            eq("channel", q.channel());
            eq("kind", q.kind());
            if (q.dormant() != null) {
                filter.add("#dormant = :dormant");
                names.put("#dormant", "dormant");
                values.put(":dormant", AttributeValue.fromBool(q.dormant()));
            }
            if (q.marketing() != null) {
                filter.add("#marketing = :marketing");
                names.put("#marketing", "marketing");
                values.put(":marketing", AttributeValue.fromBool(q.marketing()));
            }
        }

        private void eq(String attribute, String value) {
            if (value != null) {
                filter.add("#" + attribute + " = :" + attribute);
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, s(value));
            }
        }

        private void range(String attribute, String from, String to) {
            if (from != null) {
                filter.add("#" + attribute + " >= :" + attribute + "Lo");
                values.put(":" + attribute + "Lo", s(from));
                names.put("#" + attribute, attribute);
            }
            if (to != null) {
                filter.add("#" + attribute + " <= :" + attribute + "Hi");
                values.put(":" + attribute + "Hi", s(to));
                names.put("#" + attribute, attribute);
            }
        }

        /** The query of one partition from {@code after} on (exclusive, dropped by the caller), or null if nothing can match. */
        QueryRequest request(String partition, String after, int limit, boolean count) {
            String from = lo == null ? "0" : lo;
            String to = hi == null ? "~" : hi;
            if (after != null) {
                if (descending && after.compareTo(to) < 0) {
                    to = after;
                } else if (!descending && after.compareTo(from) > 0) {
                    from = after;
                }
            }
            if (from.compareTo(to) > 0) {
                return null;
            }
            Map<String, AttributeValue> v = new HashMap<>(values);
            v.put(":p", s(partition));
            v.put(":lo", s(from));
            v.put(":hi", s(to));
            Map<String, String> n = new HashMap<>(names);
            n.put("#p", partitionKey);
            n.put("#k", sortKey);
            QueryRequest.Builder b = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression("#p = :p AND #k BETWEEN :lo AND :hi").expressionAttributeNames(n).expressionAttributeValues(v)
                    .scanIndexForward(!descending).limit(limit).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (!filter.isEmpty()) {
                b.filterExpression(String.join(" AND ", filter));
            }
            if (count) {
                b.select(Select.COUNT);
            }
            return b.build();
        }
    }

    static int shards(String status) {
        return "active".equals(status) ? ACTIVE_SHARDS : 1;
    }

    static int shardOf(String memberId, String status) {
        return Math.floorMod(memberId.hashCode(), shards(status));
    }

    static String ranked(BigDecimal score) {
        long scaled = score.max(BigDecimal.ZERO).multiply(THOUSAND).setScale(0, RoundingMode.DOWN).longValueExact();
        return String.format("%012d", Math.min(scaled, 999_999_999_999L));
    }

    private Map<String, AttributeValue> itemOf(DirectoryEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("memberId", s(e.memberId()));
        put(item, "status", e.status());
        put(item, "kind", e.kind());
        put(item, "channel", e.channel());
        put(item, "joinedAt", e.joinedAt() == null ? null : STAMP.format(e.joinedAt()));
        item.put("marketing", AttributeValue.fromBool(e.marketing()));
        item.put("profileRev", n(e.profileRev()));
        put(item, "tier", e.tier());
        item.put("tierRev", n(e.tierRev()));
        put(item, "category", e.category());
        item.put("categoryRev", n(e.categoryRev()));
        item.put("score", AttributeValue.fromN(BigDecimal.valueOf(e.score()).toPlainString()));
        put(item, "scoreOn", e.scoreOn());
        put(item, "dormantOn", e.dormantOn());
        put(item, "activeOn", e.activeOn());
        put(item, "lastActiveDay", e.lastActiveDay());
        item.put("dormant", AttributeValue.fromBool(e.dormant()));
        item.put("version", n(e.version()));
        if (e.listed()) {
            int shard = shardOf(e.memberId(), e.status());
            item.put("part", s(e.status() + "#" + shard));
            item.put("tierPart", s(e.tier() + "#" + e.status() + "#" + shard));
            item.put("joined", s(STAMP.format(e.joinedAt()) + "#" + e.memberId()));
            item.put("ranked", s(ranked(BigDecimal.valueOf(e.score())) + "#" + e.memberId()));
        }
        return item;
    }

    private static DirectoryEntry entryOf(Map<String, AttributeValue> i) {
        return new DirectoryEntry(i.get("memberId").s(), str(i, "status"), str(i, "kind"), str(i, "channel"),
                str(i, "joinedAt") == null ? null : Instant.parse(str(i, "joinedAt")), i.containsKey("marketing") && i.get("marketing").bool(),
                num(i, "profileRev"), str(i, "tier"), num(i, "tierRev"), str(i, "category"), num(i, "categoryRev"),
                i.containsKey("score") ? Double.parseDouble(i.get("score").n()) : 0, day(i, "scoreOn"), day(i, "dormantOn"),
                day(i, "activeOn"), day(i, "lastActiveDay"), num(i, "version"));
    }

    private static void put(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(String.valueOf(v));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static LocalDate day(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : LocalDate.parse(v);
    }
}
