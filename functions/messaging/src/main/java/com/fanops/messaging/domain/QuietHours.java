package com.fanops.messaging.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Hours in the business time zone when no marketing message goes out (seed 000 §3.3.2: do not over-disturb fans).
 * The window may run over midnight (21:00-09:00, the default); start == end means no quiet hours. A message asked
 * for inside the window waits for its end - the next allowed minute - rather than being dropped.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static QuietHours defaults() {
        return new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0));
    }

    public boolean none() {
        return start.equals(end);
    }

    public boolean quietAt(Instant at, ZoneId zone) {
        if (none()) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code at} itself when sending is allowed then; otherwise the first allowed minute after it. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (!quietAt(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime endToday = local.toLocalDate().atTime(end).atZone(zone);
        ZonedDateTime next = endToday.isAfter(local) ? endToday : endToday.plusDays(1);
        // On a daylight-saving jump the wall-clock end may not exist; atZone moves it forward, still an allowed minute.
        Instant candidate = next.truncatedTo(ChronoUnit.MINUTES).toInstant();
        return quietAt(candidate, zone) ? candidate.plus(1, ChronoUnit.MINUTES) : candidate;
    }
}
