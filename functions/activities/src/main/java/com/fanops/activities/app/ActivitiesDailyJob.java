package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.DailyDuties;
import com.fanops.activities.domain.DailyDuties.Duty;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.domain.Holdout;
import com.fanops.activities.domain.Ranking;
import com.fanops.activities.domain.SurveyLinks;
import com.fanops.activities.store.ActivityJobStore;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The daily activities job as a fanned-out job ({@link JobFanOut}). The coordinator moves statuses on time (published ->
 * running at the start, -> closed at the end; versioned, so a rerun changes nothing) when it sizes the run; shard
 * {@code i} of {@code n} then does, for every activity that has a {@link Duty} today, the members of its slice: the
 * invitations (segment {@code i} of a parallel Scan of the members), the reminders, the survey and the evaluation's
 * partial counts (member-id range {@code i}). The assembly adds the counts up, writes the report, moves the activity to
 * evaluated at its first report and publishes the ranking for the prizes once. Every per-member step is claimed in the
 * activity's partition ({@link ActivityJobStore}), so a shard worked twice sends nothing twice.
 *
 * <p>Shard rule: ceil(items in the members table / {@value #MEMBER_ITEMS_PER_SHARD}), as the rewards job: the invitation
 * walk reads a Scan segment of the members table, the rest reads a slice of each due activity's partition.
 */
public final class ActivitiesDailyJob implements JobFanOut.Job {

    public static final String NAME = "activities-daily";
    public static final int MEMBER_ITEMS_PER_SHARD = 20_000;
    /** Purchases count from the activity's first business day to this many days after its last. */
    public static final int PURCHASE_DAYS_AFTER = 7;
    static final String ACTOR = "activities-daily";
    /** How far back an activity may start and still owe the job something (31 days long, evaluated up to 60 days after, final at E+37). */
    static final Duration LOOK_BACK = Duration.ofDays(130);
    static final Duration LOOK_AHEAD = Duration.ofDays(400);
    private static final Log LOG = Log.get(ActivitiesDailyJob.class);

    /** The members of an audience in one segment of a parallel Scan of the members (admitted members only). */
    public interface AudienceSource {
        void forEach(Activity.Audience audience, int segment, int segments, Consumer<String> memberId);
    }

    /** Messages through messaging (one per member, kind and cause; consent checked at send time). */
    public interface Messages {
        void invitation(Activity a, String memberId);

        void reminder(Activity a, String memberId);

        /** @param surveyToken the member's own credential for this activity's survey ({@link SurveyLinks}) */
        void survey(Activity a, String memberId, String surveyToken);
    }

    /** A member's days as the interactions pipeline counted them. */
    public interface MemberDays {
        /** Days from {@code from} to {@code to}, both included, that had a counted interaction or a purchase. */
        List<Day> days(String memberId, LocalDate from, LocalDate to);
    }

    /** One member-day: active (a counted interaction) and what was bought (fen, refunds taken off). */
    public record Day(LocalDate day, boolean active, long spentMinor) {
    }

    /** Where the report goes (the admin API reads the latest), and what it is computed with besides the members' days. */
    public interface Reports {
        void save(Activity a, Evaluation e, LocalDate asOf, boolean last);

        /** The post-activity survey's scores (1-5). */
        List<Integer> scores(String activityId);

        /** What the activity has spent of its allocation (fen). */
        long cost(Activity a);

        /**
         * The report is final: what the activity's allocation did not spend goes back to its rewards budget, once (a
         * second call gives back nothing). A prize revoked later still gives its cost back, to the budget directly.
         */
        void settle(Activity a);
    }

    /** Publishes the participants' ranking for the prizes (rewards issues them, once per activity and member). */
    public interface Rankings {
        void ranked(Activity a, Instant at, List<Ranking.Candidate> top);
    }

    public record Ports(AudienceSource audience, Messages messages, MemberDays days, Reports reports, Rankings rankings) {
    }

    /** One activity's share of a shard's work (small: counts and at most the prizes' reach of candidates). */
    public record Part(Set<Duty> duties, long invited, long heldOut, long reminded, long surveyed, Evaluation.Tally tally,
                       List<Ranking.Candidate> top) {
    }

    private final ActivityStore activities;
    private final RegistrationStore registrations;
    private final ActivityJobStore jobs;
    private final Ports ports;
    private final LongSupplier memberItems;
    private final int perShard;
    private final ZoneId zone;

    public ActivitiesDailyJob(ActivityStore activities, RegistrationStore registrations, ActivityJobStore jobs, Ports ports,
                              LongSupplier memberItems, int perShard, ZoneId zone) {
        this.activities = activities;
        this.registrations = registrations;
        this.jobs = jobs;
        this.ports = ports;
        this.memberItems = memberItems;
        this.perShard = perShard;
        this.zone = zone;
    }

    @Override
    public String name() {
        return NAME;
    }

    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** Moves statuses on time (the coordinator's first step, repeated harmlessly when a run is resumed), then sizes the run. */
    @Override
    public int shards(LocalDate day, Instant at) {
        for (Due d : plan(at)) {
            Activity a = d.stored().activity();
            long version = a.version();
            ActivityStatus status = a.status();
            if (d.duties().contains(Duty.START) && activities.transition(a.activityId(), status, version, ActivityStatus.RUNNING, null, null, ACTOR, at)) {
                version++;
                status = ActivityStatus.RUNNING;
                LOG.info("activity running", "activityId", a.activityId());
            }
            if (d.duties().contains(Duty.CLOSE) && status == ActivityStatus.PUBLISHED) {
                activities.transition(a.activityId(), status, version, ActivityStatus.RUNNING, null, null, ACTOR, at);
                version++;
                status = ActivityStatus.RUNNING;
            }
            if (d.duties().contains(Duty.CLOSE) && activities.transition(a.activityId(), status, version, ActivityStatus.CLOSED, null, null, ACTOR, at)) {
                LOG.info("activity closed", "activityId", a.activityId());
            }
        }
        return Shard.countFor(memberItems.getAsLong(), perShard);
    }

    /** An activity with what it is owed on this run. */
    record Due(ActivityStore.Stored stored, ActivityJobStore.Marks marks, Set<Duty> duties) {
    }

    /** The activities owed something at {@code at}. */
    List<Due> plan(Instant at) {
        List<Due> out = new ArrayList<>();
        for (Activity listed : activities.startingBetween(at.minus(LOOK_BACK), at.plus(LOOK_AHEAD))) {
            if (listed.status().editable() || listed.status() == ActivityStatus.CANCELLED) {
                continue;
            }
            ActivityStore.Stored stored = activities.get(listed.activityId()).orElse(null);
            if (stored == null) {
                continue;
            }
            ActivityJobStore.Marks marks = jobs.marks(listed.activityId());
            Set<Duty> duties = DailyDuties.of(stored.activity(), stored.publishedAt(),
                    new DailyDuties.Done(marks.invitedAt(), marks.surveyedAt(), marks.finalOn()), at, zone);
            if (!duties.isEmpty()) {
                out.add(new Due(stored, marks, duties));
            }
        }
        return out;
    }

    @Override
    public String runShard(ShardTask task) {
        Map<String, Part> parts = new TreeMap<>();
        for (Due d : plan(task.at())) {
            Set<Duty> duties = EnumSet.copyOf(d.duties());
            duties.removeAll(EnumSet.of(Duty.START, Duty.CLOSE));
            if (!duties.isEmpty()) {
                parts.put(d.stored().activity().activityId(), work(d.stored(), duties, task));
            }
        }
        try {
            return Json.mapper().writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Part work(ActivityStore.Stored stored, Set<Duty> duties, ShardTask task) {
        Activity a = stored.activity();
        Shard range = task.range();
        Instant at = task.at();
        long[] invited = {0, 0};
        if (duties.contains(Duty.INVITE)) {
            Holdout holdout = stored.holdoutSeed() == null ? Holdout.none() : new Holdout(stored.holdoutSeed(), a.holdoutBp());
            ports.audience().forEach(a.audience(), task.shard(), task.shards(), memberId -> {
                ActivityJobStore.Group group = holdout.heldOut(memberId) ? ActivityJobStore.Group.HELD_OUT : ActivityJobStore.Group.INVITED;
                ActivityJobStore.Claim claim = jobs.draw(a.activityId(), memberId, group, at);
                invited[claim.group() == ActivityJobStore.Group.INVITED ? 0 : 1]++;
                if (claim.toSend()) {
                    ports.messages().invitation(a, memberId);
                    jobs.invitationSent(a.activityId(), memberId, at);
                }
            });
        }
        long[] told = {0, 0};
        SurveyLinks links = duties.contains(Duty.SURVEY) ? new SurveyLinks(stored.checkInKey()) : null;
        if (duties.contains(Duty.REMIND) || duties.contains(Duty.SURVEY)) {
            registrations.forEachIn(a.activityId(), range, r -> {
                if (r.status() != RegistrationStore.Status.REGISTERED) {
                    return;
                }
                if (duties.contains(Duty.REMIND) && !r.checkedIn() && send(a, "reminder", r.memberId(), at, ports.messages()::reminder)) {
                    told[0]++;
                }
                if (duties.contains(Duty.SURVEY) && r.checkedIn() && send(a, "survey", r.memberId(), at,
                        (act, m) -> ports.messages().survey(act, m, links.token(act.activityId(), m)))) {
                    told[1]++;
                }
            });
        }
        Evaluation.Tally tally = null;
        List<Ranking.Candidate> top = List.of();
        if (duties.contains(Duty.EVALUATE)) {
            List<Ranking.Candidate> candidates = new ArrayList<>();
            tally = tally(a, range, task.day(), candidates);
            top = Ranking.top(candidates, Ranking.reach(a));
        }
        return new Part(duties, invited[0], invited[1], told[0], told[1], tally, top);
    }

    private boolean send(Activity a, String kind, String memberId, Instant at, BiConsumer<Activity, String> message) {
        if (!jobs.claimMessage(a.activityId(), kind, memberId, at)) {
            return false;
        }
        message.accept(a, memberId);
        jobs.messageSent(a.activityId(), kind, memberId, at);
        return true;
    }

    /**
     * The evaluation's counts over the shard's members: those holding a seat at the end (registered; checked in or not)
     * and those of the audience snapshot. Each member's days are read once, from the activity's first day to E+36 or
     * the day before the run, whichever is earlier.
     */
    Evaluation.Tally tally(Activity a, Shard range, LocalDate runDay, List<Ranking.Candidate> candidates) {
        LocalDate first = a.startsAt().atZone(zone).toLocalDate();
        LocalDate end = DailyDuties.lastDay(a, zone);
        LocalDate last = end.plusDays(DailyDuties.FINAL_AFTER_DAYS - 1);
        LocalDate readTo = runDay.minusDays(1).isBefore(last) ? runDay.minusDays(1) : last;
        Map<String, ActivityJobStore.Group> drawn = new HashMap<>();
        jobs.forEachDrawn(a.activityId(), range, drawn::put);
        long seated = 0;
        long participants = 0;
        long buyers = 0;
        long purchases = 0;
        Evaluation.Group p = Evaluation.Group.EMPTY;
        Evaluation.Group invited = Evaluation.Group.EMPTY;
        Evaluation.Group holdout = Evaluation.Group.EMPTY;
        List<RegistrationStore.Registration> seats = new ArrayList<>();
        registrations.forEachIn(a.activityId(), range, r -> {
            if (r.status() == RegistrationStore.Status.REGISTERED) {
                seats.add(r);
            }
        });
        Map<String, List<Day>> daysOf = new HashMap<>();
        for (RegistrationStore.Registration r : seats) {
            daysOf.put(r.memberId(), ports.days().days(r.memberId(), first, readTo));
        }
        for (String m : drawn.keySet()) {
            daysOf.computeIfAbsent(m, id -> ports.days().days(id, first, readTo));
        }
        for (RegistrationStore.Registration r : seats) {
            seated++;
            if (!r.checkedIn()) {
                continue;
            }
            participants++;
            List<Day> days = daysOf.get(r.memberId());
            long spent = days.stream().filter(d -> !d.day().isAfter(end.plusDays(PURCHASE_DAYS_AFTER))).mapToLong(Day::spentMinor).sum();
            purchases += spent;
            buyers += spent > 0 ? 1 : 0;
            p = p.with(end, activeDates(days));
            int during = (int) days.stream().filter(d -> d.active() && !d.day().isAfter(end)).count();
            candidates.add(new Ranking.Candidate(r.memberId(), during, r.checkedInAt()));
        }
        for (Map.Entry<String, ActivityJobStore.Group> e : drawn.entrySet()) {
            List<LocalDate> dates = activeDates(daysOf.get(e.getKey()));
            if (e.getValue() == ActivityJobStore.Group.INVITED) {
                invited = invited.with(end, dates);
            } else {
                holdout = holdout.with(end, dates);
            }
        }
        return new Evaluation.Tally(seated, participants, buyers, purchases, p, invited, holdout);
    }

    private static List<LocalDate> activeDates(List<Day> days) {
        return days.stream().filter(Day::active).map(Day::day).toList();
    }

    @Override
    public void assemble(LocalDate day, Instant at, Map<Integer, String> partials) {
        Map<String, List<Part>> byActivity = new TreeMap<>();
        for (String json : partials.values()) {
            parse(json).forEach((id, part) -> byActivity.computeIfAbsent(id, k -> new ArrayList<>()).add(part));
        }
        for (Map.Entry<String, List<Part>> e : byActivity.entrySet()) {
            ActivityStore.Stored stored = activities.get(e.getKey()).orElse(null);
            if (stored != null) {
                finish(stored, e.getValue(), day, at);
            }
        }
    }

    private void finish(ActivityStore.Stored stored, List<Part> parts, LocalDate day, Instant at) {
        Activity a = stored.activity();
        Set<Duty> duties = EnumSet.noneOf(Duty.class);
        long invited = 0;
        long heldOut = 0;
        long reminded = 0;
        long surveyed = 0;
        Evaluation.Tally tally = Evaluation.Tally.EMPTY;
        List<Ranking.Candidate> candidates = new ArrayList<>();
        for (Part p : parts) {
            duties.addAll(p.duties());
            invited += p.invited();
            heldOut += p.heldOut();
            reminded += p.reminded();
            surveyed += p.surveyed();
            if (p.tally() != null) {
                tally = tally.plus(p.tally());
            }
            candidates.addAll(p.top());
        }
        LOG.info("activity day", "activityId", a.activityId(), "day", day.toString(), "duties", duties.toString(), "invited", invited,
                "heldOut", heldOut, "reminded", reminded, "surveyed", surveyed);
        if (duties.contains(Duty.INVITE)) {
            jobs.mark(a.activityId(), "invitedAt", at.toString());
        }
        if (duties.contains(Duty.SURVEY)) {
            jobs.mark(a.activityId(), "surveyedAt", at.toString());
        }
        if (!duties.contains(Duty.EVALUATE)) {
            return;
        }
        boolean last = DailyDuties.finalOn(a, zone, day);
        Evaluation report = Evaluation.from(tally, DailyDuties.lastDay(a, zone), day, ports.reports().scores(a.activityId()),
                ports.reports().cost(a), a.goals());
        ports.reports().save(a, report, day, last);
        jobs.mark(a.activityId(), "firstEvaluatedOn", day.toString());
        if (a.status() == ActivityStatus.CLOSED) {
            activities.transition(a.activityId(), ActivityStatus.CLOSED, a.version(), ActivityStatus.EVALUATED, null, null, ACTOR, at);
        }
        int reach = Ranking.reach(a);
        ActivityJobStore.Marks marks = jobs.marks(a.activityId());
        if (reach > 0 && marks.rankSentAt() == null) {
            ports.rankings().ranked(a, at, Ranking.top(candidates, reach));
            jobs.mark(a.activityId(), "rankSentAt", at.toString());
        }
        if (last) {
            ports.reports().settle(a);
            jobs.mark(a.activityId(), "finalOn", day.toString());
        }
    }

    static Map<String, Part> parse(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Part>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
