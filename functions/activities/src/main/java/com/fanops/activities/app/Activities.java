package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.store.ActivityStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Activities' definitions and life: create and save (versioned; only while a draft or approved), approve (the budget is
 * reserved from its rewards budget then; released when it is withdrawn or sent back to draft), publish (the check-in key and the holdout seed are drawn and locked), start,
 * close, and withdraw. Every refusal names its field or reason; nothing is written then. Every change is audited.
 */
public final class Activities {

    public static final int MAX_CAPACITY = 1_000_000;
    public static final int MAX_WAITING = 100_000;
    public static final Duration MAX_LENGTH = Duration.ofDays(31);
    public static final long MAX_BUDGET = 1_000_000_000_000L;
    /**
     * The most participants a prize reaches: the ranking travels as one event (EventBridge: 256 KB) and each shard's
     * candidates as one item (400 KB), about 50 bytes a participant - 1,000 keeps both under 60 KB.
     */
    public static final int MAX_TOP_N = 1_000;
    static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{1,47}");
    static final Pattern TIER_OR_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,47}");

    /** Where an activity's budget comes from: a rewards budget, reserved at approval, released when withdrawn. */
    public interface BudgetLedger {
        /** Reserves the amount for the activity, once per activity; false when the budget has less left (or no such budget). */
        boolean reserve(String budgetId, String activityId, long amount, Instant at);

        /** Releases what a withdrawn activity reserved (nothing when it reserved nothing). */
        void release(String budgetId, String activityId, Instant at);

        /** What the budget has left to reserve, for the refusal's message; -1 when there is no such budget. */
        long available(String budgetId);
    }

    /** The rewards catalogue an activity's prizes name. */
    public interface PrizeCatalogue {
        /** Of these item ids, those that cannot be a prize, each with why (none: every one can). */
        Map<String, String> refusals(Collection<String> itemIds);
    }

    private final ActivityStore store;
    private final BudgetLedger budgets;
    private final PrizeCatalogue catalogue;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Activities(ActivityStore store, BudgetLedger budgets, PrizeCatalogue catalogue, AuditLog audit, Clock clock) {
        this.store = store;
        this.budgets = budgets;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    public Activity create(String actor, ActivityDraft draft) {
        String id = "act_" + Long.toString(Math.abs(random.nextLong() % 2_176_782_336L), 36) + Long.toString(clock.millis() % 46_656, 36);
        Activity a = validate(id, 1, ActivityStatus.DRAFT, draft);
        refuseUnknownPrizes(a);
        refuseOverlap(a);
        if (!store.create(a, actor, clock.instant())) {
            throw ProblemException.conflict("activity-exists", "Try again", "An activity with that id was just created.");
        }
        audit.record(actor, "activities.create", id, null);
        return get(id).activity();
    }

    public Activity save(String actor, String activityId, long version, ActivityDraft draft) {
        ActivityStore.Stored current = get(activityId);
        if (!current.activity().status().editable()) {
            throw ProblemException.conflict("activity-not-editable", "Not editable",
                    "An activity can be changed while it is a draft or approved; this one is " + current.activity().status() + ".");
        }
        if (current.activity().version() != version) {
            throw ProblemException.conflict("stale-version", "Changed meanwhile",
                    "Version " + version + " was read; the activity is at version " + current.activity().version() + ".");
        }
        Activity a = validate(activityId, version + 1, ActivityStatus.DRAFT, draft);
        refuseUnknownPrizes(a);
        refuseBudgetChangeOnceApproved(current.activity(), a);
        refuseOverlap(a);
        if (!store.save(a, version, actor, clock.instant())) {
            throw ProblemException.conflict("stale-version", "Changed meanwhile", "The activity was changed meanwhile; reload it.");
        }
        audit.record(actor, "activities.save", activityId, null);
        return get(activityId).activity();
    }

    /** Moves an activity on; approval reserves its budget, publication draws its check-in key and holdout seed. */
    public Activity transition(String actor, String activityId, long version, ActivityStatus to) {
        ActivityStore.Stored current = get(activityId);
        Activity a = current.activity();
        if (a.version() != version) {
            throw ProblemException.conflict("stale-version", "Changed meanwhile",
                    "Version " + version + " was read; the activity is at version " + a.version() + ".");
        }
        if (!a.status().canMoveTo(to)) {
            throw ProblemException.conflict("activity-transition", "Not allowed",
                    "An activity that is " + a.status() + " cannot become " + to + ".");
        }
        Instant now = clock.instant();
        if (to == ActivityStatus.APPROVED && a.budgetId() != null && a.budgetAmount() > 0
                && !budgets.reserve(a.budgetId(), activityId, a.budgetAmount(), now)) {
            long left = budgets.available(a.budgetId());
            throw ProblemException.unprocessable("budget-exceeded", "Over budget", left < 0
                    ? "There is no rewards budget " + a.budgetId() + "."
                    : "The rewards budget " + a.budgetId() + " has " + left + " left, less than the " + a.budgetAmount() + " asked.");
        }
        byte[] key = null;
        byte[] seed = null;
        if (to == ActivityStatus.PUBLISHED) {
            key = new byte[32];
            seed = new byte[32];
            random.nextBytes(key);
            random.nextBytes(seed);
        }
        if (!store.transition(activityId, a.status(), version, to, key, seed, actor, now)) {
            if (to == ActivityStatus.APPROVED && a.budgetId() != null) {
                budgets.release(a.budgetId(), activityId, now);
            }
            throw ProblemException.conflict("stale-version", "Changed meanwhile", "The activity was changed meanwhile; reload it.");
        }
        // withdrawn, or sent back to draft (its next approval allocates again, at the amount it then has)
        if ((to == ActivityStatus.CANCELLED || to == ActivityStatus.DRAFT) && a.budgetId() != null) {
            budgets.release(a.budgetId(), activityId, now);
        }
        audit.record(actor, "activities." + to.name().toLowerCase(Locale.ROOT), activityId, null);
        return get(activityId).activity();
    }

    /**
     * An approved activity's budget is what its approval allocated: a new amount or another rewards budget needs a new
     * approval (back to draft, which releases the allocation, then approve again), not a save the allocation would not follow.
     */
    private static void refuseBudgetChangeOnceApproved(Activity before, Activity after) {
        if (before.status() != ActivityStatus.APPROVED) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!Objects.equals(before.budgetId(), after.budgetId())) {
            errors.add(new FieldError("budgetId", "fixed once approved (" + before.budgetId() + "): send the activity back to draft to change it"));
        }
        if (before.budgetAmount() != after.budgetAmount()) {
            errors.add(new FieldError("budgetAmount", "fixed once approved (" + before.budgetAmount() + "): send the activity back to draft to change it"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.BASE + "budget-approved", "Budget approved", 409,
                    "The approval allocated this budget; a change needs a new approval.", null, null, List.copyOf(errors)));
        }
    }

    /** A prize names an item of the rewards catalogue that is in it and not withdrawn: checked when saved, not at the award. */
    private void refuseUnknownPrizes(Activity a) {
        if (a.prizes().isEmpty()) {
            return;
        }
        Map<String, String> refused = catalogue.refusals(a.prizes().stream().map(Activity.Prize::itemId).toList());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < a.prizes().size(); i++) {
            String why = refused.get(a.prizes().get(i).itemId());
            if (why != null) {
                errors.add(new FieldError("prizes[" + i + "].itemId", why));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    public ActivityStore.Stored get(String activityId) {
        return store.get(activityId).orElseThrow(() -> ProblemException.notFound("Activity " + activityId));
    }

    private void refuseOverlap(Activity a) {
        if (a.type() != Activity.ActivityType.OFFLINE) {
            return;
        }
        for (Activity other : store.startingBetween(a.startsAt().minus(MAX_LENGTH), a.endsAt())) {
            if (other.status() != ActivityStatus.CANCELLED && a.overlaps(other)) {
                throw ProblemException.conflict("place-taken", "Place taken", "\"" + other.theme() + "\" (" + other.activityId()
                        + ") is at " + a.place() + " from " + other.startsAt() + " to " + other.endsAt() + ".");
            }
        }
    }

    /** Checks every field of a draft; throws a validation problem naming each one that is wrong. */
    static Activity validate(String id, long version, ActivityStatus status, ActivityDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d == null) {
            throw ProblemException.invalidField("body", "an activity object is required");
        }
        String theme = Text.name(errors, "theme", d.theme(), 120, true);
        String description = Text.multiLine(errors, "description", d.description(), 4_000, false);
        Activity.ActivityType type = null;
        if (d.type() == null || !(d.type().equals("online") || d.type().equals("offline"))) {
            errors.add(new FieldError("type", "online or offline"));
        } else {
            type = d.type().equals("online") ? Activity.ActivityType.ONLINE : Activity.ActivityType.OFFLINE;
        }
        String place = Text.line(errors, "place", d.place(), 200, type == Activity.ActivityType.OFFLINE);
        if (d.startsAt() == null) {
            errors.add(new FieldError("startsAt", "is required (an ISO-8601 instant)"));
        }
        if (d.endsAt() == null) {
            errors.add(new FieldError("endsAt", "is required (an ISO-8601 instant)"));
        } else if (d.startsAt() != null && (!d.endsAt().isAfter(d.startsAt()) || Duration.between(d.startsAt(), d.endsAt()).compareTo(MAX_LENGTH) > 0)) {
            errors.add(new FieldError("endsAt", "after startsAt, at most 31 days later"));
        }
        if (d.registrationOpensAt() == null) {
            errors.add(new FieldError("registrationOpensAt", "is required (an ISO-8601 instant)"));
        }
        if (d.registrationClosesAt() == null) {
            errors.add(new FieldError("registrationClosesAt", "is required (an ISO-8601 instant)"));
        } else if (d.registrationOpensAt() != null && !d.registrationClosesAt().isAfter(d.registrationOpensAt())) {
            errors.add(new FieldError("registrationClosesAt", "after registrationOpensAt"));
        } else if (d.endsAt() != null && d.registrationClosesAt().isAfter(d.endsAt())) {
            errors.add(new FieldError("registrationClosesAt", "at or before endsAt"));
        }
        if (d.capacity() == null || d.capacity() < 1 || d.capacity() > MAX_CAPACITY) {
            errors.add(new FieldError("capacity", "a whole number from 1 to " + MAX_CAPACITY));
        }
        int waiting = d.waitingLimit() == null ? 0 : d.waitingLimit();
        if (waiting < 0 || waiting > MAX_WAITING) {
            errors.add(new FieldError("waitingLimit", "a whole number from 0 (no waiting list) to " + MAX_WAITING));
        }
        Activity.Audience audience = audience(errors, d.audience());
        if (d.budgetId() != null && !ITEM.matcher(d.budgetId()).matches()) {
            errors.add(new FieldError("budgetId", "a rewards budget id: 2-48 of a-z, 0-9 and -"));
        }
        long budget = d.budgetAmount() == null ? 0 : d.budgetAmount();
        if (budget < 0 || budget > MAX_BUDGET) {
            errors.add(new FieldError("budgetAmount", "minor units (fen) from 0 to " + MAX_BUDGET));
        } else if (budget > 0 && d.budgetId() == null) {
            errors.add(new FieldError("budgetId", "is required when budgetAmount is above 0 (the rewards budget it draws on)"));
        }
        Activity.Goals goals = goals(errors, d.goals());
        String owner = Text.line(errors, "owner", d.owner(), 120, true);
        List<Activity.Prize> prizes = d.prizes() == null ? List.of() : d.prizes();
        if (prizes.size() > 20) {
            errors.add(new FieldError("prizes", "at most 20"));
        }
        for (int i = 0; i < prizes.size() && i < 20; i++) {
            Activity.Prize p = prizes.get(i);
            if (p == null || p.itemId() == null || !ITEM.matcher(p.itemId()).matches()) {
                errors.add(new FieldError("prizes[" + i + "].itemId", "a catalogue item id: 2-48 of a-z, 0-9 and -"));
            }
            if (p != null && (p.topN() < 1 || p.topN() > MAX_TOP_N)) {
                errors.add(new FieldError("prizes[" + i + "].topN", "from 1 to " + MAX_TOP_N));
            }
        }
        int holdout = d.holdoutBp() == null ? 0 : d.holdoutBp();
        if (holdout < 0 || holdout > com.fanops.activities.domain.Holdout.MAX_SHARE_BP) {
            errors.add(new FieldError("holdoutBp", "basis points from 0 to 5000 (50%)"));
        }
        int evaluateAfter = d.evaluateAfterDays() == null ? 7 : d.evaluateAfterDays();
        if (evaluateAfter < 1 || evaluateAfter > 60) {
            errors.add(new FieldError("evaluateAfterDays", "from 1 to 60"));
        }
        List<Activity.Task> tasks = new ArrayList<>();
        List<Activity.Task> given = d.tasks() == null ? List.of() : d.tasks();
        if (given.size() > 50) {
            errors.add(new FieldError("tasks", "at most 50"));
        }
        for (int i = 0; i < given.size() && i < 50; i++) {
            Activity.Task t = given.get(i);
            if (t == null) {
                errors.add(new FieldError("tasks[" + i + "]", "a task object"));
                continue;
            }
            String title = Text.name(errors, "tasks[" + i + "].title", t.title(), 200, true);
            String taskOwner = Text.line(errors, "tasks[" + i + "].owner", t.owner(), 120, true);
            if (t.due() == null) {
                errors.add(new FieldError("tasks[" + i + "].due", "is required (YYYY-MM-DD)"));
            }
            tasks.add(new Activity.Task(title, taskOwner, t.due(), t.done()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Activity(id, version, status, theme, description, type, place, d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), d.capacity(), waiting, audience, d.budgetId(), budget, goals, owner, prizes, holdout,
                evaluateAfter, tasks);
    }

    private static Activity.Audience audience(List<FieldError> errors, ActivityDraft.AudienceDraft a) {
        if (a == null || a.kind() == null || "everyone".equals(a.kind())) {
            if (a != null && a.kind() == null) {
                errors.add(new FieldError("audience.kind", "everyone, tier or segment"));
            }
            return Activity.Audience.everyone();
        }
        Activity.Audience.Kind kind;
        switch (a.kind()) {
            case "tier": kind = Activity.Audience.Kind.TIER; break;
            case "segment": kind = Activity.Audience.Kind.SEGMENT; break;
            default:
                errors.add(new FieldError("audience.kind", "everyone, tier or segment"));
                return null;
        }
        if (a.value() == null || !TIER_OR_SEGMENT.matcher(a.value()).matches()) {
            errors.add(new FieldError("audience.value", "the " + a.kind() + "'s id: 1-48 of A-Z, a-z, 0-9, _ and -"));
        }
        return new Activity.Audience(kind, a.value());
    }

    private static Activity.Goals goals(List<FieldError> errors, Activity.Goals g) {
        if (g == null) {
            return Activity.Goals.none();
        }
        if (g.participants() != null && (g.participants() < 1 || g.participants() > MAX_CAPACITY)) {
            errors.add(new FieldError("goals.participants", "from 1 to " + MAX_CAPACITY));
        }
        if (g.attendanceRate() != null && !(g.attendanceRate() > 0 && g.attendanceRate() <= 1)) {
            errors.add(new FieldError("goals.attendanceRate", "a fraction above 0, at most 1"));
        }
        if (g.salesMinor() != null && (g.salesMinor() < 1 || g.salesMinor() > MAX_BUDGET)) {
            errors.add(new FieldError("goals.salesMinor", "minor units from 1 to " + MAX_BUDGET));
        }
        if (g.satisfaction() != null && !(g.satisfaction() >= 1 && g.satisfaction() <= 5)) {
            errors.add(new FieldError("goals.satisfaction", "from 1 to 5"));
        }
        if (g.retentionLiftPoints() != null && !(g.retentionLiftPoints() > 0 && g.retentionLiftPoints() <= 100)) {
            errors.add(new FieldError("goals.retentionLiftPoints", "percentage points above 0, at most 100"));
        }
        return g;
    }
}
