package com.fanops.messaging.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.messaging.domain.ConsentBasis;
import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.dynamo.Items;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The delivery log and the marketing send counts, in the messages table. Item layouts:
 * <pre>
 *   pk=MSG#&lt;messageId&gt;  sk=MSG      memberId (or ticketId for a complaint's complainant), kind, cause, day, status, reason, channel, templateVersion, locale,
 *                                   providerMessageId, basis (map: purpose, granted, noticeVersion, at), requestedAt,
 *                                   deferredUntil, sentAt, updatedAt, history (list of {status, at, reason}),
 *                                   contactIndex (blind index; removed on erasure),
 *                                   gsi1pk=MEMBER#&lt;memberId&gt; gsi1sk=&lt;requestedAt&gt;#&lt;messageId&gt;  (a member's messages)
 *                                   gsi2pk=DAY#&lt;day&gt;        gsi2sk=&lt;requestedAt&gt;#&lt;messageId&gt;  (the log of a day)
 *   pk=MSG#&lt;messageId&gt;  sk=BODY     subjectEnc, bodyEnc (field ciphertext), written with the send; deleted on erasure.
 *                                   Apart from the log item so status changes rewrite a small item.
 * Both indexes hold keys only: a status change writes no index copy; lists read the keys, then the items.
 *   pk=MEMBER#&lt;memberId&gt;  sk=MARKETING   sends (list of ISO instants inside the cap window), revision
 *   pk=STATS#&lt;day&gt;  sk=KIND#&lt;kind&gt;     requested, sent, delivered, bounced, complained, failed, suppressed, deferred (ADD)
 *   pk=STATS#&lt;day&gt;  sk=UNSUBSCRIBED       count (ADD, once per withdrawal through a link)
 * </pre>
 * The message id comes from kind and cause, so the first put (condition: absent) is the request's de-duplication.
 * Every status change is conditional on the status it leaves, and moves the day's counters in the same transaction:
 * a redelivered request or event changes nothing twice.
 */
public final class DeliveryLog {

    /** The message's state when another writer moved it first. */
    public static final class Moved extends RuntimeException {
        public Moved() {
            super("the message moved meanwhile", null, false, false);
        }
    }

    /** The member's marketing send count changed meanwhile (another message took a slot): decide again. */
    public static final class CapMoved extends RuntimeException {
        public CapMoved() {
            super("marketing sends changed meanwhile", null, false, false);
        }
    }

    /** The member's marketing sends inside the window, and the revision to write against. */
    public record Sends(List<Instant> sends, long revision) {
    }

    public record Page(List<Message> items, String next) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final ZoneId zone;
    private final CapacityMeter meter;

    public DeliveryLog(DynamoDbClient ddb, String table, ZoneId zone, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.zone = zone;
        this.meter = meter;
    }

    /** The request's message: logged as queued the first time, the one already logged on any later delivery. */
    public Message open(MessageRequest request, Instant now) {
        String id = request.messageId();
        LocalDate day = now.atZone(zone).toLocalDate();
        Map<String, AttributeValue> item = new HashMap<>();
        item.putAll(Items.key("MSG#" + id, "MSG"));
        if (request.forTicket()) {
            // A complaint ticket's complainant, who need not be a member: named by the ticket, in no member's list.
            item.put("ticketId", s(request.recipient().ticketId()));
        } else {
            item.put("memberId", s(request.memberId()));
            item.put("gsi1pk", s("MEMBER#" + request.memberId()));
            item.put("gsi1sk", s(now + "#" + id));
        }
        item.put("kind", s(request.kind()));
        item.put("cause", s(request.cause()));
        item.put("day", s(day.toString()));
        item.put("status", s(DeliveryStatus.QUEUED.key()));
        item.put("requestedAt", s(request.requestedAt().toString()));
        item.put("updatedAt", s(now.toString()));
        item.put("history", AttributeValue.fromL(List.of(step(DeliveryStatus.QUEUED, now, null))));
        item.put("gsi2pk", s("DAY#" + day));
        item.put("gsi2sk", s(now + "#" + id));
        try {
            var r = ddb.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    count(day, request.kind(), "requested")));
            meter.write(r.consumedCapacity());
            // The first delivery: the item just written is the message (no read back).
            return message(item);
        } catch (TransactionCanceledException e) {
            if (!Items.failed(e.cancellationReasons(), 0)) {
                throw e;
            }
        }
        return find(id).orElseThrow();
    }

    public Optional<Message> find(String messageId) {
        var r = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key("MSG#" + messageId, "MSG"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(r.consumedCapacity());
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(message(r.item())) : Optional.empty();
    }

    public Sends marketingSends(String memberId) {
        var r = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key("MEMBER#" + memberId, "MARKETING"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(r.consumedCapacity());
        if (!r.hasItem() || r.item().isEmpty()) {
            return new Sends(List.of(), 0);
        }
        List<Instant> sends = r.item().get("sends").l().stream().map(v -> Instant.parse(v.s())).toList();
        return new Sends(sends, Items.num(r.item(), "revision"));
    }

    /**
     * Claims the message for sending (from the status it was read in), recording the channel, template version and the
     * consent it relies on; for marketing, takes a slot of the member's cap in the same transaction ({@code kept} are the
     * sends still in the window, written back with this one added).
     */
    public Message claim(Message m, String channel, int templateVersion, String locale, ConsentBasis basis, String contactIndex,
                      Sends cap, List<Instant> kept, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":channel", s(channel));
        values.put(":tv", AttributeValue.fromN(String.valueOf(templateVersion)));
        values.put(":locale", s(locale));
        values.put(":basis", basis(basis));
        values.put(":ci", s(contactIndex == null ? "" : contactIndex));
        writes.add(move(m, DeliveryStatus.SENDING, now, null,
                "channel = :channel, templateVersion = :tv, locale = :locale, basis = :basis, contactIndex = :ci", values));
        if (cap != null) {
            List<AttributeValue> sends = new ArrayList<>(kept.stream().map(i -> s(i.toString())).toList());
            sends.add(s(now.toString()));
            Map<String, AttributeValue> cv = new HashMap<>(Map.of(":sends", AttributeValue.fromL(sends),
                    ":next", AttributeValue.fromN(String.valueOf(cap.revision() + 1))));
            String condition = "attribute_not_exists(pk)";
            if (cap.revision() > 0) {
                cv.put(":rev", AttributeValue.fromN(String.valueOf(cap.revision())));
                condition = "revision = :rev";
            }
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Items.key("MEMBER#" + m.memberId(), "MARKETING"))
                    .updateExpression("SET sends = :sends, revision = :next").conditionExpression(condition)
                    .expressionAttributeValues(cv).build()).build());
        }
        write(m, DeliveryStatus.SENDING, writes, cap != null);
        return new Message(m.messageId(), m.memberId(), m.kind(), m.cause(), m.day(), DeliveryStatus.SENDING, m.reason(), channel,
                templateVersion, locale, null, basis, m.requestedAt(), m.deferredUntil(), null, now, m.history());
    }

    /** Gives a claimed message back to the queue (the provider was unavailable): the cap slot it took is freed. */
    public void release(Message claimed, Instant now, String reason) {
        write(claimed, DeliveryStatus.QUEUED, List.of(move(claimed, DeliveryStatus.QUEUED, now, reason, null, Map.of())), false);
        if (claimed.memberId() == null) {
            return; // a ticket's complainant: service kinds only, no cap slot was taken
        }
        Sends sends = marketingSends(claimed.memberId());
        List<Instant> left = new ArrayList<>(sends.sends());
        if (claimed.updatedAt() != null && left.remove(claimed.updatedAt()) && sends.revision() > 0) {
            try {
                ddb.updateItem(b -> b.tableName(table).key(Items.key("MEMBER#" + claimed.memberId(), "MARKETING"))
                        .updateExpression("SET sends = :sends, revision = :next").conditionExpression("revision = :rev")
                        .expressionAttributeValues(Map.of(":sends", AttributeValue.fromL(left.stream().map(i -> s(i.toString())).toList()),
                                ":next", AttributeValue.fromN(String.valueOf(sends.revision() + 1)),
                                ":rev", AttributeValue.fromN(String.valueOf(sends.revision())))));
            } catch (ConditionalCheckFailedException raced) {
                // Another send took a slot meanwhile; the freed slot ages out with the window instead.
            }
        }
    }

    public void sent(Message claimed, String providerMessageId, String subjectEnc, String bodyEnc, Instant now) {
        Map<String, AttributeValue> body = new HashMap<>(Items.key("MSG#" + claimed.messageId(), "BODY"));
        body.put("subjectEnc", s(subjectEnc));
        body.put("bodyEnc", s(bodyEnc));
        write(claimed, DeliveryStatus.SENT, List.of(move(claimed, DeliveryStatus.SENT, now, null,
                "providerMessageId = :pid, sentAt = :now", Map.of(":pid", s(providerMessageId))),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(body).build()).build()), false);
    }

    public void deferred(Message m, Instant until, Instant now) {
        write(m, DeliveryStatus.DEFERRED, List.of(move(m, DeliveryStatus.DEFERRED, now, "quiet_hours", "deferredUntil = :until",
                Map.of(":until", s(until.toString())))), false);
    }

    public void suppressed(Message m, String reason, ConsentBasis basis, Instant now) {
        write(m, DeliveryStatus.SUPPRESSED, List.of(move(m, DeliveryStatus.SUPPRESSED, now, reason, basis == null ? null : "basis = :basis",
                basis == null ? Map.of() : Map.of(":basis", basis(basis)))), false);
    }

    public void failed(Message m, String reason, Instant now) {
        write(m, DeliveryStatus.FAILED, List.of(move(m, DeliveryStatus.FAILED, now, reason, null, Map.of())), false);
    }

    /** A provider event (delivery, bounce, complaint); false when the message is already past it (a redelivered event). */
    public boolean reported(Message m, DeliveryStatus to, String reason, Instant now) {
        if (!m.status().canMoveTo(to)) {
            return false;
        }
        try {
            write(m, to, List.of(move(m, to, now, reason, null, Map.of())), false);
            return true;
        } catch (Moved raced) {
            return false;
        }
    }

    /** Counts one withdrawal of marketing consent through an unsubscribe link, on the day it happened. */
    public void unsubscribed(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        ddb.updateItem(b -> b.tableName(table).key(Items.key("STATS#" + day, "UNSUBSCRIBED"))
                .updateExpression("ADD #c :one").expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    /** Erasure: the member's message bodies go; the log lines (kind, status, times) stay, naming no one but an id. */
    public int forget(String memberId) {
        int n = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId))).exclusiveStartKey(from));
            for (Map<String, AttributeValue> i : page.items()) {
                ddb.deleteItem(b -> b.tableName(table).key(Items.key(i.get("pk").s(), "BODY")));
                ddb.updateItem(b -> b.tableName(table).key(Items.key(i.get("pk").s(), "MSG")).updateExpression("REMOVE contactIndex"));
                n++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return n;
    }

    /** The encrypted subject and body of a sent message, if still held. */
    public Optional<String[]> content(String messageId) {
        var r = ddb.getItem(b -> b.tableName(table).key(Items.key("MSG#" + messageId, "BODY")));
        if (!r.hasItem() || r.item().get("bodyEnc") == null) {
            return Optional.empty();
        }
        return Optional.of(new String[] {r.item().get("subjectEnc").s(), r.item().get("bodyEnc").s()});
    }

    public Page ofMember(String memberId, String cursor, int limit) {
        return page("gsi1", "gsi1pk", "MEMBER#" + memberId, cursor, limit, m -> true);
    }

    /** A day's log, newest first, filtered by kind, status and channel (each optional). */
    public Page ofDay(LocalDate day, String kind, String status, String channel, String cursor, int limit) {
        return page("gsi2", "gsi2pk", "DAY#" + day, cursor, limit, m -> (kind == null || kind.equals(m.kind()))
                && (status == null || status.equals(m.status().key())) && (channel == null || channel.equals(m.channel())));
    }

    /** The day's counters by kind (requested, sent, delivered, ...), and unsubscribes under the key {@code unsubscribed}. */
    public Map<String, Map<String, Long>> stats(LocalDate day) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("STATS#" + day))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(r.consumedCapacity());
        for (Map<String, AttributeValue> i : r.items()) {
            String sk = i.get("sk").s();
            Map<String, Long> counts = new HashMap<>();
            i.forEach((k, v) -> {
                if (v.n() != null) {
                    counts.put(k, Long.parseLong(v.n()));
                }
            });
            out.put(sk.startsWith("KIND#") ? sk.substring(5) : "unsubscribed", counts);
        }
        return out;
    }

    /**
     * A page from an index. The indexes hold keys only (KEYS_ONLY), so a status change writes the log item alone and no
     * index copy: the page reads the keys, then the items in one BatchGetItem, and filters them here. A filter may thin
     * a page out: it reads on until the page is full or the index is done.
     */
    private Page page(String index, String pkName, String pk, String cursor, int limit, java.util.function.Predicate<Message> keep) {
        Map<String, AttributeValue> start = Cursors.decode(cursor, pkName, pk);
        List<Message> items = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        do {
            Map<String, AttributeValue> from = next;
            QueryResponse r = ddb.query(b -> b.tableName(table).indexName(index).keyConditionExpression(pkName + " = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk))).scanIndexForward(false).limit(limit - items.size())
                    .exclusiveStartKey(from).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.read(r.consumedCapacity());
            List<Map<String, AttributeValue>> keys = r.items().stream().map(k -> Items.key(k.get("pk").s(), k.get("sk").s())).toList();
            Map<String, Message> byId = new HashMap<>();
            for (Map<String, AttributeValue> item : BatchGets.get(ddb, table, keys, null, null, meter)) {
                Message m = message(item);
                byId.put(m.messageId(), m);
            }
            for (Map<String, AttributeValue> k : keys) {
                Message m = byId.get(k.get("pk").s().substring(4));
                if (m != null && keep.test(m)) {
                    items.add(m);
                }
            }
            next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (next != null && items.size() < limit);
        return new Page(items, Cursors.encode(next));
    }

    private TransactWriteItem move(Message m, DeliveryStatus to, Instant now, String reason, String set, Map<String, AttributeValue> values) {
        if (!m.status().canMoveTo(to)) {
            throw new IllegalStateException(m.status() + " -> " + to);
        }
        Map<String, AttributeValue> v = new HashMap<>(values);
        v.put(":from", s(m.status().key()));
        v.put(":to", s(to.key()));
        v.put(":now", s(now.toString()));
        v.put(":step", AttributeValue.fromL(List.of(step(to, now, reason))));
        String expression = "SET #status = :to, updatedAt = :now, history = list_append(history, :step)"
                + (reason == null ? "" : ", reason = :reason") + (set == null ? "" : ", " + set);
        if (reason != null) {
            v.put(":reason", s(reason));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("MSG#" + m.messageId(), "MSG"))
                .updateExpression(expression).conditionExpression("#status = :from")
                .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(v).build()).build();
    }

    private void write(Message m, DeliveryStatus to, List<TransactWriteItem> writes, boolean withCap) {
        List<TransactWriteItem> all = new ArrayList<>(writes);
        all.add(count(m.day(), m.kind(), to.key()));
        try {
            var r = ddb.transactWriteItems(b -> b.transactItems(all).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(r.consumedCapacity());
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 0)) {
                throw new Moved();
            }
            if (withCap && Items.failed(e.cancellationReasons(), 1)) {
                throw new CapMoved();
            }
            throw e;
        }
    }

    private TransactWriteItem count(LocalDate day, String kind, String counter) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key("STATS#" + day, "KIND#" + kind))
                .updateExpression("ADD #c :one").expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
    }

    private static AttributeValue step(DeliveryStatus status, Instant at, String reason) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("status", s(status.key()), "at", s(at.toString())));
        if (reason != null) {
            m.put("reason", s(reason));
        }
        return AttributeValue.fromM(m);
    }

    private static AttributeValue basis(ConsentBasis b) {
        return AttributeValue.fromM(Map.of("purpose", s(b.purpose()), "granted", AttributeValue.fromBool(b.granted()),
                "noticeVersion", AttributeValue.fromN(String.valueOf(b.noticeVersion())), "at", s(b.at().toString())));
    }

    static Message message(Map<String, AttributeValue> i) {
        ConsentBasis basis = null;
        if (i.get("basis") != null && i.get("basis").hasM()) {
            Map<String, AttributeValue> b = i.get("basis").m();
            basis = new ConsentBasis(b.get("purpose").s(), b.get("granted").bool(), Integer.parseInt(b.get("noticeVersion").n()),
                    Instant.parse(b.get("at").s()));
        }
        List<Message.Step> history = i.get("history") == null ? List.of() : i.get("history").l().stream().map(v -> {
            Map<String, AttributeValue> h = v.m();
            return new Message.Step(h.get("status").s(), Instant.parse(h.get("at").s()), h.get("reason") == null ? null : h.get("reason").s());
        }).toList();
        String pk = i.get("pk").s();
        return new Message(pk.substring(4), Items.str(i, "memberId"), Items.str(i, "kind"), Items.str(i, "cause"),
                LocalDate.parse(i.get("day").s()), DeliveryStatus.of(i.get("status").s()).orElseThrow(), Items.str(i, "reason"),
                Items.str(i, "channel"), i.get("templateVersion") == null ? null : Integer.valueOf(i.get("templateVersion").n()),
                Items.str(i, "locale"), Items.str(i, "providerMessageId"), basis, instant(i, "requestedAt"), instant(i, "deferredUntil"),
                instant(i, "sentAt"), instant(i, "updatedAt"), history);
    }

    private static Instant instant(Map<String, AttributeValue> i, String name) {
        return i.get(name) == null || i.get(name).s() == null ? null : Instant.parse(i.get(name).s());
    }
}
