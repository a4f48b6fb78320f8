package com.fanops.activities.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.Items;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Registrations, the waiting list and check-ins, held exactly under concurrency by conditions on the activity's counters.
 * Activities table items:
 * <pre>
 *   pk=ACT#&lt;id&gt; sk=DEF            the activity (ActivityStore) with its counters: seats (the capacity), waitingLimit, registered,
 *                                    waiting, checkedIn, seq (arrival tickets), opensMs/closesMs (registration window), status
 *   pk=ACT#&lt;id&gt; sk=REG#&lt;memberId&gt;  status REGISTERED | WAITING | CANCELLED, no (the arrival ticket: registration number and
 *                                    waiting order), registeredAt, promotedAt, checkedInAt, checkedInBy, cancelledAt;
 *                                    gsi2pk=MEMBER#&lt;memberId&gt; gsi2sk=&lt;startsMs padded&gt;#&lt;id&gt; (the member's activities)
 *   pk=ACT#&lt;id&gt; sk=WAIT#&lt;no padded&gt;  memberId: the waiting list in arrival order (read strongly consistent)
 *   pk=ACT#&lt;id&gt; sk=NO#&lt;no&gt;         memberId: the registration a check-in code names
 * </pre>
 * A registration first draws an arrival ticket ({@code ADD seq 1}), then takes a seat in one transaction whose
 * condition is {@code registered < seats AND waiting = 0} and the window open - so no seat is sold twice and nobody
 * jumps the queue; when that fails it joins the waiting list under {@code waiting < waitingLimit}, and then seats
 * are offered to the waiting in ticket order ({@link #promote}) so a seat freed meanwhile is not left empty. Each
 * call's units: a registration 1 + 2 x 3 write units (ticket, then a transaction of three small items), a waiting
 * entry 1 + 2 x 4, a promotion 2 x 4, a check-in 2 x 2.
 */
public final class RegistrationStore {

    public enum Status { REGISTERED, WAITING, CANCELLED }

    /** A registration as stored. */
    public record Registration(String activityId, String memberId, Status status, long no, Instant registeredAt,
                               Instant checkedInAt, String checkedInBy, Instant cancelledAt, Instant promotedAt) {
        public boolean checkedIn() {
            return checkedInAt != null;
        }
    }

    /** What a registration attempt came to. */
    public enum Result { REGISTERED, WAITING, CANCELLED, ALREADY, FULL, CLOSED, UNKNOWN_ACTIVITY }

    public record Outcome(Result result, Registration registration, List<String> promoted) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public RegistrationStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static String pk(String activityId) {
        return "ACT#" + activityId;
    }

    static Map<String, AttributeValue> def(String activityId) {
        return Items.key(pk(activityId), "DEF");
    }

    static Map<String, AttributeValue> reg(String activityId, String memberId) {
        return Items.key(pk(activityId), "REG#" + memberId);
    }

    static String padded(long no) {
        return String.format("%012d", no);
    }

    /**
     * Registers a member, or puts them on the waiting list when every seat is taken and the list has room.
     *
     * @param startsAt the activity's start, for the member's list of activities
     */
    public Outcome register(String activityId, String memberId, Instant startsAt, Instant at) {
        Optional<Registration> existing = get(activityId, memberId);
        if (existing.isPresent() && existing.get().status() != Status.CANCELLED) {
            return new Outcome(Result.ALREADY, existing.get(), List.of());
        }
        long no;
        try {
            no = ticket(activityId, at);
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return new Outcome(e.hasItem() ? Result.CLOSED : Result.UNKNOWN_ACTIVITY, null, List.of());
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":zero", n(0));
        values.put(":at", n(at.toEpochMilli()));
        values.put(":open1", s("PUBLISHED"));
        values.put(":open2", s("RUNNING"));
        values.put(":cancelled", s(Status.CANCELLED.name()));
        String window = "(#st = :open1 OR #st = :open2) AND opensMs <= :at AND closesMs > :at";
        Map<String, String> names = Map.of("#st", "status");
        try {
            ddb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(def(activityId))
                            .updateExpression("ADD registered :one")
                            .conditionExpression(window + " AND registered < seats AND waiting = :zero")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":one", values.get(":one"), ":zero", values.get(":zero"), ":at",
                                    values.get(":at"), ":open1", values.get(":open1"), ":open2", values.get(":open2")))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                    putRegistration(activityId, memberId, Status.REGISTERED, no, startsAt, at),
                    putNumber(activityId, no, memberId)));
            return new Outcome(Result.REGISTERED, get(activityId, memberId).orElseThrow(), List.of());
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 1)) {
                return new Outcome(Result.ALREADY, get(activityId, memberId).orElse(null), List.of());
            }
            Map<String, AttributeValue> act = e.cancellationReasons().get(0).item();
            if (act == null || act.isEmpty()) {
                return new Outcome(Result.UNKNOWN_ACTIVITY, null, List.of());
            }
            if (!windowOpen(act, at)) {
                return new Outcome(Result.CLOSED, null, List.of());
            }
        }
        return joinWaitingList(activityId, memberId, no, startsAt, at);
    }

    private Outcome joinWaitingList(String activityId, String memberId, long no, Instant startsAt, Instant at) {
        try {
            ddb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(def(activityId))
                            .updateExpression("ADD waiting :one")
                            .conditionExpression("(#st = :open1 OR #st = :open2) AND opensMs <= :at AND closesMs > :at AND waiting < waitingLimit")
                            .expressionAttributeNames(Map.of("#st", "status"))
                            .expressionAttributeValues(Map.of(":one", n(1), ":at", n(at.toEpochMilli()), ":open1", s("PUBLISHED"),
                                    ":open2", s("RUNNING")))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                    putRegistration(activityId, memberId, Status.WAITING, no, startsAt, at),
                    putNumber(activityId, no, memberId),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(Map.of("pk", s(pk(activityId)), "sk", s("WAIT#" + padded(no)), "memberId", s(memberId)))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 1)) {
                return new Outcome(Result.ALREADY, get(activityId, memberId).orElse(null), List.of());
            }
            Map<String, AttributeValue> act = e.cancellationReasons().get(0).item();
            return new Outcome(act != null && !act.isEmpty() && !windowOpen(act, at) ? Result.CLOSED : Result.FULL, null, List.of());
        }
        List<String> promoted = promote(activityId, at);
        Registration mine = get(activityId, memberId).orElseThrow();
        return new Outcome(mine.status() == Status.REGISTERED ? Result.REGISTERED : Result.WAITING, mine, promoted);
    }

    private static boolean windowOpen(Map<String, AttributeValue> act, Instant at) {
        String status = str(act, "status");
        return ("PUBLISHED".equals(status) || "RUNNING".equals(status)) && num(act, "opensMs") <= at.toEpochMilli()
                && num(act, "closesMs") > at.toEpochMilli();
    }

    /** An arrival ticket: the registration number and the waiting order (refused when the activity takes none). */
    private long ticket(String activityId, Instant at) {
        Map<String, AttributeValue> out = ddb.updateItem(UpdateItemRequest.builder().tableName(table).key(def(activityId))
                .updateExpression("ADD seq :one")
                .conditionExpression("attribute_exists(pk) AND (#st = :open1 OR #st = :open2)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":one", n(1), ":open1", s("PUBLISHED"), ":open2", s("RUNNING")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .returnValues(ReturnValue.UPDATED_NEW).build()).attributes();
        return num(out, "seq");
    }

    private TransactWriteItem putRegistration(String activityId, String memberId, Status status, long no, Instant startsAt, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(reg(activityId, memberId));
        item.put("activityId", s(activityId));
        item.put("memberId", s(memberId));
        item.put("status", s(status.name()));
        item.put("no", n(no));
        item.put("registeredAt", s(at.toString()));
        item.put("gsi2pk", s("MEMBER#" + memberId));
        item.put("gsi2sk", s(padded(startsAt.toEpochMilli()) + "#" + activityId));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR #st = :cancelled")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":cancelled", s(Status.CANCELLED.name()))).build()).build();
    }

    private TransactWriteItem putNumber(String activityId, long no, String memberId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s(pk(activityId)), "sk", s("NO#" + no), "memberId", s(memberId)))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Offers free seats to the waiting list in arrival order, one transaction per seat, until the activity is full or
     * nobody waits; returns the members promoted (to be told). Safe to call at any time and from any number of callers.
     */
    public List<String> promote(String activityId, Instant at) {
        List<String> promoted = new ArrayList<>();
        for (int guard = 0; guard < 1_000; guard++) {
            QueryResponse first = ddb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :w)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(activityId)), ":w", s("WAIT#"))).limit(1).build());
            if (first.items().isEmpty()) {
                return promoted;
            }
            Map<String, AttributeValue> head = first.items().get(0);
            String memberId = str(head, "memberId");
            try {
                ddb.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().update(Update.builder().tableName(table).key(def(activityId))
                                .updateExpression("ADD registered :one, waiting :minus")
                                .conditionExpression("registered < seats AND waiting > :zero")
                                .expressionAttributeValues(Map.of(":one", n(1), ":minus", n(-1), ":zero", n(0))).build()).build(),
                        TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Items.key(pk(activityId), str(head, "sk")))
                                .conditionExpression("attribute_exists(pk)").build()).build(),
                        TransactWriteItem.builder().update(Update.builder().tableName(table).key(reg(activityId, memberId))
                                .updateExpression("SET #st = :registered, promotedAt = :at")
                                .conditionExpression("#st = :waiting")
                                .expressionAttributeNames(Map.of("#st", "status"))
                                .expressionAttributeValues(Map.of(":registered", s(Status.REGISTERED.name()), ":waiting",
                                        s(Status.WAITING.name()), ":at", s(at.toString()))).build()).build()));
                promoted.add(memberId);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (Items.failed(reasons, 0)) {
                    return promoted; // full (or nobody counted as waiting): nothing to offer
                }
                // another caller promoted or cancelled this head meanwhile: look again
            }
        }
        return promoted;
    }

    /** Cancels a registration or a place on the waiting list; a freed seat goes to the first waiting. */
    public Outcome cancel(String activityId, String memberId, Instant at) {
        Optional<Registration> current = get(activityId, memberId);
        if (current.isEmpty() || current.get().status() == Status.CANCELLED) {
            return new Outcome(Result.ALREADY, current.orElse(null), List.of());
        }
        Registration r = current.get();
        boolean waiting = r.status() == Status.WAITING;
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(def(activityId))
                .updateExpression(waiting ? "ADD waiting :minus" : "ADD registered :minus")
                .expressionAttributeValues(Map.of(":minus", n(-1))).build()).build());
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(reg(activityId, memberId))
                .updateExpression("SET #st = :cancelled, cancelledAt = :at REMOVE gsi2pk, gsi2sk")
                .conditionExpression("#st = :was AND attribute_not_exists(checkedInAt)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":cancelled", s(Status.CANCELLED.name()), ":was", s(r.status().name()),
                        ":at", s(at.toString()))).build()).build());
        if (waiting) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(Items.key(pk(activityId), "WAIT#" + padded(r.no()))).conditionExpression("attribute_exists(pk)").build()).build());
        }
        try {
            ddb.transactWriteItems(t -> t.transactItems(items));
        } catch (TransactionCanceledException e) {
            // promoted, cancelled or checked in meanwhile: say what it is now
            return new Outcome(Result.ALREADY, get(activityId, memberId).orElse(null), List.of());
        }
        List<String> promoted = waiting ? List.of() : promote(activityId, at);
        return new Outcome(Result.CANCELLED, get(activityId, memberId).orElseThrow(), promoted);
    }

    /** What a check-in came to: the first check-in, or the one already recorded (counted once either way). */
    public record CheckIn(Registration registration, boolean first) {
    }

    /**
     * Checks a registered member in, once: the second scan of the same member returns the first check-in unchanged.
     * Empty when the member holds no seat (not registered, waiting or cancelled).
     */
    public Optional<CheckIn> checkIn(String activityId, String memberId, String by, Instant at) {
        try {
            ddb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(reg(activityId, memberId))
                            .updateExpression("SET checkedInAt = :at, checkedInBy = :by")
                            .conditionExpression("#st = :registered AND attribute_not_exists(checkedInAt)")
                            .expressionAttributeNames(Map.of("#st", "status"))
                            .expressionAttributeValues(Map.of(":registered", s(Status.REGISTERED.name()), ":at", s(at.toString()),
                                    ":by", s(by))).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(def(activityId))
                            .updateExpression("ADD checkedIn :one").conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":one", n(1))).build()).build()));
            return Optional.of(new CheckIn(get(activityId, memberId).orElseThrow(), true));
        } catch (TransactionCanceledException e) {
            Optional<Registration> r = get(activityId, memberId);
            return r.filter(x -> x.status() == Status.REGISTERED && x.checkedIn()).map(x -> new CheckIn(x, false));
        }
    }

    public Optional<Registration> get(String activityId, String memberId) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table).key(reg(activityId, memberId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    /** The member a registration number belongs to (what a check-in code names). */
    public Optional<String> memberByNumber(String activityId, long no) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table).key(Items.key(pk(activityId), "NO#" + no)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(str(item, "memberId"));
    }

    /** Every registration of an activity (any status), page by page. */
    public void forEach(String activityId, Consumer<Registration> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = ddb.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(activityId)), ":r", s("REG#"))).exclusiveStartKey(start).build());
            page.items().forEach(i -> each.accept(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** A page of an activity's registrations, by member id; {@code after} is the last member id of the page before. */
    public record Page(List<Registration> items, String after) {
    }

    /** One page of registrations of an activity (of one status when {@code status} is given), after a member id. */
    public Page page(String activityId, Status status, String afterMemberId, int limit) {
        List<Registration> out = new ArrayList<>();
        Map<String, AttributeValue> start = afterMemberId == null ? null : reg(activityId, afterMemberId);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk(activityId)), ":r", s("REG#")));
        if (status != null) {
            values.put(":st", s(status.name()));
        }
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                    .expressionAttributeValues(values).exclusiveStartKey(start).limit(limit - out.size());
            if (status != null) {
                q.filterExpression("#st = :st").expressionAttributeNames(Map.of("#st", "status"));
            }
            QueryResponse page = ddb.query(q.build());
            page.items().forEach(i -> out.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return new Page(out, start == null ? null : out.isEmpty() ? str(start, "sk").substring(4) : out.get(out.size() - 1).memberId());
    }

    /** The waiting list in order (member ids). */
    public List<String> waitingList(String activityId) {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = ddb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :w)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(activityId)), ":w", s("WAIT#"))).exclusiveStartKey(start).build());
            page.items().forEach(i -> out.add(str(i, "memberId")));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** A member's registrations (not cancelled), soonest activity first. */
    public List<Registration> ofMember(String memberId, int limit) {
        List<Registration> out = new ArrayList<>();
        ddb.query(QueryRequest.builder().tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :m")
                .expressionAttributeValues(Map.of(":m", s("MEMBER#" + memberId))).limit(limit).build()).items().forEach(i -> out.add(read(i)));
        return out;
    }

    private static Registration read(Map<String, AttributeValue> item) {
        return new Registration(str(item, "activityId"), str(item, "memberId"), Status.valueOf(str(item, "status")), num(item, "no"),
                instant(item, "registeredAt"), instant(item, "checkedInAt"), str(item, "checkedInBy"), instant(item, "cancelledAt"),
                instant(item, "promotedAt"));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
