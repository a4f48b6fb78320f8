package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.complaints.domain.QueueFilter;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.platform.http.ProblemException;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The operators' queue with filters, read from one index of the complaints table:
 * <pre>
 *   gsiOpenPk=OPEN  gsiOpenSk=&lt;dueEarliest, fixed width | "~"&gt;#&lt;receivedAt&gt;#&lt;ticketId&gt;   open tickets by SLA urgency
 *                                                   (the earliest deadline first, tickets with none - paused - last)
 *   gsiMemberPk=MEMBER#&lt;memberId&gt;  gsiMemberSk=&lt;receivedAt&gt;#&lt;ticketId&gt;              a member's tickets, newest first
 *   gsi1pk=STATUS#&lt;status&gt;  gsi1sk=&lt;receivedAt&gt;#&lt;ticketId&gt;                         one status, oldest first (TicketStore)
 * </pre>
 * Both new indexes are sparse (TicketStore writes their keys: the open index's only while the ticket is open, the
 * member's only for a member's ticket). The other filters are filter expressions: DynamoDB reads (and bills) the index's
 * items before filtering, so a page reads at most {@link #MAX_READ} items and may come back short with a cursor.
 * {@code slaState} and {@code risk} are the shared contract's attributes (c14-sla, c14-risk): missing reads as ok / none.
 */
public final class TicketQueue {

    /** The most index items one page reads before it answers what it found (with a cursor to go on). */
    public static final int MAX_READ = 1000;
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Index(String name, String pkAttr, String skAttr, String pk, boolean forward) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public TicketQueue(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** The open index's sort key of a ticket (null when it is not open: it leaves the index). */
    static String openSortKey(Ticket t) {
        if (!t.status().open()) {
            return null;
        }
        Instant earliest = t.due() == null ? null : t.due().earliest();
        return (earliest == null ? "~" : FIXED.format(earliest)) + "#" + t.receivedAt() + "#" + t.ticketId();
    }

    /** The index keys a ticket item carries for this queue (put by {@link TicketStore}). */
    static void indexKeys(Ticket t, Map<String, AttributeValue> item) {
        String open = openSortKey(t);
        if (open != null) {
            item.put("gsiOpenPk", s("OPEN"));
            item.put("gsiOpenSk", s(open));
        }
        if (t.memberId() != null) {
            item.put("gsiMemberPk", s("MEMBER#" + t.memberId()));
            item.put("gsiMemberSk", s(t.receivedAt() + "#" + t.ticketId()));
        }
    }

    /** A page of the tickets the filter asks for, at most {@code limit}, and the cursor of the next (null at the end). */
    public TicketStore.Page page(QueueFilter f, String cursor, int limit) {
        Index ix = index(f);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#ipk", ix.pkAttr());
        values.put(":ipk", s(ix.pk()));
        String filter = filter(f, ix, names, values);
        Map<String, AttributeValue> start = cursor == null ? null : decode(cursor, ix);
        List<Ticket> out = new ArrayList<>();
        int read = 0;
        while (true) {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(ix.name()).keyConditionExpression("#ipk = :ipk")
                    .scanIndexForward(ix.forward()).expressionAttributeNames(names).expressionAttributeValues(values)
                    .limit(Math.min(MAX_READ - read, Math.max(limit - out.size(), filter == null ? 0 : 100)));
            if (filter != null) {
                q.filterExpression(filter);
            }
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = ddb.query(q.build());
            read += r.scannedCount();
            for (Map<String, AttributeValue> item : r.items()) {
                out.add(TicketStore.ticket(item));
                if (out.size() == limit) {
                    boolean more = item != r.items().get(r.items().size() - 1) || r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty();
                    return new TicketStore.Page(out, more ? encode(ix, item) : null);
                }
            }
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                return new TicketStore.Page(out, null);
            }
            start = r.lastEvaluatedKey();
            if (read >= MAX_READ) {
                return new TicketStore.Page(out, encode(ix, start));
            }
        }
    }

    private static Index index(QueueFilter f) {
        if (f.memberId() != null) {
            return new Index("gsiMember", "gsiMemberPk", "gsiMemberSk", "MEMBER#" + f.memberId(), false);
        }
        if (f.openQueue()) {
            return new Index("gsiOpen", "gsiOpenPk", "gsiOpenSk", "OPEN", true);
        }
        if (f.statuses().size() != 1) {
            throw ProblemException.invalidField("status", "all is for one member's tickets (with memberId); the queue takes open or one status");
        }
        return new Index("gsi1", "gsi1pk", "gsi1sk", "STATUS#" + f.statuses().iterator().next().key(), true);
    }

    private static String filter(QueueFilter f, Index ix, Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> and = new ArrayList<>();
        if (ix.name().equals("gsiMember") && f.statuses().size() < TicketStatus.values().length) {
            List<String> in = new ArrayList<>();
            for (TicketStatus st : f.statuses()) {
                in.add(":st" + in.size());
                values.put(in.get(in.size() - 1), s(st.key()));
            }
            names.put("#status", "status");
            and.add("#status IN (" + String.join(", ", in) + ")");
        }
        equal(and, names, values, "priority", f.priority() == null ? null : f.priority().key());
        equal(and, names, values, "category", f.category() == null ? null : f.category().key());
        equal(and, names, values, "assignee", f.assignee());
        if ("ok".equals(f.sla())) {
            names.put("#slaState", "slaState");
            values.put(":slaState", s("ok"));
            and.add("(attribute_not_exists(#slaState) OR #slaState = :slaState)");
        } else {
            equal(and, names, values, "slaState", f.sla());
        }
        if (f.risk()) {
            names.put("#risk", "risk");
            values.put(":none", n(0));
            and.add("(attribute_exists(#risk) AND size(#risk) > :none)");
        }
        return and.isEmpty() ? null : String.join(" AND ", and);
    }

    private static void equal(List<String> and, Map<String, String> names, Map<String, AttributeValue> values, String attr, String value) {
        if (value != null) {
            names.put("#" + attr, attr);
            values.put(":" + attr, s(value));
            and.add("#" + attr + " = :" + attr);
        }
    }

    private static String encode(Index ix, Map<String, AttributeValue> key) {
        String raw = String.join("\n", ix.name(), key.get("pk").s(), key.get("sk").s(), key.get(ix.pkAttr()).s(), key.get(ix.skAttr()).s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor, Index ix) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 5 || !parts[0].equals(ix.name()) || !parts[1].startsWith("TICKET#") || !parts[3].equals(ix.pk())
                    || parts[4].isEmpty()) {
                throw new IllegalArgumentException();
            }
            return Map.of("pk", s(parts[1]), "sk", s(parts[2]), ix.pkAttr(), s(parts[3]), ix.skAttr(), s(parts[4]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out (with these filters)");
        }
    }
}
