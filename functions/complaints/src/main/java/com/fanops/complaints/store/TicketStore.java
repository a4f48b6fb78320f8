package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.RiskReason;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.platform.dynamo.Items;
import com.fanops.platform.retry.Retry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Tickets, their history, the per-day number counters, the once-only SLA marks and the surveys (complaints table).
 *
 * <pre>
 * Item layouts:
 *   pk=TICKET#&lt;ticketId&gt;  sk=TICKET     the ticket: ticketNumber, status, category, priority, memberId, diamond, locale,
 *                                        reference, attachments (L), contactType, contactIndex, contactEnc, nameEnc,
 *                                        descriptionEnc, linkHash, receivedAt, day, assignee, responsibleParty, findings,
 *                                        resolution, rectification, upheld, resolvedAt, closedAt, reopenedAt,
 *                                        firstResponseDue, nextResponseDue, resolutionDue, dueEarliest, policyVersion,
 *                                        calendarVersion, surveyed, revision, lastSeq, risk (L of reason keys; absent: no risk),
 *                                        slaState, escalationLevel,
 *                                        slaFired (SS: WARN#&lt;instance&gt;, ESC#.., MGR#.., SURVEY), nextActionAt
 *                                        gsi1pk=STATUS#&lt;status&gt;  gsi1sk=&lt;receivedAt&gt;#&lt;ticketId&gt;   (the queue by status)
 *                                        gsi2pk=CONTACT#&lt;contactIndex&gt;  gsi2sk=&lt;receivedAt&gt;#&lt;ticketId&gt;  (a contact's tickets)
 *                                        gsi3pk=DUE#&lt;shard 0..3&gt;  gsi3sk=&lt;nextActionAt, fixed width&gt;#&lt;ticketId&gt;  (the due
 *                                        index, sparse: only while an action is pending; see {@link DueTickets})
 *                                        gsiOpenPk, gsiOpenSk, gsiMemberPk, gsiMemberSk: the queue's indexes (TicketQueue)
 *   pk=TICKET#&lt;ticketId&gt;  sk=H#&lt;seq, 6 digits&gt;   one history line, put once (attribute_not_exists), never updated:
 *                                        at, action, from, to, actor, clock (SLA mark), noteEnc, detail
 *   pk=TICKET#&lt;ticketId&gt;  sk=ONCE#&lt;kind&gt;#&lt;instance&gt;  a warning, breach or manager escalation (WARN, ESC, MGR) sent
 *                                        for a target instance, or the survey asked for (SURVEY#1) - put once
 *   pk=TICKET#&lt;ticketId&gt;  sk=SURVEY   score, commentEnc, at, day (put once)
 *   pk=NUMBER#&lt;ticketNumber&gt;  sk=NUMBER   ticketId (the public status route's lookup)
 *   pk=COUNTER#&lt;yyyy-MM-dd&gt;  sk=COUNTER   n: the last number given that business day
 *   pk=CSAT#&lt;yyyy-MM-dd&gt;  sk=CSAT   answers, scoreSum, s1..s5: that business day's survey answers
 * </pre>
 * A ticket is created in one transaction with its number: the day's counter moves from the value read to the next only
 * if nobody moved it meanwhile (one conditional update), the ticket, its number and its first history line are put only
 * if absent; a conflict retries with the counter read again. Numbers are therefore unique and without gaps. Every later
 * change rewrites the ticket only at the revision it was read at, with its new history lines, in one transaction.
 */
public final class TicketStore {

    /** The ticket changed since it was read: read it again and retry. */
    public static final class Moved extends RuntimeException {
        public Moved() {
            super("ticket moved", null, false, false);
        }
    }

    /** A page of tickets and the cursor of the next. */
    public record Page(List<Ticket> items, String next) {
    }

    /** A survey answer. */
    public record Survey(String ticketId, int score, String commentEnc, Instant at, LocalDate day) {
    }

    /** A day's satisfaction answers. */
    public record Csat(LocalDate day, long answers, long scoreSum, long[] byScore) {
    }

    private static final String TICKET = "TICKET";
    private final DynamoDbClient ddb;
    private final String table;
    private final Retry retry;

    public TicketStore(DynamoDbClient ddb, String table) {
        this(ddb, table, Retry.of(60, Duration.ofMillis(5), Duration.ofMillis(200)).on(CounterMoved.class));
    }

    TicketStore(DynamoDbClient ddb, String table, Retry retry) {
        this.ddb = ddb;
        this.table = table;
        this.retry = retry;
    }

    private static final class CounterMoved extends RuntimeException {
        CounterMoved() {
            super("counter moved", null, false, false);
        }
    }

    // ------------------------------------------------------------------ reads

    public Optional<Ticket> find(String ticketId) {
        var item = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("TICKET#" + ticketId, TICKET))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ticket(item));
    }

    public Optional<Ticket> byNumber(String ticketNumber) {
        var item = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("NUMBER#" + ticketNumber, "NUMBER"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : find(item.get("ticketId").s());
    }

    public List<HistoryEntry> history(String ticketId) {
        List<HistoryEntry> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :h)")
                .expressionAttributeValues(Map.of(":pk", s("TICKET#" + ticketId), ":h", s("H#")))).items().forEach(i -> out.add(entry(i)));
        return out;
    }

    /** The SLA clock's log: the history lines that carry a mark, in append order. */
    public List<SlaClock.Entry> clockLog(String ticketId) {
        return history(ticketId).stream().map(HistoryEntry::clockEntry).filter(e -> e != null).toList();
    }

    /** Tickets in a status, oldest first, a page at a time. */
    public Page inStatus(TicketStatus status, String cursor, int limit) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s("STATUS#" + status.key()))).limit(limit);
        if (cursor != null) {
            q.exclusiveStartKey(decode(cursor));
        }
        QueryResponse r = ddb.query(q.build());
        List<Ticket> items = r.items().stream().map(TicketStore::ticket).toList();
        return new Page(items, r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? encode(r.lastEvaluatedKey()) : null);
    }

    /** Every ticket in a status (the sweep's walk), through the SDK's paginator. */
    public List<Ticket> allInStatus(TicketStatus status) {
        List<Ticket> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s("STATUS#" + status.key())))).items().forEach(i -> out.add(ticket(i)));
        return out;
    }

    /** A contact's tickets (by its blind index), newest first. */
    public List<Ticket> byContact(String contactIndex, int limit) {
        return ddb.query(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p").scanIndexForward(false)
                .limit(limit).expressionAttributeValues(Map.of(":p", s("CONTACT#" + contactIndex)))).items().stream()
                .map(TicketStore::ticket).toList();
    }

    public Optional<Survey> survey(String ticketId) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("TICKET#" + ticketId, "SURVEY"))).item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Survey(ticketId, (int) Items.num(i, "score"), Items.str(i, "commentEnc"), Instant.parse(i.get("at").s()),
                LocalDate.parse(i.get("day").s())));
    }

    public Csat csat(LocalDate day) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("CSAT#" + day, "CSAT"))).item();
        long[] by = new long[6];
        if (i == null || i.isEmpty()) {
            return new Csat(day, 0, 0, by);
        }
        for (int k = 1; k <= 5; k++) {
            by[k] = i.containsKey("s" + k) ? Items.num(i, "s" + k) : 0;
        }
        return new Csat(day, Items.num(i, "answers"), Items.num(i, "scoreSum"), by);
    }

    public Optional<Long> lastNumber(LocalDate day) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("COUNTER#" + day, "COUNTER"))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(Items.num(i, "n"));
    }

    // ------------------------------------------------------------------ writes

    /**
     * Creates the ticket with the next number of its business day, its first history lines and the given outbox writes
     * (the number is filled in by {@code numbered}); answers the ticket as stored - the earlier one if it already exists.
     */
    public Outcome create(Ticket draft, java.util.function.Function<Ticket, Created> numbered) {
        return retry.get("ticket number for " + draft.day(), () -> {
            Optional<Ticket> existing = find(draft.ticketId());
            if (existing.isPresent()) {
                return Optional.of(new Outcome(existing.get(), false));
            }
            long last = lastNumber(draft.day()).orElse(0L);
            Created c = numbered.apply(numberedTicket(draft, last + 1));
            List<TransactWriteItem> writes = new ArrayList<>();
            Update.Builder counter = Update.builder().tableName(table).key(key("COUNTER#" + draft.day(), "COUNTER"))
                    .updateExpression("SET n = :next");
            if (last == 0) {
                counter.conditionExpression("attribute_not_exists(n)").expressionAttributeValues(Map.of(":next", n(last + 1)));
            } else {
                counter.conditionExpression("n = :last").expressionAttributeValues(Map.of(":next", n(last + 1), ":last", n(last)));
            }
            writes.add(TransactWriteItem.builder().update(counter.build()).build());
            writes.add(putOnce(item(c.ticket())));
            writes.add(putOnce(Map.of("pk", s("NUMBER#" + c.ticket().ticketNumber()), "sk", s("NUMBER"), "ticketId", s(c.ticket().ticketId()))));
            c.history().forEach(h -> writes.add(putOnce(historyItem(c.ticket().ticketId(), h))));
            writes.addAll(c.extra());
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return Optional.of(new Outcome(c.ticket(), true));
            } catch (TransactionCanceledException e) {
                if (Items.failed(e.cancellationReasons(), 1)) {
                    return find(draft.ticketId()).map(t -> new Outcome(t, false));
                }
                throw new CounterMoved();
            }
        });
    }

    /** The ticket as stored, and whether this call created it (its extra writes were committed). */
    public record Outcome(Ticket ticket, boolean fresh) {
    }

    /** What {@link #create} writes: the numbered ticket, its first history lines and other writes (the outbox's). */
    public record Created(Ticket ticket, List<HistoryEntry> history, List<TransactWriteItem> extra) {
    }

    private static Ticket numberedTicket(Ticket t, long n) {
        return new Ticket(t.ticketId(), com.fanops.complaints.domain.ComplaintIds.number(t.day(), n), t.status(), t.category(), t.priority(),
                t.memberId(), t.diamond(), t.locale(), t.reference(), t.attachments(), t.contactType(), t.contactIndex(), t.contactEnc(),
                t.nameEnc(), t.descriptionEnc(), t.linkHash(), t.receivedAt(), t.day(), t.work(), t.resolvedAt(), t.closedAt(),
                t.reopenedAt(), t.due(), t.surveyed(), t.revision(), t.lastSeq(), t.risk());
    }

    /**
     * Saves {@code next} (its revision one above {@code read}'s) with new history lines and other writes, only if the
     * ticket is still at {@code read}'s revision; otherwise {@link Moved}.
     */
    public void save(Ticket read, Ticket next, List<HistoryEntry> lines, List<TransactWriteItem> extra) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(next)).conditionExpression("revision = :r")
                .expressionAttributeValues(Map.of(":r", n(read.revision()))).build()).build());
        lines.forEach(h -> writes.add(putOnce(historyItem(next.ticketId(), h))));
        writes.addAll(extra);
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 0)) {
                throw new Moved();
            }
            throw e;
        }
    }

    /** The write that marks a warning or escalation of a target instance as sent: fails the transaction if it was. */
    public TransactWriteItem onceMark(String ticketId, String kind, String instance, Instant at) {
        return putOnce(Map.of("pk", s("TICKET#" + ticketId), "sk", s("ONCE#" + kind + "#" + instance), "at", s(at.toString())));
    }

    /** Writes a mark with its events; false when the mark already existed (nothing written). */
    public boolean once(TransactWriteItem mark, List<TransactWriteItem> events) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(mark);
        writes.addAll(events);
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 0)) {
                return false;
            }
            throw e;
        }
    }

    /** A once-mark: {@code ONCE#<kind>#<instance>}. */
    public record Once(String kind, String instance, Instant at) {
    }

    /**
     * Saves {@code next} at {@code read}'s revision with once-marks and their events (the sweep's firings); false when a
     * mark already existed (nothing written: read the marks and go again), {@link Moved} when the ticket changed.
     */
    public boolean saveOnce(Ticket read, Ticket next, List<Once> marks, List<TransactWriteItem> events) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(next)).conditionExpression("revision = :r")
                .expressionAttributeValues(Map.of(":r", n(read.revision()))).build()).build());
        marks.forEach(m -> writes.add(onceMark(next.ticketId(), m.kind(), m.instance(), m.at())));
        writes.addAll(events);
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.failed(e.cancellationReasons(), 0)) {
                throw new Moved();
            }
            for (int k = 1; k <= marks.size(); k++) {
                if (Items.failed(e.cancellationReasons(), k)) {
                    return false;
                }
            }
            throw e;
        }
    }

    public boolean marked(String ticketId, String kind, String instance) {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("TICKET#" + ticketId, "ONCE#" + kind + "#" + instance))).item();
        return i != null && !i.isEmpty();
    }

    /** The survey's writes: the answer (once) and the day's satisfaction counters. */
    public List<TransactWriteItem> surveyWrites(Survey s) {
        Map<String, AttributeValue> answer = new HashMap<>();
        answer.put("pk", s("TICKET#" + s.ticketId()));
        answer.put("sk", s("SURVEY"));
        answer.put("score", n(s.score()));
        answer.put("at", s(s.at().toString()));
        answer.put("day", s(s.day().toString()));
        if (s.commentEnc() != null) {
            answer.put("commentEnc", s(s.commentEnc()));
        }
        Update counters = Update.builder().tableName(table).key(key("CSAT#" + s.day(), "CSAT"))
                .updateExpression("ADD answers :one, scoreSum :score, s" + s.score() + " :one")
                .expressionAttributeValues(Map.of(":one", n(1), ":score", n(s.score()))).build();
        return List.of(putOnce(answer), TransactWriteItem.builder().update(counters).build());
    }

    private TransactWriteItem putOnce(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    // ------------------------------------------------------------------ mapping

    static Map<String, AttributeValue> item(Ticket t) {
        Map<String, AttributeValue> i = new HashMap<>();
        i.put("pk", s("TICKET#" + t.ticketId()));
        i.put("sk", s(TICKET));
        i.put("ticketId", s(t.ticketId()));
        i.put("ticketNumber", s(t.ticketNumber()));
        i.put("status", s(t.status().key()));
        i.put("category", s(t.category().key()));
        i.put("priority", s(t.priority().key()));
        put(i, "memberId", t.memberId());
        i.put("diamond", AttributeValue.fromBool(t.diamond()));
        i.put("locale", s(t.locale()));
        put(i, "reference", t.reference());
        i.put("attachments", AttributeValue.fromL(t.attachments().stream().map(Items::s).toList()));
        put(i, "contactType", t.contactType());
        put(i, "contactIndex", t.contactIndex());
        put(i, "contactEnc", t.contactEnc());
        put(i, "nameEnc", t.nameEnc());
        put(i, "descriptionEnc", t.descriptionEnc());
        put(i, "linkHash", t.linkHash());
        i.put("receivedAt", s(t.receivedAt().toString()));
        i.put("day", s(t.day().toString()));
        Ticket.Work w = t.work();
        put(i, "assignee", w.assignee());
        put(i, "responsibleParty", w.responsibleParty());
        put(i, "findings", w.findings());
        put(i, "resolution", w.resolution());
        put(i, "rectification", w.rectification());
        if (w.upheld() != null) {
            i.put("upheld", AttributeValue.fromBool(w.upheld()));
        }
        put(i, "resolvedAt", t.resolvedAt());
        put(i, "closedAt", t.closedAt());
        put(i, "reopenedAt", t.reopenedAt());
        if (t.due() != null) {
            put(i, "firstResponseDue", t.due().firstResponse());
            put(i, "nextResponseDue", t.due().nextResponse());
            put(i, "resolutionDue", t.due().resolution());
            put(i, "dueEarliest", t.due().earliest());
            i.put("policyVersion", n(t.due().policyVersion()));
            i.put("calendarVersion", n(t.due().calendarVersion()));
            i.put("slaState", s(t.due().slaState()));
            i.put("escalationLevel", n(t.due().escalationLevel()));
            if (!t.due().fired().isEmpty()) {
                i.put("slaFired", AttributeValue.fromSs(t.due().fired().stream().sorted().toList()));
            }
            if (t.due().nextAction() != null) {
                i.put("nextActionAt", s(t.due().nextAction().toString()));
                i.putAll(DueTickets.indexKey(t.ticketId(), t.due().nextAction()));
            }
        }
        i.put("surveyed", AttributeValue.fromBool(t.surveyed()));
        i.put("revision", n(t.revision()));
        i.put("lastSeq", n(t.lastSeq()));
        if (!t.risk().isEmpty()) {
            i.put("risk", AttributeValue.fromL(t.risk().stream().map(r -> s(r.key())).toList()));
        }
        String sortKey = t.receivedAt() + "#" + t.ticketId();
        i.put("gsi1pk", s("STATUS#" + t.status().key()));
        i.put("gsi1sk", s(sortKey));
        if (t.contactIndex() != null) {
            i.put("gsi2pk", s("CONTACT#" + t.contactIndex()));
            i.put("gsi2sk", s(sortKey));
        }
        TicketQueue.indexKeys(t, i);
        return i;
    }

    static Ticket ticket(Map<String, AttributeValue> i) {
        Ticket.Work w = new Ticket.Work(Items.str(i, "assignee"), Items.str(i, "responsibleParty"), Items.str(i, "findings"),
                Items.str(i, "resolution"), Items.str(i, "rectification"), i.containsKey("upheld") ? i.get("upheld").bool() : null);
        Ticket.Due due = i.containsKey("policyVersion") ? new Ticket.Due(instant(i, "firstResponseDue"), instant(i, "nextResponseDue"),
                instant(i, "resolutionDue"), (int) Items.num(i, "policyVersion"), (int) Items.num(i, "calendarVersion"),
                Items.str(i, "slaState"), i.containsKey("escalationLevel") ? (int) Items.num(i, "escalationLevel") : 0,
                i.containsKey("slaFired") ? new java.util.HashSet<>(i.get("slaFired").ss()) : java.util.Set.of(), instant(i, "nextActionAt"))
                : null;
        return new Ticket(Items.str(i, "ticketId"), Items.str(i, "ticketNumber"), TicketStatus.of(Items.str(i, "status")).orElseThrow(),
                Category.of(Items.str(i, "category")).orElseThrow(), Priority.of(Items.str(i, "priority")).orElseThrow(),
                Items.str(i, "memberId"), i.containsKey("diamond") && i.get("diamond").bool(), Items.str(i, "locale"),
                Items.str(i, "reference"), i.containsKey("attachments") ? i.get("attachments").l().stream().map(AttributeValue::s).toList() : List.of(),
                Items.str(i, "contactType"), Items.str(i, "contactIndex"), Items.str(i, "contactEnc"), Items.str(i, "nameEnc"),
                Items.str(i, "descriptionEnc"), Items.str(i, "linkHash"), instant(i, "receivedAt"), LocalDate.parse(i.get("day").s()), w,
                instant(i, "resolvedAt"), instant(i, "closedAt"), instant(i, "reopenedAt"), due,
                i.containsKey("surveyed") && i.get("surveyed").bool(), Items.num(i, "revision"), (int) Items.num(i, "lastSeq"),
                i.containsKey("risk") ? i.get("risk").l().stream().map(r -> RiskReason.of(r.s()).orElseThrow()).toList() : List.of());
    }

    static Map<String, AttributeValue> historyItem(String ticketId, HistoryEntry h) {
        Map<String, AttributeValue> i = new HashMap<>();
        i.put("pk", s("TICKET#" + ticketId));
        i.put("sk", s(String.format("H#%06d", h.seq())));
        i.put("seq", n(h.seq()));
        i.put("at", s(h.at().toString()));
        i.put("action", s(h.action().key()));
        put(i, "from", h.from());
        put(i, "to", h.to());
        put(i, "actor", h.actor());
        if (h.clock() != null) {
            i.put("clock", s(h.clock().key()));
        }
        put(i, "noteEnc", h.noteEnc());
        put(i, "detail", h.detail());
        return i;
    }

    static HistoryEntry entry(Map<String, AttributeValue> i) {
        return new HistoryEntry((int) Items.num(i, "seq"), instant(i, "at"), HistoryEntry.Action.of(i.get("action").s()), Items.str(i, "from"),
                Items.str(i, "to"), Items.str(i, "actor"), i.containsKey("clock") ? SlaClock.Mark.of(i.get("clock").s()).orElseThrow() : null,
                Items.str(i, "noteEnc"), Items.str(i, "detail"));
    }

    private static void put(Map<String, AttributeValue> i, String name, String value) {
        if (value != null) {
            i.put(name, s(value));
        }
    }

    private static void put(Map<String, AttributeValue> i, String name, Instant value) {
        if (value != null) {
            i.put(name, s(value.toString()));
        }
    }

    private static Instant instant(Map<String, AttributeValue> i, String name) {
        String v = Items.str(i, name);
        return v == null ? null : Instant.parse(v);
    }

    private static String encode(Map<String, AttributeValue> key) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("pk", "sk", "gsi1pk", "gsi1sk")) {
            sb.append(key.containsKey(k) ? key.get(k).s() : "").append('\n');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length < 4 || !parts[0].startsWith("TICKET#") || !parts[2].startsWith("STATUS#")) {
                throw new IllegalArgumentException();
            }
            return Map.of("pk", s(parts[0]), "sk", s(parts[1]), "gsi1pk", s(parts[2]), "gsi1sk", s(parts[3]));
        } catch (IllegalArgumentException e) {
            throw com.fanops.platform.http.ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
