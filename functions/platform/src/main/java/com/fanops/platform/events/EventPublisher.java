package com.fanops.platform.events;

import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes event records on the bus: detail-type from the record type, detail as JSON; a refused entry is an error. */
public final class EventPublisher implements EventSink, RawEventSink {

    private final EventBridgeClient client;
    private final String busName;
    private final String source;
    private final Clock clock;

    public EventPublisher(EventBridgeClient client, String busName, String source, Clock clock) {
        this.client = client;
        this.busName = busName;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void publish(Object detail) {
        publishAll(List.of(detail));
    }

    public void publish(Object detail, Instant time) {
        send(List.of(entry(detail, time)));
    }

    public void publishAll(List<?> details) {
        Instant now = clock.instant();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (Object detail : details) {
            entries.add(entry(detail, now));
            if (entries.size() == 10) {
                send(entries);
                entries = new ArrayList<>();
            }
        }
        if (!entries.isEmpty()) {
            send(entries);
        }
    }

    /** Publishes an event already serialised (the outbox's), under its own source. */
    @Override
    public void publish(String eventSource, String detailType, String detail, Instant time) {
        send(List.of(PutEventsRequestEntry.builder().eventBusName(busName).source(eventSource).detailType(detailType)
                .time(time).detail(detail).build()));
    }

    public static String detailType(Class<?> type) {
        DetailType annotation = type.getAnnotation(DetailType.class);
        return annotation == null ? type.getSimpleName() : annotation.value();
    }

    private PutEventsRequestEntry entry(Object detail, Instant time) {
        try {
            return PutEventsRequestEntry.builder().eventBusName(busName).source(source)
                    .detailType(detailType(detail.getClass())).time(time)
                    .detail(Json.mapper().writeValueAsString(detail)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event not serialisable: " + detail.getClass().getName(), e);
        }
    }

    private void send(List<PutEventsRequestEntry> entries) {
        PutEventsResponse response = client.putEvents(b -> b.entries(entries));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("the event bus refused " + response.failedEntryCount() + " of " + entries.size()
                    + " events: " + response.entries().stream().filter(e -> e.errorCode() != null)
                    .map(e -> e.errorCode()).distinct().toList());
        }
    }
}
