package com.fanops.metrics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Business days: what a moment means for the metrics. */
public final class MetricsCalendar {

    private MetricsCalendar() {
    }

    /** The last whole business day before the moment: what a run (or a reader) at {@code at} can report on. */
    public static LocalDate lastWholeDay(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate().minusDays(1);
    }
}
