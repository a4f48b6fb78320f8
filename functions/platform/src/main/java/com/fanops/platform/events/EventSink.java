package com.fanops.platform.events;

/** Where a capability's events go: the EventBridge bus in every deployment ({@link EventPublisher}). */
@FunctionalInterface
public interface EventSink {
    void publish(Object detail);
}
