package com.fanops.platform.events;

import java.time.Instant;

/** Puts one serialised event on the bus ({@link EventPublisher} in every deployment). */
@FunctionalInterface
public interface RawEventSink {
    void publish(String source, String detailType, String detail, Instant time);
}
