package com.fanops.activities.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Activities' definitions with the counters registrations keep ({@code pk=ACT#<id> sk=DEF}, see {@link RegistrationStore}).
 * The definition is one JSON attribute ({@code def}, versioned by {@code version}); what conditions and lists need is
 * also kept as attributes: status, seats (the capacity), waitingLimit, opensMs/closesMs, startsMs/endsMs, place; the calendar reads
 * gsi1 ({@code gsi1pk=ACTIVITIES gsi1sk=<startsMs padded>#<id>}, projecting {@code def}, {@code version}, {@code status}:
 * registrations change only the counters, so they never write the index). The check-in key and the holdout seed are drawn at
 * publication and never leave the server.
 */
public final class ActivityStore {

    private static final ObjectMapper JSON = Json.mapper();

    private final DynamoDbClient ddb;
    private final String table;

    public ActivityStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** An activity with its counters and secrets as stored. */
    public record Stored(Activity activity, long registered, long waiting, long checkedIn, byte[] checkInKey, byte[] holdoutSeed,
                         Instant publishedAt) {
    }

    /** Creates an activity (version 1); false when the id is taken. */
    public boolean create(Activity a, String actor, Instant at) {
        Map<String, AttributeValue> item = attributes(a);
        item.put("registered", n(0));
        item.put("waiting", n(0));
        item.put("checkedIn", n(0));
        item.put("seq", n(0));
        item.put("createdBy", s(actor));
        item.put("createdAt", s(at.toString()));
        try {
            ddb.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Moves an activity to a status, from the status and version the caller read; at publication the check-in key and
     * the holdout seed are set (once: a republication keeps them). False when the activity changed meanwhile.
     */
    public boolean transition(String activityId, ActivityStatus from, long version, ActivityStatus to, byte[] checkInKey,
                              byte[] holdoutSeed, String actor, Instant at) {
        Map<String, String> names = new HashMap<>(Map.of("#st", "status", "#v", "version"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(from.name()), ":to", s(to.name()), ":v", n(version),
                ":next", n(version + 1), ":by", s(actor), ":at", s(at.toString())));
        StringBuilder set = new StringBuilder("SET #st = :to, #v = :next, changedBy = :by, changedAt = :at");
        if (checkInKey != null) {
            set.append(", checkInKey = if_not_exists(checkInKey, :key), holdoutSeed = if_not_exists(holdoutSeed, :seed),"
                    + " publishedAt = if_not_exists(publishedAt, :at)");
            values.put(":key", AttributeValue.fromB(SdkBytes.fromByteArray(checkInKey)));
            values.put(":seed", AttributeValue.fromB(SdkBytes.fromByteArray(holdoutSeed)));
        }
        try {
            ddb.updateItem(u -> u.tableName(table).key(RegistrationStore.def(activityId)).updateExpression(set.toString())
                    .conditionExpression("#st = :from AND #v = :v").expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** Saves a new definition over the version the caller read (counters and secrets untouched); false when it moved on. */
    public boolean save(Activity a, long readVersion, String actor, Instant at) {
        Map<String, AttributeValue> attrs = attributes(a);
        attrs.remove("pk");
        attrs.remove("sk");
        attrs.remove("status");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET changedBy = :by, changedAt = :at");
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : attrs.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            set.append(", #a").append(i).append(" = :a").append(i);
            i++;
        }
        String remove = a.place() == null ? " REMOVE place" : "";
        names.put("#v", "version");
        names.put("#st", "status");
        values.put(":read", n(readVersion));
        values.put(":draft", s(ActivityStatus.DRAFT.name()));
        values.put(":approved", s(ActivityStatus.APPROVED.name()));
        values.put(":by", s(actor));
        values.put(":at", s(at.toString()));
        try {
            ddb.updateItem(u -> u.tableName(table).key(RegistrationStore.def(a.activityId())).updateExpression(set + remove)
                    .conditionExpression("#v = :read AND (#st = :draft OR #st = :approved)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** Activities starting in [from, to], by start (the calendar; the overlap check): the index alone, no counters. */
    public List<Activity> startingBetween(Instant from, Instant to) {
        List<Activity> out = new ArrayList<>();
        forEachStarting(from, to, i -> out.add(read(i)));
        return out;
    }

    /**
     * Activities starting in [from, to], by start, with their counters: the index gives the definitions in order (it does
     * not project the counters, see the template), a batch read of their items the counters, 100 at a time.
     */
    public List<Stored> calendar(Instant from, Instant to) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        forEachStarting(from, to, i -> keys.add(Map.of("pk", i.get("pk"), "sk", i.get("sk"))));
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        for (int at = 0; at < keys.size(); at += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(at, Math.min(keys.size(), at + 100))).build());
            while (!pending.isEmpty()) {
                BatchGetItemResponse got = ddb.batchGetItem(BatchGetItemRequest.builder().requestItems(pending).build());
                got.responses().getOrDefault(table, List.of()).forEach(i -> byPk.put(i.get("pk").s(), i));
                pending = got.hasUnprocessedKeys() ? got.unprocessedKeys() : Map.of();
            }
        }
        List<Stored> out = new ArrayList<>();
        for (Map<String, AttributeValue> k : keys) {
            Map<String, AttributeValue> item = byPk.get(k.get("pk").s());
            if (item != null) { // withdrawn between the two reads: not listed
                out.add(stored(item));
            }
        }
        return out;
    }

    private void forEachStarting(Instant from, Instant to, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = ddb.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :p AND gsi1sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":p", s("ACTIVITIES"), ":from", s(RegistrationStore.padded(from.toEpochMilli())),
                            ":to", s(RegistrationStore.padded(to.toEpochMilli()) + "#~"))).exclusiveStartKey(start).build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    public Optional<Stored> get(String activityId) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table).key(RegistrationStore.def(activityId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stored(item));
    }

    private static Stored stored(Map<String, AttributeValue> item) {
        Activity a = read(item);
        String published = str(item, "publishedAt");
        return new Stored(a, num(item, "registered"), num(item, "waiting"), num(item, "checkedIn"), bytes(item, "checkInKey"),
                bytes(item, "holdoutSeed"), published == null ? null : Instant.parse(published));
    }

    private static Activity read(Map<String, AttributeValue> item) {
        Activity def;
        try {
            def = JSON.readValue(str(item, "def"), Activity.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity " + str(item, "pk") + " unreadable", e);
        }
        return new Activity(def.activityId(), num(item, "version"), ActivityStatus.valueOf(str(item, "status")), def.theme(),
                def.description(), def.type(), def.place(), def.startsAt(), def.endsAt(), def.registrationOpensAt(),
                def.registrationClosesAt(), def.capacity(), def.waitingLimit(), def.audience(), def.budgetId(), def.budgetAmount(),
                def.goals(), def.owner(), def.prizes(), def.holdoutBp(), def.evaluateAfterDays(), def.tasks());
    }

    private static byte[] bytes(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.b() == null ? null : v.b().asByteArray();
    }

    private static Map<String, AttributeValue> attributes(Activity a) {
        Map<String, AttributeValue> item = new HashMap<>(RegistrationStore.def(a.activityId()));
        try {
            item.put("def", s(JSON.writeValueAsString(a)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity " + a.activityId() + " not writable as JSON", e);
        }
        item.put("version", n(a.version()));
        item.put("status", s(a.status().name()));
        item.put("seats", n(a.capacity()));
        item.put("waitingLimit", n(a.waitingLimit()));
        item.put("opensMs", n(a.registrationOpensAt().toEpochMilli()));
        item.put("closesMs", n(a.registrationClosesAt().toEpochMilli()));
        item.put("startsMs", n(a.startsAt().toEpochMilli()));
        item.put("endsMs", n(a.endsAt().toEpochMilli()));
        if (a.place() != null) {
            item.put("place", s(a.place()));
        }
        item.put("gsi1pk", s("ACTIVITIES"));
        item.put("gsi1sk", s(RegistrationStore.padded(a.startsAt().toEpochMilli()) + "#" + a.activityId()));
        return item;
    }
}
