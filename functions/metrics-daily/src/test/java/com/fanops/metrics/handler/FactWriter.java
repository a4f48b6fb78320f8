package com.fanops.metrics.handler;

/**
 * Turns the raw log's deliveries into the facts the daily job reads ({@link WriterFunctions}: the real scorer and
 * metrics-events function). A writer may hold deliveries back, as a queue does; {@link #flush} delivers them.
 */
interface FactWriter {
    void deliver(RawLog.Delivery delivery);

    /** Everything delivered so far has been applied (called before each scheduled run). */
    void flush();
}
