package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.CheckInCodes;
import com.fanops.activities.domain.Holdout;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.http.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A member's side of an activity - register, cancel, show the rotating check-in code - and the staff's check-in. Every
 * refusal says why (outside the window, full without a waiting list, not in the audience, an expired or foreign code)
 * and changes nothing. A check-in becomes one {@code event_attended} interaction (engagement, points, tier) through
 * the interactions pipeline, under an event id of its own so a repeated check-in or a redelivery counts once.
 */
public final class Registrations {

    /** What registration needs to know of a member: whether they may take part, and their tier and segments. */
    public interface Members {
        Optional<Member> member(String memberId);
    }

    public record Member(String memberId, boolean active, String tier, List<String> segments) {
    }

    /** Where attendance goes: the interactions pipeline (idempotent by the event id it is given). */
    public interface Attendance {
        void attended(String eventId, String activityId, String memberId, Instant at);
    }

    /** Who to tell about a change of their registration (through messaging, with the consent its purpose needs). */
    public interface Notices {
        void registered(Activity activity, String memberId, boolean waiting);

        void promoted(Activity activity, String memberId);
    }

    private final ActivityStore activities;
    private final RegistrationStore store;
    private final Members members;
    private final Attendance attendance;
    private final Notices notices;
    private final Clock clock;

    public Registrations(ActivityStore activities, RegistrationStore store, Members members, Attendance attendance, Notices notices, Clock clock) {
        this.activities = activities;
        this.store = store;
        this.members = members;
        this.attendance = attendance;
        this.notices = notices;
        this.clock = clock;
    }

    public RegistrationStore.Outcome register(String memberId, String activityId) {
        Instant now = clock.instant();
        ActivityStore.Stored stored = published(activityId);
        Activity a = stored.activity();
        if (!a.registrationOpen(now)) {
            throw ProblemException.conflict("registration-closed", "Registration is not open",
                    "Registration for this activity is open from " + a.registrationOpensAt() + " until " + a.registrationClosesAt() + ".");
        }
        Member m = members.member(memberId).filter(Member::active)
                .orElseThrow(() -> ProblemException.forbidden("Only an active member can register."));
        if (!inAudience(a, m)) {
            throw ProblemException.forbidden(a.audience().kind() == Activity.Audience.Kind.TIER
                    ? "This activity is for members of the " + a.audience().value() + " tier."
                    : "This activity is for an invited group of members.");
        }
        RegistrationStore.Outcome out = store.register(activityId, memberId, a.startsAt(), now);
        switch (out.result()) {
            case FULL:
                throw a.waitingLimit() == 0
                        ? ProblemException.conflict("full", "Activity full", "Every seat is taken and this activity has no waiting list.")
                        : ProblemException.conflict("waiting-list-full", "Waiting list full", "Every seat is taken and the waiting list is full.");
            case CLOSED:
                throw ProblemException.conflict("registration-closed", "Registration is not open", "Registration for this activity has closed.");
            case UNKNOWN_ACTIVITY:
                throw ProblemException.notFound("Activity " + activityId);
            case REGISTERED:
            case WAITING:
                notices.registered(a, memberId, out.result() == RegistrationStore.Result.WAITING);
                out.promoted().forEach(p -> notices.promoted(a, p));
                return out;
            case ALREADY:
                // a retry after a failed answer asks for the confirmation again (messaging keeps one per registration)
                notices.registered(a, memberId, out.registration().status() == RegistrationStore.Status.WAITING);
                return out;
            default:
                return out;
        }
    }

    public RegistrationStore.Outcome cancel(String memberId, String activityId) {
        ActivityStore.Stored stored = published(activityId);
        Instant now = clock.instant();
        if (!now.isBefore(stored.activity().startsAt())) {
            throw ProblemException.conflict("activity-started", "Already started", "A registration can be cancelled until the activity starts.");
        }
        RegistrationStore.Outcome out = store.cancel(activityId, memberId, now);
        if (out.registration() == null) {
            throw ProblemException.notFound("Registration for " + activityId);
        }
        out.promoted().forEach(p -> notices.promoted(stored.activity(), p));
        return out;
    }

    /** How long before the start a member's page shows the check-in code (doors open, a queue at the entrance). */
    public static final java.time.Duration CODE_BEFORE_START = java.time.Duration.ofHours(12);

    /**
     * The member's current check-in code (their page refreshes it at {@code refreshAt}); shown from
     * {@link #CODE_BEFORE_START} before the start until the end.
     */
    public CheckInCodes.Code code(String memberId, String activityId) {
        ActivityStore.Stored stored = published(activityId);
        Instant now = clock.instant();
        if (now.isBefore(stored.activity().startsAt().minus(CODE_BEFORE_START)) || !now.isBefore(stored.activity().endsAt())) {
            throw ProblemException.conflict("code-not-available", "No code now",
                    "The check-in code is shown from 12 hours before the start (" + stored.activity().startsAt() + ") until the end.");
        }
        RegistrationStore.Registration r = store.get(activityId, memberId)
                .filter(x -> x.status() == RegistrationStore.Status.REGISTERED)
                .orElseThrow(() -> ProblemException.notFound("A seat at " + activityId));
        return new CheckInCodes(stored.checkInKey()).current(r.no(), clock.instant());
    }

    /** The staff's check-in with a scanned or typed code: the first scan counts, a second answers with the first. */
    public RegistrationStore.CheckIn checkIn(String staff, String activityId, String code) {
        if (!CheckInCodes.wellFormed(code)) {
            throw ProblemException.invalidField("code", "a check-in code: the registration number, a dash and 6 digits (e.g. 42-381902)");
        }
        ActivityStore.Stored stored = published(activityId);
        Instant now = clock.instant();
        CheckInCodes.Verdict v = new CheckInCodes(stored.checkInKey()).verify(code, now);
        switch (v.outcome()) {
            case EXPIRED:
                throw ProblemException.unprocessable("code-expired", "Code expired",
                        "This code has expired: codes turn every 30 seconds. Ask the member to show the code on their page now.");
            case NOT_THIS_ACTIVITY:
            case MALFORMED:
                throw ProblemException.unprocessable("code-foreign", "Not a code for this activity",
                        "This code does not belong to this activity (another activity's code, or mistyped).");
            default:
                break;
        }
        String memberId = store.memberByNumber(activityId, v.registrationNo())
                .orElseThrow(() -> ProblemException.unprocessable("code-foreign", "Not a code for this activity", "No registration has this number."));
        // a number from before a cancellation and a new registration names the member but not their seat now
        store.get(activityId, memberId).filter(r -> r.no() == v.registrationNo() && r.status() == RegistrationStore.Status.REGISTERED)
                .orElseThrow(() -> ProblemException.conflict("no-seat", "No seat", "This registration holds no seat (waiting or cancelled)."));
        RegistrationStore.CheckIn done = store.checkIn(activityId, memberId, staff, now)
                .orElseThrow(() -> ProblemException.conflict("no-seat", "No seat", "This registration holds no seat (waiting or cancelled)."));
        attendance.attended(eventId(activityId, memberId), activityId, memberId, done.registration().checkedInAt());
        return done;
    }

    /** An online activity checks a registered member in on their first counted interaction carrying its id. */
    public Optional<RegistrationStore.CheckIn> interacted(String activityId, String memberId, Instant at) {
        Optional<ActivityStore.Stored> stored = activities.get(activityId);
        if (stored.isEmpty() || stored.get().activity().type() != Activity.ActivityType.ONLINE
                || at.isBefore(stored.get().activity().startsAt()) || !at.isBefore(stored.get().activity().endsAt())) {
            return Optional.empty();
        }
        Optional<RegistrationStore.CheckIn> done = store.checkIn(activityId, memberId, "online", at);
        done.ifPresent(c -> attendance.attended(eventId(activityId, memberId), activityId, memberId, c.registration().checkedInAt()));
        return done;
    }

    static String eventId(String activityId, String memberId) {
        return "attended:" + activityId + ":" + memberId;
    }

    private ActivityStore.Stored published(String activityId) {
        ActivityStore.Stored stored = activities.get(activityId).orElseThrow(() -> ProblemException.notFound("Activity " + activityId));
        if (stored.checkInKey() == null) {
            throw ProblemException.notFound("Activity " + activityId);
        }
        return stored;
    }

    /** Whether the member is in the activity's audience; the holdout is not invited but may still come (see docs). */
    static boolean inAudience(Activity a, Member m) {
        switch (a.audience().kind()) {
            case TIER: return a.audience().value().equalsIgnoreCase(m.tier());
            case SEGMENT: return m.segments() != null && m.segments().contains(a.audience().value());
            default: return true;
        }
    }

    /** Whether a member of the audience is held out (not invited) of a published activity. */
    public static boolean heldOut(ActivityStore.Stored stored, String memberId) {
        return stored.holdoutSeed() != null && new Holdout(stored.holdoutSeed(), stored.activity().holdoutBp()).heldOut(memberId);
    }
}
