package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP contract's shapes of activities (docs/activities.md, "The HTTP contract"), shared by the admin and the member
 * API: an operator's {@code ActivityView}, the public page's item, a member's list of activities. Keys and statuses are
 * lower case; instants ISO-8601; money in fen.
 */
public final class ActivityViews {

    private ActivityViews() {
    }

    public static String key(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActivityStatus> status(String key) {
        for (ActivityStatus s : ActivityStatus.values()) {
            if (key(s).equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static List<String> statusKeys() {
        List<String> out = new ArrayList<>();
        for (ActivityStatus s : ActivityStatus.values()) {
            out.add(key(s));
        }
        return out;
    }

    /** The operator's whole view of an activity with its counters. */
    public static Map<String, Object> operator(ActivityStore.Stored stored) {
        Activity a = stored.activity();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("activityId", a.activityId());
        out.put("version", a.version());
        described(out, a);
        out.put("capacity", a.capacity());
        out.put("waitingLimit", a.waitingLimit());
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("kind", key(a.audience().kind()));
        audience.put("value", a.audience().value());
        out.put("audience", audience);
        out.put("budgetId", a.budgetId());
        out.put("budgetAmount", a.budgetAmount());
        Activity.Goals g = a.goals() == null ? Activity.Goals.none() : a.goals();
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("participants", g.participants());
        goals.put("attendanceRate", g.attendanceRate());
        goals.put("salesMinor", g.salesMinor());
        goals.put("satisfaction", g.satisfaction());
        goals.put("retentionLiftPoints", g.retentionLiftPoints());
        out.put("goals", goals);
        out.put("owner", a.owner());
        out.put("prizes", a.prizes().stream().map(p -> Map.of("itemId", p.itemId(), "topN", p.topN())).toList());
        out.put("holdoutBp", a.holdoutBp());
        out.put("evaluateAfterDays", a.evaluateAfterDays());
        out.put("tasks", a.tasks().stream().map(t -> {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("title", t.title());
            task.put("owner", t.owner());
            task.put("due", t.due() == null ? null : t.due().toString());
            task.put("done", t.done());
            return task;
        }).toList());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("registered", stored.registered());
        counts.put("waiting", stored.waiting());
        counts.put("checkedIn", stored.checkedIn());
        counts.put("capacity", a.capacity());
        out.put("counts", counts);
        return out;
    }

    /** What every view shows of an activity: its status, theme, type, place and times. */
    private static void described(Map<String, Object> out, Activity a) {
        out.put("status", key(a.status()));
        out.put("theme", a.theme());
        out.put("description", a.description());
        out.put("type", key(a.type()));
        out.put("place", a.place());
        out.put("startsAt", text(a.startsAt()));
        out.put("endsAt", text(a.endsAt()));
        out.put("registrationOpensAt", text(a.registrationOpensAt()));
        out.put("registrationClosesAt", text(a.registrationClosesAt()));
    }

    /** Whether the public page shows an activity: from publication on; never a draft, an approved or a withdrawn one. */
    public static boolean publiclyVisible(ActivityStatus s) {
        return s == ActivityStatus.PUBLISHED || s == ActivityStatus.RUNNING || s == ActivityStatus.CLOSED || s == ActivityStatus.EVALUATED;
    }

    /** What anyone sees of a published activity: no owner, budget, goals or counts beyond the seats left. */
    public static Map<String, Object> open(ActivityStore.Stored stored) {
        Activity a = stored.activity();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("activityId", a.activityId());
        described(out, a);
        out.put("seatsLeft", Math.max(0, a.capacity() - stored.registered()));
        out.put("waitingList", a.waitingLimit() > 0);
        return out;
    }

    /** One registration as the operator's list shows it; {@code displayName} already masked for the caller's role. */
    public static Map<String, Object> registration(RegistrationStore.Registration r, String displayName) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", r.memberId());
        out.put("displayName", displayName);
        out.put("status", key(r.status()));
        out.put("no", r.no());
        out.put("registeredAt", text(r.registeredAt()));
        out.put("promotedAt", text(r.promotedAt()));
        out.put("checkedInAt", text(r.checkedInAt()));
        out.put("checkedInBy", r.checkedInBy());
        out.put("cancelledAt", text(r.cancelledAt()));
        return out;
    }

    /** A member's activities (registrations not cancelled), each with the activity's theme, start and status. */
    public static List<Map<String, Object>> ofMember(List<RegistrationStore.Registration> registrations,
                                                     Function<String, Optional<ActivityStore.Stored>> activity) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RegistrationStore.Registration r : registrations) {
            Optional<ActivityStore.Stored> found = activity.apply(r.activityId());
            if (found.isEmpty()) {
                continue;
            }
            Activity a = found.get().activity();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("activityId", a.activityId());
            line.put("theme", a.theme());
            line.put("startsAt", text(a.startsAt()));
            line.put("endsAt", text(a.endsAt()));
            line.put("place", a.place());
            line.put("status", key(a.status()));
            Map<String, Object> reg = new LinkedHashMap<>();
            reg.put("status", key(r.status()));
            reg.put("no", r.no());
            reg.put("checkedInAt", text(r.checkedInAt()));
            line.put("registration", reg);
            out.add(line);
        }
        return out;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
