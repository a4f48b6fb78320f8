package com.fanops.metrics.store;

import com.fanops.metrics.domain.MemberFact;
import com.fanops.metrics.domain.MemberMetricState;
import com.fanops.metrics.domain.MetricsDelta;
import static com.fanops.platform.dynamo.Items.date;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.dynamo.Items;
import com.fanops.platform.retry.Retry;
import com.fanops.members.domain.MemberKind;
import java.time.Clock;
import java.time.Duration;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Member facts for the daily metrics, kept from member and standing events. Items in the metrics table:
 * <pre>
 *   pk=MEMBER#&lt;id&gt;   sk=M          joinDay, kind, imported, exitDay, exitAt, exitTo, category, categoryRev, tier, tierRev,
 *                                    rev (this item's revision: every write names the one it read)
 *   pk=JOIN#&lt;day&gt;    sk=&lt;id&gt;       kind, imported, exitDay (once exited): one per member, every kind
 *   pk=EXIT#&lt;day&gt;    sk=&lt;id&gt;       joinDay, to (left, removed, erased), kind: members who joined, every kind
 *   pk=COUNTS        sk=&lt;day&gt;      joins, exits: community members only
 *   pk=DIST          sk=CURRENT    cat_&lt;category&gt;, tier_&lt;tier&gt;: current community members (joined, not exited)
 *   pk=XCL           sk=&lt;id&gt;       kind: staff and test accounts, excluded from every figure
 *   pk=EVT#&lt;eventId&gt; sk=EVT        detailType, expiresAt (TTL, 30 days): the event was applied
 * </pre>
 * One event is one transaction: the member item (conditional on the revision read), the event marker (conditional on
 * its absence) and every item the change moves. A redelivered event fails on its marker and changes nothing; an event
 * published twice under two ids, or one arriving late, changes nothing because its content adds nothing to the
 * member's state ({@link MemberFact}); two events of one member at once make one of them read again.
 */
public final class MemberFacts {

    public enum Result { APPLIED, UNCHANGED, DUPLICATE }

    private static final Retry RACES = Retry.of(10, Duration.ofMillis(10), Duration.ofMillis(200)).on(MemberFacts::raced);
    private static final Duration MARKER_TTL = Duration.ofDays(30);

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final CapacityMeter meter;

    public MemberFacts(DynamoDbClient ddb, String table, Clock clock, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
        this.meter = meter;
    }

    /** Applies one event's fact exactly once. */
    public Result apply(String eventId, String detailType, MemberFact fact) {
        return RACES.get("member fact " + eventId, () -> {
            MemberMetricState before = member(fact.memberId()).orElse(MemberMetricState.unknown(fact.memberId()));
            MemberMetricState after = fact.applyTo(before);
            if (after.equals(before)) {
                return Optional.of(Result.UNCHANGED);
            }
            after = after.withRev(before.rev() + 1);
            List<TransactWriteItem> writes = writes(eventId, detailType, before, after, MetricsDelta.between(before, after));
            try {
                meter.write(ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity());
                return Optional.of(Result.APPLIED);
            } catch (TransactionCanceledException cancelled) {
                if (Items.failed(cancelled.cancellationReasons(), 1)) {
                    return Optional.of(Result.DUPLICATE);
                }
                throw cancelled;
            }
        });
    }

    /** Another event of this member, or another member's event on the shared counters, came first: read again. */
    private static boolean raced(RuntimeException e) {
        return e instanceof TransactionCanceledException cancelled && (Items.failed(cancelled.cancellationReasons(), 0)
                || cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())));
    }

    public Optional<MemberMetricState> member(String memberId) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "M")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        Map<String, AttributeValue> i = answer.item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        String exitAt = str(i, "exitAt");
        return Optional.of(new MemberMetricState(memberId, date(i, "joinDay"), i.containsKey("kind") ? MemberKind.orMember(str(i, "kind")) : null,
                i.containsKey("imported") && Boolean.TRUE.equals(i.get("imported").bool()), exitAt == null ? null : Instant.parse(exitAt),
                date(i, "exitDay"), str(i, "exitTo"), str(i, "category"), num(i, "categoryRev"), str(i, "tier"), num(i, "tierRev"),
                num(i, "rev")));
    }

    /** The current distribution counters ({@code cat_<category>}, {@code tier_<tier>}). */
    public Map<String, Long> distribution() {
        Map<String, AttributeValue> i = ddb.getItem(b -> b.tableName(table).key(key("DIST", "CURRENT")).consistentRead(true)).item();
        Map<String, Long> out = new java.util.TreeMap<>();
        if (i != null) {
            i.forEach((name, v) -> {
                if (v.n() != null) {
                    out.put(name, Long.parseLong(v.n()));
                }
            });
        }
        return out;
    }

    private List<TransactWriteItem> writes(String eventId, String detailType, MemberMetricState before, MemberMetricState after,
                                           MetricsDelta delta) {
        List<TransactWriteItem> writes = new ArrayList<>();
        String id = after.memberId();
        writes.add(put(memberItem(after), before.rev() == 0 ? "attribute_not_exists(pk)" : "rev = :rev",
                before.rev() == 0 ? null : Map.of(":rev", n(before.rev()))));
        writes.add(put(Map.of("pk", s("EVT#" + eventId), "sk", s("EVT"), "detailType", s(detailType), "memberId", s(id),
                "expiresAt", n(clock.instant().plus(MARKER_TTL).getEpochSecond())), "attribute_not_exists(pk)", null));
        if (delta.join() != null) {
            Map<String, AttributeValue> join = new HashMap<>(key("JOIN#" + delta.join().day(), id));
            join.put("kind", s(delta.join().kind().key()));
            join.put("imported", AttributeValue.fromBool(delta.join().imported()));
            if (delta.join().exitDay() != null) {
                join.put("exitDay", s(delta.join().exitDay().toString()));
            }
            writes.add(put(join, null, null));
        }
        if (delta.exitRemoved() != null) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key("EXIT#" + delta.exitRemoved().day(), id)).build()).build());
        }
        if (delta.exitWritten() != null) {
            Map<String, AttributeValue> exit = new HashMap<>(key("EXIT#" + delta.exitWritten().day(), id));
            exit.put("joinDay", s(delta.exitWritten().joinDay().toString()));
            exit.put("to", s(delta.exitWritten().to()));
            exit.put("kind", s(delta.exitWritten().kind().key()));
            writes.add(put(exit, null, null));
        }
        delta.counts().forEach((day, c) -> {
            List<String> adds = new ArrayList<>();
            Map<String, AttributeValue> values = new HashMap<>();
            if (c.joins() != 0) {
                adds.add("joins :j");
                values.put(":j", n(c.joins()));
            }
            if (c.exits() != 0) {
                adds.add("exits :e");
                values.put(":e", n(c.exits()));
            }
            writes.add(add(key("COUNTS", day.toString()), adds, values, Map.of()));
        });
        if (!delta.distribution().isEmpty()) {
            List<String> adds = new ArrayList<>();
            Map<String, AttributeValue> values = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            int i = 0;
            for (Map.Entry<String, Long> e : delta.distribution().entrySet()) {
                adds.add("#d" + i + " :d" + i);
                names.put("#d" + i, e.getKey());
                values.put(":d" + i, n(e.getValue()));
                i++;
            }
            writes.add(add(key("DIST", "CURRENT"), adds, values, names));
        }
        if (delta.excluded() != null) {
            writes.add(put(Map.of("pk", s("XCL"), "sk", s(id), "kind", s(delta.excluded().key())), null, null));
        }
        return writes;
    }

    private static Map<String, AttributeValue> memberItem(MemberMetricState m) {
        Map<String, AttributeValue> item = new HashMap<>(key("MEMBER#" + m.memberId(), "M"));
        optional(item, "joinDay", m.joinDay());
        if (m.kind() != null) {
            item.put("kind", s(m.kind().key()));
            item.put("imported", AttributeValue.fromBool(m.imported()));
        }
        optional(item, "exitDay", m.exitDay());
        optional(item, "exitAt", m.exitAt());
        optional(item, "exitTo", m.exitTo());
        item.put("category", s(m.category()));
        item.put("categoryRev", n(m.categoryRevision()));
        item.put("tier", s(m.tier()));
        item.put("tierRev", n(m.tierRevision()));
        item.put("rev", n(m.rev()));
        return item;
    }

    private static void optional(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem add(Map<String, AttributeValue> key, List<String> adds, Map<String, AttributeValue> values,
                                  Map<String, String> names) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key).updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeValues(values).expressionAttributeNames(names.isEmpty() ? null : names).build()).build();
    }
}
