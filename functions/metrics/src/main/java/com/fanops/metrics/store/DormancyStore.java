package com.fanops.metrics.store;

import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.MemberDormant;
import static com.fanops.platform.dynamo.Items.failed;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Dormancy episodes and care requests. One episode is one transaction:
 * <pre>
 *   metrics  DORMANT#&lt;day&gt; / &lt;memberId&gt;   lastActiveDay, care, at     (condition: not there yet - the episode's claim)
 *   event outbox  MemberDormant (careQueued = care)                    (published after the commit)
 *   and when care is asked for:
 *   metrics  CARE#&lt;day&gt; / &lt;memberId&gt;      at                         (the day's care count)
 * </pre>
 * The messaging capability turns a MemberDormant with careQueued into the care message (docs/messaging.md) and checks
 * the marketing consent again at send time; the event names the member, never a contact.
 */
public final class DormancyStore {

    private final DynamoDbClient ddb;
    private final String metricsTable;
    private final EventOutbox events;
    private final CapacityMeter meter;

    public DormancyStore(DynamoDbClient ddb, String metricsTable, EventOutbox events, CapacityMeter meter) {
        this.ddb = ddb;
        this.metricsTable = metricsTable;
        this.events = events;
        this.meter = meter;
    }

    /** Records the episode (and queues care when {@code care}); false when it was recorded already. */
    public boolean record(String memberId, LocalDate day, LocalDate lastActiveDay, boolean care, String locale, Instant at) {
        EventOutbox.Staged event = events.stage(MetricsJob.SOURCE, new MemberDormant(memberId, day, lastActiveDay, care));
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> episode = new HashMap<>(key("DORMANT#" + day, memberId));
        episode.put("lastActiveDay", s(lastActiveDay.toString()));
        episode.put("care", AttributeValue.fromBool(care));
        episode.put("at", s(at.toString()));
        writes.add(put(metricsTable, episode, true));
        writes.add(events.write(event));
        if (care) {
            Map<String, AttributeValue> sent = new HashMap<>(key("CARE#" + day, memberId));
            sent.put("at", s(at.toString()));
            writes.add(put(metricsTable, sent, false));
        }
        try {
            var answer = ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(answer.consumedCapacity());
        } catch (TransactionCanceledException cancelled) {
            if (failed(cancelled.cancellationReasons(), 0)) {
                meter.refusedWrite();
                return false; // another run recorded this episode first
            }
            throw cancelled;
        }
        events.flush(List.of(event));
        return true;
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, boolean once) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (once) {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
