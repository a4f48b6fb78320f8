package com.fanops.activities.domain;

import java.time.Instant;
import java.util.List;

/**
 * An activity as planned: what it is, when and where, who may come, what it may spend and what it aims for. {@code
 * version} counts saved changes (a save names the version it read, so two operators never overwrite each other).
 *
 * @param capacity      seats; registrations beyond it wait when {@code waitingLimit} > 0
 * @param waitingLimit  how many may wait (0: no waiting list - a full activity refuses)
 * @param holdoutBp     the audience share kept out to measure the effect (basis points, 0-5,000; drawn at publication)
 * @param evaluateAfterDays when the evaluation report is computed, in days after the end (default 7)
 */
public record Activity(String activityId, long version, ActivityStatus status, String theme, String description, ActivityType type,
                       String place, Instant startsAt, Instant endsAt, Instant registrationOpensAt, Instant registrationClosesAt,
                       int capacity, int waitingLimit, Audience audience, String budgetId, long budgetAmount, Goals goals,
                       String owner, List<Prize> prizes, int holdoutBp, int evaluateAfterDays, List<Task> tasks) {

    public Activity {
        prizes = prizes == null ? List.of() : List.copyOf(prizes);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public enum ActivityType { ONLINE, OFFLINE }

    /** Who is invited: everyone, the members of a tier, or a saved segment. */
    public record Audience(Kind kind, String value) {
        public enum Kind { EVERYONE, TIER, SEGMENT }

        public static Audience everyone() {
            return new Audience(Kind.EVERYONE, null);
        }
    }

    /** What the activity aims for; every field optional ({@code null}: no goal of that kind). */
    public record Goals(Long participants, Double attendanceRate, Long salesMinor, Double satisfaction, Double retentionLiftPoints) {
        public static Goals none() {
            return new Goals(null, null, null, null, null);
        }
    }

    /** A rewards catalogue item for the participants ranked within {@code topN} (issued by rewards once, from the allocation). */
    public record Prize(String itemId, int topN) {
    }

    /** A planning step with its owner and deadline (e.g. "venue booked", "poster out"). */
    public record Task(String title, String owner, java.time.LocalDate due, boolean done) {
    }

    /** Whether two activities at the same place overlap in time (half-open intervals). */
    public boolean overlaps(Activity other) {
        return type == ActivityType.OFFLINE && other.type == ActivityType.OFFLINE && place != null
                && place.equalsIgnoreCase(other.place) && !activityId.equals(other.activityId)
                && startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }

    public boolean registrationOpen(Instant at) {
        return status.takesRegistrations() && !at.isBefore(registrationOpensAt) && at.isBefore(registrationClosesAt);
    }
}
