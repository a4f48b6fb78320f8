package com.fanops.messaging.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * At most {@code count} marketing messages to one member in any {@code window} (default 2 per 7 days). Counted over
 * the sends actually attempted, so a cap is a sliding window, not a calendar week.
 */
public record FrequencyCap(int count, Duration window) {

    public static FrequencyCap defaults() {
        return new FrequencyCap(2, Duration.ofDays(7));
    }

    /** The sends still inside the window at {@code now} (older ones no longer count). */
    public List<Instant> recent(List<Instant> sends, Instant now) {
        Instant from = now.minus(window);
        List<Instant> kept = new ArrayList<>();
        for (Instant s : sends) {
            if (s.isAfter(from)) {
                kept.add(s);
            }
        }
        kept.sort(null);
        return kept;
    }

    public boolean allows(List<Instant> sends, Instant now) {
        return recent(sends, now).size() < count;
    }
}
