package com.fanops.platform.events;

import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Transactional outbox: an event is written in the same DynamoDB transaction as the change it announces,
 * then published and deleted. If publishing fails, the change still stands and the event waits; the
 * scheduled relay ({@link #relay}) publishes what is older than a grace period. Consumers are idempotent,
 * so the rare double delivery (published, then the delete failed) changes nothing.
 * Item: {@code id} (S, hash key), source, detailType, detail (JSON), time, stagedAt (epoch ms), expiresAt (TTL).
 */
public final class EventOutbox {

    /** An event written with a change, not yet on the bus. */
    public record Staged(String id, String source, String detailType, String detail, Instant time) {
    }

    private static final Log LOG = Log.get(EventOutbox.class);

    private final DynamoDbClient ddb;
    private final String table;
    private final RawEventSink publisher;
    private final Clock clock;

    public EventOutbox(DynamoDbClient ddb, String table, RawEventSink publisher, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Staged stage(String source, Object detail) {
        try {
            return new Staged(UUID.randomUUID().toString(), source, EventPublisher.detailType(detail.getClass()),
                    Json.mapper().writeValueAsString(detail), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event not serialisable", e);
        }
    }

    /** The write to add to the change's transaction. */
    public TransactWriteItem write(Staged e) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "id", AttributeValue.fromS(e.id()), "source", AttributeValue.fromS(e.source()),
                "detailType", AttributeValue.fromS(e.detailType()), "detail", AttributeValue.fromS(e.detail()),
                "time", AttributeValue.fromS(e.time().toString()),
                "stagedAt", AttributeValue.fromN(String.valueOf(e.time().toEpochMilli())),
                "expiresAt", AttributeValue.fromN(String.valueOf(e.time().plus(Duration.ofDays(14)).getEpochSecond())))).build()).build();
    }

    public List<TransactWriteItem> writes(List<Staged> events) {
        return events.stream().map(this::write).toList();
    }

    /**
     * An event that goes with no other write (a finished job's announcement): recorded in the outbox on its own, then
     * published, so a bus outage leaves it to the relay instead of failing the work it announces.
     */
    public void publishAlone(Staged e) {
        Put put = write(e).put();
        ddb.putItem(b -> b.tableName(put.tableName()).item(put.item()));
        flush(List.of(e));
    }

    /** After the transaction: publish and clear. A failure here is left to the relay, never to the caller. */
    public void flush(List<Staged> events) {
        for (Staged e : events) {
            try {
                publisher.publish(e.source(), e.detailType(), e.detail(), e.time());
                ddb.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(e.id()))));
            } catch (RuntimeException failure) {
                LOG.warn("event left for the relay", "eventId", e.id(), "detailType", e.detailType(),
                        "error", failure.getClass().getSimpleName());
            }
        }
    }

    /** Publishes every staged event older than the grace period; returns how many went out. */
    public int relay(Duration grace) {
        long cutoff = clock.millis() - grace.toMillis();
        int sent = 0;
        var due = ddb.scanPaginator(b -> b.tableName(table).consistentRead(true).filterExpression("stagedAt < :cutoff")
                .expressionAttributeValues(Map.of(":cutoff", AttributeValue.fromN(String.valueOf(cutoff))))).items();
        for (Map<String, AttributeValue> i : due) {
            Staged e = new Staged(i.get("id").s(), i.get("source").s(), i.get("detailType").s(), i.get("detail").s(),
                    Instant.parse(i.get("time").s()));
            publisher.publish(e.source(), e.detailType(), e.detail(), e.time());
            ddb.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(e.id()))));
            sent++;
        }
        return sent;
    }
}
