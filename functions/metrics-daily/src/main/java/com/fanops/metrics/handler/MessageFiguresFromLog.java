package com.fanops.metrics.handler;

import com.fanops.messaging.domain.DeliveryStats;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.DailySnapshot;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics job's message figures, read from the messaging capability's daily counters (one Query a day). */
final class MessageFiguresFromLog implements MetricsJob.MessageFigures {

    private final DeliveryLog log;

    MessageFiguresFromLog(DeliveryLog log) {
        this.log = log;
    }

    @Override
    public DailySnapshot.Messages on(LocalDate day) {
        DeliveryStats stats = DeliveryStats.of(day, log.stats(day));
        Map<String, Long> sentByKind = new LinkedHashMap<>();
        long sent = 0;
        long delivered = 0;
        for (Map.Entry<String, Map<String, Long>> e : stats.byKind().entrySet()) {
            sentByKind.put(e.getKey(), e.getValue().get("sent"));
            sent += e.getValue().get("sent");
            delivered += e.getValue().get("delivered");
        }
        return new DailySnapshot.Messages(sentByKind, sent, delivered, stats.deliveryRate(), stats.unsubscribed(), stats.unsubscribeRate());
    }
}
