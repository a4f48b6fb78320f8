package com.fanops.metrics.handler;

/**
 * Turns one delivery of the raw log into the facts the daily job reads. This is the accuracy test's one replaceable
 * step: {@link DocumentedFacts} writes them as docs/metrics.md describes; driving the real scorer (with its metrics
 * hook) and the metrics-events function instead must give the same figures.
 */
interface FactWriter {
    void deliver(RawLog.Delivery delivery);
}
