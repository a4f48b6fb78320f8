package com.fanops.messaging.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's delivery figures from the log's daily counters. Each counter counts the messages requested on that day that
 * reached the status (a status change adds one to its own counter, on the message's day - a delivery reported the day
 * after still counts on the day the message was requested). A message that went out passed through {@code sent} once,
 * so {@code sent} counts the messages that went out.
 *
 * @param deliveryRate    delivered / sent over all kinds (null when nothing was sent): reported deliveries of the messages
 *                        that went out; SMS and webhook messages report no delivery, so it is an e-mail figure in practice
 * @param unsubscribeRate unsubscribed / sent over the marketing kinds (null when no marketing message was sent): the
 *                        withdrawals through unsubscribe links made that day, against that day's marketing messages
 */
public record DeliveryStats(LocalDate day, Map<String, Map<String, Long>> byKind, long unsubscribed, Double deliveryRate,
                            Double unsubscribeRate) {

    public static final List<String> COUNTERS = List.of("requested", "sent", "delivered", "bounced", "complained", "failed",
            "suppressed", "deferred");
    /** Where {@code DeliveryLog.stats} puts the day's unsubscribes, and their counter. */
    static final String UNSUBSCRIBED = "unsubscribed";
    static final String COUNT = "count";

    /** From the counters as the log reads them: kind key to counter to count, and {@code unsubscribed -> count}. */
    public static DeliveryStats of(LocalDate day, Map<String, Map<String, Long>> counters) {
        Map<String, Map<String, Long>> byKind = new LinkedHashMap<>();
        long sent = 0;
        long delivered = 0;
        long marketingSent = 0;
        for (MessageKind kind : MessageKind.values()) {
            Map<String, Long> read = counters.getOrDefault(kind.key(), Map.of());
            Map<String, Long> counts = new LinkedHashMap<>();
            COUNTERS.forEach(c -> counts.put(c, read.getOrDefault(c, 0L)));
            byKind.put(kind.key(), counts);
            sent += counts.get("sent");
            delivered += counts.get("delivered");
            if (kind.marketing()) {
                marketingSent += counts.get("sent");
            }
        }
        long unsubscribed = counters.getOrDefault(UNSUBSCRIBED, Map.of()).getOrDefault(COUNT, 0L);
        return new DeliveryStats(day, byKind, unsubscribed, sent == 0 ? null : (double) delivered / sent,
                marketingSent == 0 ? null : (double) unsubscribed / marketingSent);
    }
}
