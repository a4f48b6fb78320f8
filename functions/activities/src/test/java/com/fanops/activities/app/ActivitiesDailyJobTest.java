package com.fanops.activities.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.domain.Ranking;
import com.fanops.activities.domain.SurveyLinks;
import com.fanops.activities.store.ActivityJobStore;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily job through an activity's whole life, one run a day from its publication to long after its end, with the
 * clock moved in seconds: statuses on time, the audience drawn once with the holdout's share, invitations, reminders and
 * the survey each once per member (also when a shard is worked again), the first report on E+7, recomputed daily until
 * the final one on E+37, nothing after, the activity evaluated and the ranking published once.
 */
class ActivitiesDailyJobTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant PUBLISH = Instant.parse("2026-07-01T03:00:00Z");
    static final Instant STARTS = Instant.parse("2026-07-10T02:00:00Z"); // 10:00 in Shanghai
    static final Instant ENDS = Instant.parse("2026-07-12T10:00:00Z");   // 18:00 on 12 July: E
    static final LocalDate E = LocalDate.parse("2026-07-12");
    static final int COMMUNITY = 400;

    private static LocalDynamo dynamo;

    // each test its own DynamoDB: the job works every activity of the table
    @BeforeEach
    void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
    }

    /** An in-memory world around the real stores: the community, its days, what was sent and reported. */
    static final class World implements ActivitiesDailyJob.AudienceSource, ActivitiesDailyJob.Messages, ActivitiesDailyJob.MemberDays,
            ActivitiesDailyJob.Reports, ActivitiesDailyJob.Rankings {
        final List<String> community = new ArrayList<>();
        final Map<String, Map<LocalDate, Long>> days = new HashMap<>();
        final List<String> sent = new ArrayList<>();
        final Map<String, String> surveyTokens = new HashMap<>();
        final TreeMap<LocalDate, Evaluation> reports = new TreeMap<>();
        final Set<LocalDate> finals = new HashSet<>();
        final List<List<Ranking.Candidate>> rankings = new ArrayList<>();
        final List<Integer> scores = new ArrayList<>();
        final List<String> settled = new ArrayList<>();
        LocalDate today;
        long cost;

        World(Random random, int size) {
            for (int i = 0; i < size; i++) {
                byte[] id = new byte[16];
                random.nextBytes(id);
                community.add("m_" + HexFormat.of().formatHex(id));
            }
        }

        public void forEach(Activity.Audience audience, int segment, int segments, Consumer<String> memberId) {
            community.stream().filter(m -> Math.floorMod(m.hashCode(), segments) == segment).forEach(memberId);
        }

        public void invitation(Activity a, String memberId) {
            sent.add("invitation " + memberId);
        }

        public void reminder(Activity a, String memberId) {
            sent.add("reminder " + memberId);
        }

        public void survey(Activity a, String memberId, String surveyToken) {
            sent.add("survey " + memberId);
            surveyTokens.put(memberId, surveyToken);
        }

        public List<ActivitiesDailyJob.Day> days(String memberId, LocalDate from, LocalDate to) {
            List<ActivitiesDailyJob.Day> out = new ArrayList<>();
            days.getOrDefault(memberId, Map.of()).forEach((d, spent) -> {
                if (!d.isBefore(from) && !d.isAfter(to)) {
                    out.add(new ActivitiesDailyJob.Day(d, true, spent));
                }
            });
            return out;
        }

        public void save(Activity a, Evaluation e, LocalDate asOf, boolean last) {
            reports.put(asOf, e);
            if (last) {
                finals.add(asOf);
            }
        }

        public List<Integer> scores(String activityId) {
            return scores;
        }

        public long cost(Activity a) {
            return cost;
        }

        public void settle(Activity a) {
            settled.add(a.activityId() + " " + today);
        }

        public void ranked(Activity a, Instant at, List<Ranking.Candidate> top) {
            rankings.add(top);
        }

        long count(String kind, String memberId) {
            return sent.stream().filter(s -> s.equals(kind + " " + memberId)).count();
        }

        List<String> of(String kind) {
            return sent.stream().filter(s -> s.startsWith(kind + " ")).map(s -> s.substring(kind.length() + 1)).toList();
        }
    }

    /** The job, its fan-out and a queue that the test works by hand (each message may be worked twice). */
    final class Rig {
        final MutableClock clock = new MutableClock(PUBLISH);
        final ActivityStore activities = new ActivityStore(dynamo.client(), "ActivitiesTable");
        final RegistrationStore registrations = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        final ActivityJobStore jobs = new ActivityJobStore(dynamo.client(), "ActivitiesTable");
        final List<ShardTask> queue = new ArrayList<>();
        final ActivitiesDailyJob job;
        final JobFanOut fanOut;
        final Activities service;
        final Registrations members;

        final World world;

        Rig(World world, int perShard) {
            this.world = world;
            ActivitiesDailyJob.Ports ports = new ActivitiesDailyJob.Ports(world, world, world, world, world);
            job = new ActivitiesDailyJob(activities, registrations, jobs, ports, () -> world.community.size(), perShard, ZONE);
            fanOut = new JobFanOut(job, new JobRuns(dynamo.client(), "ActivitiesTable", new CapacityMeter(), clock), queue::addAll, clock);
            Activities.BudgetLedger unlimited = new Activities.BudgetLedger() {
                public boolean reserve(String b, String a, long amount, Instant at) { return true; }
                public void release(String b, String a, Instant at) { }
                public long available(String b) { return Long.MAX_VALUE; }
            };
            service = new Activities(activities, unlimited, itemIds -> java.util.Map.of(), new AuditLog(dynamo.client(), "AuditTable", clock), clock);
            members = new Registrations(activities, registrations, id -> Optional.of(new Registrations.Member(id, true, "gold", List.of())),
                    (eventId, activityId, memberId, at) -> { }, new Registrations.Notices() {
                        public void registered(Activity a, String m, boolean waiting) { }
                        public void promoted(Activity a, String m) { }
                    }, clock);
        }

        Activity publish(String place, int holdoutBp, List<Activity.Prize> prizes) {
            clock.set(PUBLISH);
            ActivityDraft d = new ActivityDraft("Summer meetup", "Tea and a talk", "offline", place, STARTS, ENDS, PUBLISH, STARTS, 60, 10,
                    new ActivityDraft.AudienceDraft("everyone", null), null, null, new Activity.Goals(20L, 0.5, null, 4.0, 1.0), "Li Na",
                    prizes, holdoutBp, null, List.of());
            Activity a = service.create("manager", d);
            a = service.transition("manager", a.activityId(), a.version(), ActivityStatus.APPROVED);
            clock.set(PUBLISH.plusSeconds(60));
            return service.transition("manager", a.activityId(), a.version(), ActivityStatus.PUBLISHED);
        }

        /** The day's run at 00:40 business time: the coordinator, then every shard message worked (twice when asked). */
        void runDay(LocalDate day, boolean twice) {
            world.today = day;
            Instant at = day.atTime(LocalTime.of(0, 40)).atZone(ZONE).toInstant();
            clock.set(at);
            fanOut.coordinate(day, at);
            List<ShardTask> tasks = new ArrayList<>(queue);
            queue.clear();
            for (ShardTask t : tasks) {
                fanOut.work(t);
                if (twice) {
                    // the shard's report lost and the shard worked again from scratch: the job itself must send nothing twice
                    job.runShard(t);
                    fanOut.work(t);
                }
            }
        }

        ActivityStatus status(String id) {
            return activities.get(id).orElseThrow().activity().status();
        }
    }

    @Test
    void anActivitysWholeLifeRunsOnTimeAndSendsEachMessageOnce() {
        Random random = new Random(17);
        World world = new World(random, COMMUNITY);
        Rig rig = new Rig(world, 150); // 400 members: 3 shards
        Activity a = rig.publish("Hall A", 2_000, List.of(new Activity.Prize("mug", 3)));
        String id = a.activityId();

        // registrations while published: 40 members of the community
        List<String> registered = new ArrayList<>(world.community.subList(0, 40));
        rig.clock.set(PUBLISH.plusSeconds(3_600));
        registered.forEach(m -> rig.members.register(m, id));

        Map<LocalDate, ActivityStatus> statusAfter = new TreeMap<>();
        for (LocalDate day = LocalDate.parse("2026-07-01"); !day.isAfter(E.plusDays(42)); day = day.plusDays(1)) {
            if (day.equals(LocalDate.parse("2026-07-10"))) {
                // a late registration, after the reminders of the day before: reminded on the start day
                rig.clock.set(day.atStartOfDay(ZONE).toInstant().plusSeconds(60));
                rig.members.register(world.community.get(40), id);
                registered.add(world.community.get(40));
            }
            boolean twice = day.equals(LocalDate.parse("2026-07-02")) || day.equals(LocalDate.parse("2026-07-09"))
                    || day.equals(LocalDate.parse("2026-07-13"));
            rig.runDay(day, twice);
            if (day.equals(LocalDate.parse("2026-07-10"))) {
                // the day runs: 25 of the seat holders check in during the activity; they are active on its days
                rig.clock.set(STARTS.plusSeconds(600));
                for (int i = 0; i < 25; i++) {
                    rig.clock.set(STARTS.plusSeconds(600 + i * 60L));
                    rig.registrations.checkIn(id, registered.get(i), "staff", rig.clock.instant());
                    world.days.computeIfAbsent(registered.get(i), k -> new TreeMap<>()).put(day.plusDays(i % 3), i * 100L);
                }
            }
            statusAfter.put(day, rig.status(id));
            if (day.equals(LocalDate.parse("2026-07-20"))) {
                rig.runDay(day, false); // the schedule fired twice for a day: nothing more
            }
        }

        assertEquals(ActivityStatus.PUBLISHED, statusAfter.get(LocalDate.parse("2026-07-10")), "the run at 00:40 comes before the 10:00 start");
        assertEquals(ActivityStatus.RUNNING, statusAfter.get(LocalDate.parse("2026-07-11")));
        assertEquals(ActivityStatus.RUNNING, statusAfter.get(LocalDate.parse("2026-07-12")));
        assertEquals(ActivityStatus.CLOSED, statusAfter.get(LocalDate.parse("2026-07-13")));
        assertEquals(ActivityStatus.CLOSED, statusAfter.get(E.plusDays(6)));
        assertEquals(ActivityStatus.EVALUATED, statusAfter.get(E.plusDays(7)));

        // the audience snapshot: every member once, a fifth held out (binomial sd 8: within 5 sd), only the invited invited
        Map<String, ActivityJobStore.Group> drawn = new HashMap<>();
        rig.jobs.forEachDrawn(id, Shard.whole(), drawn::put);
        assertEquals(COMMUNITY, drawn.size());
        long heldOut = drawn.values().stream().filter(g -> g == ActivityJobStore.Group.HELD_OUT).count();
        assertTrue(Math.abs(heldOut - 80) <= 40, "held out " + heldOut + " of 400 at 20%");
        List<String> invitations = world.of("invitation");
        assertEquals(COMMUNITY - heldOut, invitations.size());
        assertEquals(COMMUNITY - heldOut, new HashSet<>(invitations).size(), "one invitation per member");
        invitations.forEach(m -> assertEquals(ActivityJobStore.Group.INVITED, drawn.get(m)));

        // reminders: every seat holder once, the late one too; the survey: every participant once
        List<String> reminders = world.of("reminder");
        assertEquals(Set.copyOf(registered), Set.copyOf(reminders));
        assertEquals(registered.size(), reminders.size());
        List<String> surveys = world.of("survey");
        assertEquals(Set.copyOf(registered.subList(0, 25)), Set.copyOf(surveys));
        assertEquals(25, surveys.size());
        // each survey link carries that member's own credential for this activity, made with the activity's key
        SurveyLinks links = new SurveyLinks(rig.activities.get(a.activityId()).orElseThrow().checkInKey());
        world.surveyTokens.forEach((m, token) -> assertEquals(Optional.of(m), links.memberOf(a.activityId(), token)));
        assertEquals(25, Set.copyOf(world.surveyTokens.values()).size(), "one credential per member");

        // the report: first on E+7, daily to E+37 (final), nothing after
        assertEquals(E.plusDays(7), world.reports.firstKey());
        assertEquals(E.plusDays(37), world.reports.lastKey());
        assertEquals(31, world.reports.size());
        assertEquals(Set.of(E.plusDays(37)), world.finals);
        assertEquals(List.of(id + " " + E.plusDays(37)), world.settled, "the allocation settled with the final report, once");
        assertTrue(world.reports.get(E.plusDays(7)).d7().pending());
        assertTrue(world.reports.get(E.plusDays(36)).d30().pending());
        assertFalse(world.reports.get(E.plusDays(37)).d30().pending());
        Evaluation last = world.reports.get(E.plusDays(37));
        assertEquals(41, last.seated());
        assertEquals(25, last.participants());

        // the ranking for the prizes: once, the top 3 by active days during the activity, ties by check-in time
        assertEquals(1, world.rankings.size());
        assertEquals(List.of(registered.get(0), registered.get(1), registered.get(2)),
                world.rankings.get(0).stream().map(Ranking.Candidate::memberId).toList());
        assertNotNull(rig.jobs.marks(id).rankSentAt());
    }

    @Test
    void anActivityWithoutHoldoutInvitesEveryoneAndRanksNobodyWithoutPrizes() {
        World world = new World(new Random(5), 30);
        Rig rig = new Rig(world, 1_000);
        Activity a = rig.publish("Hall B", 0, List.of());
        rig.runDay(LocalDate.parse("2026-07-02"), true);
        assertEquals(30, world.of("invitation").size());
        assertEquals(30, Set.copyOf(world.of("invitation")).size());
        rig.runDay(LocalDate.parse("2026-07-03"), false);
        assertEquals(30, world.of("invitation").size(), "the audience is walked once");
        for (LocalDate day = LocalDate.parse("2026-07-13"); !day.isAfter(E.plusDays(8)); day = day.plusDays(1)) {
            rig.runDay(day, false);
        }
        assertEquals(ActivityStatus.EVALUATED, rig.status(a.activityId()));
        assertEquals(0, world.reports.firstEntry().getValue().participants());
        assertNull(world.reports.firstEntry().getValue().d7().invitedVsHoldout().lift(), "no holdout, no lift");
        assertTrue(world.rankings.isEmpty());
    }
}
