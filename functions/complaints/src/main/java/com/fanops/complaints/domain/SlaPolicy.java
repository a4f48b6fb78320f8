package com.fanops.complaints.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA targets per priority (versioned setting {@code complaints-sla}), in minutes of working time on the business
 * calendar (or of every hour, for a priority marked {@code alwaysOn}): the first response, each next response after the
 * complainant writes again, and the resolution. Diamond members' targets are {@code diamondPercent} of these (default 50:
 * halved). Escalation by level: the warning (level 1, the assignee) once {@code warnAtPercent} of a target is used, the
 * breach (level 2, the team lead) at 100%, the manager (level 3) once {@code managerAtPercent} is used with the target
 * still open. A complainant who writes within {@code reopenDays} (calendar days) of the resolution reopens the ticket;
 * later, the resolution stands. {@code managerAtPercent} absent (versions saved before it existed) reads as 150.
 */
public record SlaPolicy(Map<String, Targets> targets, int diamondPercent, int warnAtPercent, int reopenDays, Integer managerAtPercent)
        implements SettingsValue<SlaPolicy> {

    public static final int DEFAULT_MANAGER_AT_PERCENT = 150;

    /** One priority's targets, in minutes. */
    public record Targets(long firstResponse, long nextResponse, long resolution, boolean alwaysOn) {
    }

    /** The targets of one ticket (after the diamond reduction). */
    public record Goals(Duration firstResponse, Duration nextResponse, Duration resolution, boolean alwaysOn) {
        public Duration of(SlaClock.Target target) {
            return switch (target) {
                case FIRST_RESPONSE -> firstResponse;
                case NEXT_RESPONSE -> nextResponse;
                case RESOLUTION -> resolution;
            };
        }
    }

    static final long MAX_MINUTES = 366L * 24 * 60;

    public SlaPolicy {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        managerAtPercent = managerAtPercent == null ? DEFAULT_MANAGER_AT_PERCENT : managerAtPercent;
    }

    /** urgent 1h/8h, high 4h/24h, normal 24h/72h, low 48h/7 days (first response / resolution; next response = first). */
    public static SlaPolicy defaults() {
        Map<String, Targets> t = new LinkedHashMap<>();
        t.put("urgent", new Targets(60, 60, 8 * 60, false));
        t.put("high", new Targets(4 * 60, 4 * 60, 24 * 60, false));
        t.put("normal", new Targets(24 * 60, 24 * 60, 72 * 60, false));
        t.put("low", new Targets(48 * 60, 48 * 60, 7 * 24 * 60, false));
        return new SlaPolicy(t, 50, 80, 14, DEFAULT_MANAGER_AT_PERCENT);
    }

    public Goals goals(Priority priority, boolean diamond) {
        Targets t = targets.get(priority.key());
        long pct = diamond ? diamondPercent : 100;
        return new Goals(minutes(t.firstResponse(), pct), minutes(t.nextResponse(), pct), minutes(t.resolution(), pct), t.alwaysOn());
    }

    private static Duration minutes(long m, long percent) {
        return Duration.ofSeconds(m * 60 * percent / 100);
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        for (String key : targets.keySet()) {
            if (Priority.of(key).isEmpty()) {
                errors.add(new FieldError("targets." + key, "is not a priority (" + String.join(", ", Priority.keys()) + ")"));
            }
        }
        for (Priority p : Priority.values()) {
            Targets t = targets.get(p.key());
            String f = "targets." + p.key();
            if (t == null) {
                errors.add(new FieldError(f, "is required"));
                continue;
            }
            range(errors, f + ".firstResponse", t.firstResponse());
            range(errors, f + ".nextResponse", t.nextResponse());
            range(errors, f + ".resolution", t.resolution());
            if (t.resolution() < t.firstResponse()) {
                errors.add(new FieldError(f + ".resolution", "must not be shorter than the first response"));
            }
        }
        if (diamondPercent < 10 || diamondPercent > 100) {
            errors.add(new FieldError("diamondPercent", "must be 10-100"));
        }
        if (reopenDays < 0 || reopenDays > 365) {
            errors.add(new FieldError("reopenDays", "must be 0-365"));
        }
        if (warnAtPercent < 10 || warnAtPercent > 99) {
            errors.add(new FieldError("warnAtPercent", "must be 10-99"));
        }
        if (managerAtPercent < 101 || managerAtPercent > 1000) {
            errors.add(new FieldError("managerAtPercent", "must be 101-1000 (the manager is told after the breach)"));
        }
        return errors;
    }

    private static void range(List<FieldError> errors, String field, long minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            errors.add(new FieldError(field, "minutes, 1-" + MAX_MINUTES));
        }
    }
}
