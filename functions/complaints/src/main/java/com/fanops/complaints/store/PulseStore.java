package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.complaints.domain.Pulse;
import com.fanops.platform.dynamo.Items;
import com.fanops.platform.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Community pulses, their invitations and answers (complaints table).
 *
 * <pre>
 * Item layouts:
 *   pk=PULSE#&lt;pulseId&gt;  sk=PULSE   questionZh, questionEn, sampleSize, createdAt, createdBy, closesAt, drawn, sampled,
 *                                      requested, answers, scoreSum, s1..s5, lastAnswerAt
 *                                      gsi1pk=PULSES  gsi1sk=&lt;createdAt&gt;#&lt;pulseId&gt;            (the list, newest first)
 *                                      gsi2pk=PULSES#PENDING  gsi2sk=&lt;createdAt&gt;#&lt;pulseId&gt;   (until the sample's messages are asked for)
 *   pk=PULSE#&lt;pulseId&gt;  sk=INVITE#&lt;SHA-256 of the link token&gt;   invitedAt; once answered: answeredAt, score,
 *                                      commentEnc (field ciphertext, record id = pulse id, field {@code pulseComment:<hash>}), day.
 *                                      No member id: an answer cannot be traced to a member from the table.
 *   pk=PULSE#&lt;pulseId&gt;  sk=DAY#&lt;yyyy-MM-dd&gt;   answers, scoreSum: that business day's answers (exact figures for any past day)
 * </pre>
 * An answer is one transaction: the invitation is marked answered only if it exists and was not answered, the pulse's
 * counters move only while it is open, the day's counters move with them.
 */
public final class PulseStore {

    /** The invitation was answered already. */
    public static final class Answered extends RuntimeException {
        public Answered() {
            super("pulse answered", null, false, false);
        }
    }

    /** The pulse is closed (or not open yet). */
    public static final class NotOpen extends RuntimeException {
        public NotOpen() {
            super("pulse not open", null, false, false);
        }
    }

    public record Page(List<Pulse> items, String next) {
    }

    /** An invitation: whether and when it was answered. */
    public record Invite(String pulseId, String tokenHash, Instant answeredAt) {
    }

    /** The answers of some days. */
    public record Tally(long answers, long scoreSum) {
    }

    private static final String PULSE = "PULSE";
    private static final String LIST = "PULSES";
    private static final String PENDING = "PULSES#PENDING";
    private final DynamoDbClient ddb;
    private final String table;

    public PulseStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** Puts a new pulse (not drawn yet); false when a pulse with that id exists (the same start sent again). */
    public boolean create(Pulse p) {
        Map<String, AttributeValue> i = new HashMap<>();
        i.putAll(key("PULSE#" + p.pulseId(), PULSE));
        i.put("questionZh", s(p.question().zhCN()));
        i.put("questionEn", s(p.question().en()));
        i.put("sampleSize", n(p.sampleSize()));
        i.put("createdAt", s(p.createdAt().toString()));
        i.put("createdBy", s(p.createdBy()));
        i.put("closesAt", s(p.closesAt().toString()));
        i.put("drawn", AttributeValue.fromBool(false));
        for (String counter : List.of("sampled", "requested", "answers", "scoreSum", "s1", "s2", "s3", "s4", "s5")) {
            i.put(counter, n(0));
        }
        String sort = p.createdAt() + "#" + p.pulseId();
        i.put("gsi1pk", s(LIST));
        i.put("gsi1sk", s(sort));
        i.put("gsi2pk", s(PENDING));
        i.put("gsi2sk", s(sort));
        try {
            ddb.putItem(b -> b.tableName(table).item(i).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<Pulse> find(String pulseId) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("PULSE#" + pulseId, PULSE))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(pulse(i));
    }

    /** Every pulse, newest first. */
    public Page list(String cursor, int limit) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
                .expressionAttributeValues(Map.of(":g", s(LIST))).scanIndexForward(false).limit(limit);
        if (cursor != null) {
            q.exclusiveStartKey(decode(cursor));
        }
        QueryResponse r = ddb.query(q.build());
        return new Page(r.items().stream().map(PulseStore::pulse).toList(),
                r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? encode(r.lastEvaluatedKey()) : null);
    }

    /** Pulses created before the instant, newest first (the metrics job looks for the latest with answers). */
    public List<Pulse> createdBefore(Instant end) {
        List<Pulse> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g AND gsi1sk < :end")
                .expressionAttributeValues(Map.of(":g", s(LIST), ":end", s(end.toString()))).scanIndexForward(false))
                .items().forEach(i -> out.add(pulse(i)));
        return out;
    }

    /** Pulses whose sample is not drawn, or whose messages were not all asked for yet, oldest first. */
    public List<Pulse> pending() {
        List<Pulse> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :g")
                .expressionAttributeValues(Map.of(":g", s(PENDING)))).items().forEach(i -> out.add(pulse(i)));
        return out;
    }

    /**
     * Writes the sample's invitations, 25 to a batch. Only before the pulse is drawn (nobody can answer yet), so putting an
     * invitation again, after a crash, loses nothing.
     */
    public void invite(String pulseId, List<String> tokenHashes, Instant at) {
        for (int from = 0; from < tokenHashes.size(); from += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (String hash : tokenHashes.subList(from, Math.min(from + 25, tokenHashes.size()))) {
                Map<String, AttributeValue> i = new HashMap<>(key("PULSE#" + pulseId, "INVITE#" + hash));
                i.put("invitedAt", s(at.toString()));
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build());
            }
            Map<String, List<WriteRequest>> left = Map.of(table, batch);
            for (int attempt = 0; !left.isEmpty() && !left.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, List<WriteRequest>> request = left;
                left = ddb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** The sample is drawn and invited: the pulse opens (once; a second call changes nothing). */
    public void drawn(String pulseId, long sampled) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key("PULSE#" + pulseId, PULSE))
                    .updateExpression("SET drawn = :t, sampled = :n").conditionExpression("attribute_exists(pk) AND drawn = :f")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":f", AttributeValue.fromBool(false), ":n", n(sampled))));
        } catch (ConditionalCheckFailedException already) {
            // drawn by an earlier run
        }
    }

    /** Every message of the sample was asked for: the pulse leaves the pending list. */
    public void requested(String pulseId, long requested) {
        ddb.updateItem(b -> b.tableName(table).key(key("PULSE#" + pulseId, PULSE)).updateExpression("SET requested = :n REMOVE gsi2pk, gsi2sk")
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":n", n(requested))));
    }

    public Optional<Invite> invitation(String pulseId, String tokenHash) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("PULSE#" + pulseId, "INVITE#" + tokenHash))).item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        String answered = Items.str(i, "answeredAt");
        return Optional.of(new Invite(pulseId, tokenHash, answered == null ? null : Instant.parse(answered)));
    }

    /**
     * Records an answer: the invitation (unanswered), the pulse's counters (while open at {@code at}) and the day's, in one
     * transaction.
     *
     * @throws Answered when the invitation was answered already (also the loser of two answers at once)
     * @throws NotOpen  when the pulse closed meanwhile
     */
    public void answer(String pulseId, String tokenHash, int score, String commentEnc, Instant at, LocalDate day) {
        Map<String, AttributeValue> inviteValues = new HashMap<>(Map.of(":at", s(at.toString()), ":score", n(score), ":day", s(day.toString())));
        String set = "SET answeredAt = :at, score = :score, #day = :day";
        if (commentEnc != null) {
            inviteValues.put(":c", s(commentEnc));
            set += ", commentEnc = :c";
        }
        String inviteSet = set;
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("PULSE#" + pulseId, "INVITE#" + tokenHash))
                        .updateExpression(inviteSet).conditionExpression("attribute_exists(pk) AND attribute_not_exists(answeredAt)")
                        .expressionAttributeNames(Map.of("#day", "day")).expressionAttributeValues(inviteValues)).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("PULSE#" + pulseId, PULSE))
                        .updateExpression("ADD answers :one, scoreSum :score, s" + score + " :one SET lastAnswerAt = :at")
                        .conditionExpression("drawn = :t AND closesAt > :at")
                        .expressionAttributeValues(Map.of(":one", n(1), ":score", n(score), ":at", s(at.toString()),
                                ":t", AttributeValue.fromBool(true)))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("PULSE#" + pulseId, "DAY#" + day))
                        .updateExpression("ADD answers :one, scoreSum :score")
                        .expressionAttributeValues(Map.of(":one", n(1), ":score", n(score)))).build());
        for (int attempt = 0; ; attempt++) {
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (Items.failed(e.cancellationReasons(), 0)) {
                    throw new Answered();
                }
                if (Items.failed(e.cancellationReasons(), 1)) {
                    throw new NotOpen();
                }
                // Another answer's transaction held the items (TransactionConflict): try again; the condition decides.
                if (attempt >= 8) {
                    throw e;
                }
                pause(attempt + 1);
            }
        }
    }

    /** The pulse's answers of the business days up to and including {@code to}. */
    public Tally answersUpTo(String pulseId, LocalDate to) {
        long answers = 0;
        long sum = 0;
        for (var i : ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s("PULSE#" + pulseId), ":a", s("DAY#"), ":b", s("DAY#" + to)))).items()) {
            answers += Items.num(i, "answers");
            sum += Items.num(i, "scoreSum");
        }
        return new Tally(answers, sum);
    }

    /** The pulse's answers on the business days from {@code from} to {@code to}. */
    public Tally answersBetween(String pulseId, LocalDate from, LocalDate to) {
        long answers = 0;
        long sum = 0;
        for (var i : ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s("PULSE#" + pulseId), ":a", s("DAY#" + from), ":b", s("DAY#" + to)))).items()) {
            answers += Items.num(i, "answers");
            sum += Items.num(i, "scoreSum");
        }
        return new Tally(answers, sum);
    }

    private static Pulse pulse(Map<String, AttributeValue> i) {
        long[] by = new long[6];
        for (int k = 1; k <= 5; k++) {
            by[k] = i.containsKey("s" + k) ? Items.num(i, "s" + k) : 0;
        }
        return new Pulse(i.get("pk").s().substring("PULSE#".length()), new Pulse.Question(Items.str(i, "questionZh"), Items.str(i, "questionEn")),
                (int) Items.num(i, "sampleSize"), Instant.parse(i.get("createdAt").s()), Items.str(i, "createdBy"),
                Instant.parse(i.get("closesAt").s()), i.containsKey("drawn") && i.get("drawn").bool(), Items.num(i, "sampled"),
                Items.num(i, "requested"), Items.num(i, "answers"), Items.num(i, "scoreSum"), by);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 5)) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, AttributeValue> key) {
        String raw = key.get("pk").s() + "\n" + key.get("gsi1sk").s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 2 || !parts[0].startsWith("PULSE#")) {
                throw new IllegalArgumentException();
            }
            return Map.of("pk", s(parts[0]), "sk", s(PULSE), "gsi1pk", s(LIST), "gsi1sk", s(parts[1]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
