package com.fanops.messaging.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.dynamo.Items;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Addresses nothing more goes to, after a hard bounce or a complaint (as SES's own suppression list), by the address's
 * blind index - never the address. In the messages table:
 * <pre>
 *   pk=SUPPRESSED#&lt;blind index&gt;  sk=ADDRESS   reason (bounce, complaint), at, messageId, memberId,
 *                                              gsi2pk=SUPPRESSED gsi2sk=&lt;at&gt;#&lt;blind index&gt;  (the list, newest first; keys only)
 * </pre>
 */
public final class Suppressions {

    /** A listed address's key: its blind index (43 base64url characters), {@code invalid:} before it for an unreadable one. */
    public static final Pattern CONTACT_INDEX = Pattern.compile("(invalid:)?[A-Za-z0-9_-]{43}");

    public record Entry(String contactIndex, String reason, Instant at, String messageId, String memberId) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public Suppressions(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public boolean has(String contactIndex) {
        if (contactIndex == null || contactIndex.isEmpty()) {
            return false;
        }
        var r = ddb.getItem(b -> b.tableName(table).key(Items.key("SUPPRESSED#" + contactIndex, "ADDRESS"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(r.consumedCapacity());
        return r.hasItem() && !r.item().isEmpty();
    }

    /** Puts the address on the list (a second report of the same address keeps the first entry). */
    public void add(String contactIndex, String reason, Instant at, String messageId, String memberId) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key("SUPPRESSED#" + contactIndex, "ADDRESS"));
        item.put("reason", s(reason));
        item.put("at", s(at.toString()));
        item.put("messageId", s(messageId == null ? "" : messageId));
        item.put("memberId", s(memberId == null ? "" : memberId));
        item.put("gsi2pk", s("SUPPRESSED"));
        item.put("gsi2sk", s(at + "#" + contactIndex));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException already) {
            // Listed already: the first reason stands.
        }
    }

    /** Takes an address off the list (an operator, after the member fixed their mailbox); false when it was not on it. */
    public boolean remove(String contactIndex) {
        var r = ddb.deleteItem(b -> b.tableName(table).key(Items.key("SUPPRESSED#" + contactIndex, "ADDRESS"))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        return r.hasAttributes() && !r.attributes().isEmpty();
    }

    public List<Entry> list(int limit) {
        var r = ddb.query(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("SUPPRESSED"))).scanIndexForward(false).limit(limit));
        // The index holds keys only: the entries themselves in one BatchGetItem, in the index's order.
        Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
        for (Map<String, AttributeValue> i : BatchGets.get(ddb, table,
                r.items().stream().map(k -> Items.key(k.get("pk").s(), k.get("sk").s())).toList(), null, null, meter)) {
            byKey.put(i.get("pk").s(), i);
        }
        List<Entry> out = new ArrayList<>();
        for (Map<String, AttributeValue> k : r.items()) {
            Map<String, AttributeValue> i = byKey.get(k.get("pk").s());
            if (i == null) {
                continue;
            }
            out.add(new Entry(i.get("pk").s().substring("SUPPRESSED#".length()), Items.str(i, "reason"), Instant.parse(Items.str(i, "at")),
                    Items.str(i, "messageId"), Items.str(i, "memberId")));
        }
        return out;
    }
}
