package com.fanops.testing;

import com.fanops.core.events.RawEventSink;
import com.fanops.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The bus as a handler test sees it: each published event read back into its record type (looked up by
 * detail-type in the given package), so tests assert on what consumers will receive.
 */
public final class RecordedEvents implements RawEventSink {

    private final String recordPackage;
    private final List<Object> events = new CopyOnWriteArrayList<>();

    public RecordedEvents(String recordPackage) {
        this.recordPackage = recordPackage;
    }

    @Override
    public void publish(String source, String detailType, String detail, Instant time) {
        try {
            events.add(Json.mapper().readValue(detail, Class.forName(recordPackage + "." + detailType)));
        } catch (Exception e) {
            throw new IllegalStateException("event " + detailType + " does not read back into its record: " + e.getMessage(), e);
        }
    }

    public List<Object> all() {
        return events;
    }
}
