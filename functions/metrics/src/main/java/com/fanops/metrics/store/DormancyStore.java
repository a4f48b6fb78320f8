package com.fanops.metrics.store;

import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.MemberDormant;
import static com.fanops.platform.dynamo.Items.failed;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import java.time.Duration;
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
 * Dormancy episodes and care messages. One episode is one transaction:
 * <pre>
 *   metrics  DORMANT#&lt;day&gt; / &lt;memberId&gt;   lastActiveDay, care, at     (condition: not there yet - the episode's claim)
 *   event outbox  MemberDormant                                        (published after the commit)
 *   and with a care message:
 *   outbox   MEMBER#&lt;memberId&gt; / CARE#&lt;day&gt;   kind=care, status=pending, locale, day, lastActiveDay, createdAt, expiresAt (TTL)
 *   metrics  CARE#&lt;day&gt; / &lt;memberId&gt;      at
 * </pre>
 * The care message names the member, never a contact: the sender looks the contact up and checks consent again at
 * send time, as for the welcome message.
 */
public final class DormancyStore {

    private final DynamoDbClient ddb;
    private final String metricsTable;
    private final String outboxTable;
    private final EventOutbox events;
    private final CapacityMeter meter;

    public DormancyStore(DynamoDbClient ddb, String metricsTable, String outboxTable, EventOutbox events, CapacityMeter meter) {
        this.ddb = ddb;
        this.metricsTable = metricsTable;
        this.outboxTable = outboxTable;
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
            Map<String, AttributeValue> message = new HashMap<>(key("MEMBER#" + memberId, "CARE#" + day));
            message.put("kind", s("care"));
            message.put("status", s("pending"));
            message.put("locale", s(locale == null ? "zh-CN" : locale));
            message.put("day", s(day.toString()));
            message.put("lastActiveDay", s(lastActiveDay.toString()));
            message.put("createdAt", s(at.toString()));
            message.put("expiresAt", AttributeValue.fromN(String.valueOf(at.plus(Duration.ofDays(30)).getEpochSecond())));
            writes.add(put(outboxTable, message, true));
            Map<String, AttributeValue> sent = new HashMap<>(key("CARE#" + day, memberId));
            sent.put("at", s(at.toString()));
            writes.add(put(metricsTable, sent, false));
        }
        try {
            var answer = ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(answer.consumedCapacity());
        } catch (TransactionCanceledException cancelled) {
            if (failed(cancelled.cancellationReasons(), 0) || (care && failed(cancelled.cancellationReasons(), 2))) {
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
