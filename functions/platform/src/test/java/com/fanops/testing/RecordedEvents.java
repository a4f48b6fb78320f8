package com.fanops.testing;

import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The bus as a handler test sees it: each published event read back into its record type (looked up by
 * detail-type in the given package), so tests assert on what consumers will receive.
 */
public final class RecordedEvents implements RawEventSink {

    private final String[] recordPackages;
    private final List<Object> events = new CopyOnWriteArrayList<>();

    public RecordedEvents(String... recordPackages) {
        this.recordPackages = recordPackages;
    }

    @Override
    public void publish(String source, String detailType, String detail, Instant time) {
        for (String pkg : recordPackages) {
            Class<?> type;
            try {
                type = Class.forName(pkg + "." + detailType);
            } catch (ClassNotFoundException e) {
                continue;
            }
            try {
                events.add(Json.mapper().readValue(detail, type));
                return;
            } catch (Exception e) {
                throw new IllegalStateException("event " + detailType + " does not read back into its record: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no record type for event " + detailType);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<Object> all() {
        return events;
    }
}
