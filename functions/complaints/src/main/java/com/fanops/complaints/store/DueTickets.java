package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.Items;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The due index (complaints table, sparse GSI {@code gsi3}, keys only): every ticket with an action pending - an SLA
 * point not yet fired, the survey to ask for, the closing after the reopen window - carries
 * {@code gsi3pk=DUE#<shard>} and {@code gsi3sk=<next action, fixed-width UTC>#<ticketId>}; a ticket with nothing pending
 * (paused, closed) has neither, so it costs the sweep nothing. {@link TicketStore} writes the keys with the ticket; this
 * class reads them. The shards ({@value #SHARDS}, by a hash of the ticket id) keep one partition from taking every write
 * of a busy day. The index is eventually consistent: callers read the ticket again (strongly) before acting.
 *
 * <pre>
 * Item layout:
 *   pk=SWEEP  sk=DERIVED   policyVersion, calendarVersion: the settings every open ticket was last re-derived with
 * </pre>
 */
public final class DueTickets {

    public static final int SHARDS = 4;
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The settings versions open tickets were last re-derived with. */
    public record Derived(int policyVersion, int calendarVersion) {
    }

    /** What one look at the index cost: queries sent and ticket ids found. */
    public record Found(List<String> ticketIds, int queries) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public DueTickets(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** The ids of the tickets whose next action is at or before {@code now} (from the index: may be a little stale). */
    public Found dueBy(Instant now) {
        List<String> ids = new ArrayList<>();
        int queries = 0;
        String bound = sortable(now) + "#~";
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, AttributeValue> values = Map.of(":p", s("DUE#" + shard), ":b", s(bound));
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi3")
                        .keyConditionExpression("gsi3pk = :p AND gsi3sk <= :b").expressionAttributeValues(values);
                if (start != null) {
                    q.exclusiveStartKey(start);
                }
                QueryResponse r = ddb.query(q.build());
                queries++;
                r.items().forEach(i -> ids.add(i.get("pk").s().substring("TICKET#".length())));
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return new Found(ids, queries);
    }

    public Optional<Derived> derived() {
        var i = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key("SWEEP", "DERIVED"))).item();
        return i == null || i.isEmpty() ? Optional.empty()
                : Optional.of(new Derived((int) Items.num(i, "policyVersion"), (int) Items.num(i, "calendarVersion")));
    }

    public void derivedWith(Derived d) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("SWEEP"), "sk", s("DERIVED"), "policyVersion", n(d.policyVersion()),
                "calendarVersion", n(d.calendarVersion()))));
    }

    /** The index keys of a ticket whose next action is at {@code at}. */
    static Map<String, AttributeValue> indexKey(String ticketId, Instant at) {
        return Map.of("gsi3pk", s("DUE#" + shard(ticketId)), "gsi3sk", s(sortable(at) + "#" + ticketId));
    }

    static int shard(String ticketId) {
        CRC32 crc = new CRC32();
        crc.update(ticketId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    /** Millisecond precision, rounded up (an action is never listed before its instant), fixed width so strings sort as time. */
    static String sortable(Instant at) {
        Instant up = at.truncatedTo(ChronoUnit.MILLIS);
        return SORTABLE.format(up.equals(at) ? up : up.plusMillis(1));
    }
}
