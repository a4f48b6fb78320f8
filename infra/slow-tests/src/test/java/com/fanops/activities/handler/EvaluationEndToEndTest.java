package com.fanops.activities.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.app.Activities;
import com.fanops.activities.app.ActivityDraft;
import com.fanops.activities.app.Registrations;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.domain.Lift;
import com.fanops.activities.domain.Ranking;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Texts;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.testing.RecordedEvents;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance: an evaluation computed by the daily job on a generated activity equals a brute force over the generated
 * data, including the lift against the holdout and the cost of the prizes. A community of 240 members; an activity with a
 * quarter held out, its budget allocated on a rewards budget and a prize for the top 5 in rewards' catalogue, 130
 * registrations (some cancelled), check-ins; likes and purchases from E-10 to E+40 put through engagement's real
 * interaction store (the days the job reads); the job run every day from the publication to E+40 with three shards,
 * each shard message worked twice; survey answers and the report through their real stores. The stored report of every
 * day from E+7 to E+37 is compared with a count made from the generated log with plain loops (no {@code Evaluation}, no
 * {@code Lift}). The ranking goes out as the function publishes it ({@link OutboxRankings}) and reaches rewards' prizes
 * (the event's JSON, as the bus carries it): from the report after the first, the cost is the prizes' charged to the allocation.
 */
@Tag("slow")
class EvaluationEndToEndTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant PUBLISH = Instant.parse("2026-09-01T02:00:00Z");
    static final Instant STARTS = Instant.parse("2026-09-20T01:00:00Z"); // 09:00 on 20 September
    static final Instant ENDS = Instant.parse("2026-09-20T10:00:00Z");   // 18:00: E = 20 September
    static final LocalDate E = LocalDate.parse("2026-09-20");
    static final int COMMUNITY = 240;
    static final long MUG_COST = 1_800;

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** What the job is given besides the stores: the community (by Scan segment), and where reports and requests go. */
    static final class Outside implements ActivitiesDailyJob.AudienceSource, ActivitiesDailyJob.Messages, ActivitiesDailyJob.Rankings {
        final List<String> community;
        final List<String> sent = new ArrayList<>();
        final List<List<Ranking.Candidate>> rankings = new ArrayList<>();

        Outside(List<String> community) {
            this.community = community;
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
        }

        public void ranked(Activity a, Instant at, List<Ranking.Candidate> top) {
            rankings.add(top);
        }
    }

    @Test
    void theJobsReportEqualsABruteForceOverTheGeneratedData() {
        Random random = new Random(1717);
        List<String> community = new ArrayList<>();
        for (int i = 0; i < COMMUNITY; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            community.add("m_" + HexFormat.of().formatHex(id));
        }
        Outside outside = new Outside(community);
        MutableClock clock = new MutableClock(PUBLISH);
        InteractionStore interactions = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
        EvaluationStore reports = new EvaluationStore(dynamo.client(), "ActivitiesTable");
        SurveyStore surveys = new SurveyStore(dynamo.client(), "ActivitiesTable");
        BudgetStore budgets = new BudgetStore(dynamo.client(), "RewardsTable");
        Rewards rewards = new Rewards(dynamo.client(), new Rewards.Tables("RewardsTable", "ConfigTable", "InteractionsTable", "MembersTable",
                "AuditTable"), new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents(), clock), ZONE, clock, Duration.ZERO);
        rewards.catalogue.change(new Catalogue(List.of(new CatalogueItem("mug", RewardType.GIFT, new Texts("马克杯", "Mug"), null, null, null,
                null, null, List.of(), null, MUG_COST, "autumn", false, null, null, null, null, null, true))),
                rewards.catalogue.currentVersion().version(), "manager");
        assertTrue(budgets.create("autumn", "Autumn", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 100_000, "manager", PUBLISH));
        List<ActivityRanked> delivered = new ArrayList<>();
        // The bus as far as rewards: the ranked members are admitted members of the directory, the event arrives as JSON.
        EventOutbox activitiesOutbox = new EventOutbox(dynamo.client(), "EventOutboxTable", (source, type, detail, time) -> {
            ActivityRanked ranked = parse(detail);
            ranked.ranking().forEach(r -> member(rewards, r.memberId()));
            delivered.add(ranked);
            rewards.prizes.award(ranked);
            rewards.prizes.award(ranked); // delivered twice
        }, clock);
        OutboxRankings publisher = new OutboxRankings(activitiesOutbox);
        ActivitiesDailyJob.Rankings rankings = (act, at, top) -> {
            outside.ranked(act, at, top);
            publisher.ranked(act, at, top);
        };
        ActivitiesDailyJob.Ports ports = new ActivitiesDailyJob.Ports(outside, outside, new EngagementDays(interactions),
                new StoredReports(reports, surveys, budgets, clock), rankings);
        List<ShardTask> queue = new ArrayList<>();
        ActivitiesFanOut wiring = new ActivitiesFanOut(dynamo.client(), "ActivitiesTable", ports, () -> COMMUNITY, 80, ZONE, queue::addAll, clock);

        ActivityStore activityStore = new ActivityStore(dynamo.client(), "ActivitiesTable");
        RegistrationStore registrationStore = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        Activities.BudgetLedger unlimited = new Activities.BudgetLedger() {
            public boolean reserve(String b, String a, long amount, Instant at) { return true; }
            public void release(String b, String a, Instant at) { }
            public long available(String b) { return Long.MAX_VALUE; }
        };
        Activities activities = new Activities(activityStore, unlimited, itemIds -> java.util.Map.of(), new AuditLog(dynamo.client(), "AuditTable", clock), clock);
        Registrations registrations = new Registrations(activityStore, registrationStore,
                id -> Optional.of(new Registrations.Member(id, true, "gold", List.of())), (eventId, activityId, memberId, at) -> { },
                new Registrations.Notices() {
                    public void registered(Activity a, String m, boolean waiting) { }
                    public void promoted(Activity a, String m) { }
                }, clock);

        Activity a = activities.create("manager", new ActivityDraft("Autumn tasting", null, "offline", "Store 12", STARTS, ENDS, PUBLISH,
                STARTS, 200, 0, new ActivityDraft.AudienceDraft("everyone", null), null, null,
                new Activity.Goals(60L, 0.6, 50_000L, 4.2, 2.0), "Li Na", List.of(new Activity.Prize("mug", 5)), 2_500, null, List.of()));
        a = activities.transition("manager", a.activityId(), a.version(), ActivityStatus.APPROVED);
        clock.set(PUBLISH.plusSeconds(30));
        a = activities.transition("manager", a.activityId(), a.version(), ActivityStatus.PUBLISHED);
        String id = a.activityId();
        ActivityStore.Stored published = activityStore.get(id).orElseThrow();
        assertEquals(BudgetStore.AllocationResult.ALLOCATED, budgets.allocate("autumn", id, 20_000, PUBLISH), "the approval's allocation");

        // the generated log: registrations (some cancelled), check-ins, active days, purchases, scores
        List<String> shuffled = new ArrayList<>(community);
        Collections.shuffle(shuffled, random);
        Set<String> seated = new HashSet<>();
        Set<String> participants = new HashSet<>();
        Map<String, Instant> checkedInAt = new HashMap<>();
        clock.set(PUBLISH.plusSeconds(3_600));
        for (String m : shuffled.subList(0, 130)) {
            clock.set(clock.instant().plusSeconds(60));
            registrations.register(m, id);
            seated.add(m);
        }
        for (String m : shuffled.subList(0, 12)) {
            registrations.cancel(m, id);
            seated.remove(m);
        }
        List<String> seatedList = new ArrayList<>(seated);
        seatedList.sort(null);
        int second = 0;
        for (String m : seatedList) {
            if (random.nextDouble() < 0.7) {
                Instant at = STARTS.plusSeconds(60L * second++);
                registrationStore.checkIn(id, m, "staff", at);
                participants.add(m);
                checkedInAt.put(m, at);
            }
        }
        Map<String, Set<LocalDate>> active = new HashMap<>();
        Map<String, Map<LocalDate, Long>> bought = new HashMap<>();
        EngagementRules rules = EngagementRules.defaults();
        int n = 0;
        for (String m : community) {
            double p = participants.contains(m) ? 0.35 : 0.15;
            for (LocalDate d = E.minusDays(10); !d.isAfter(E.plusDays(40)); d = d.plusDays(1)) {
                if (random.nextDouble() >= p) {
                    continue;
                }
                Instant at = d.atTime(LocalTime.of(12, 0)).atZone(ZONE).toInstant();
                interactions.apply(new Interaction("wechat", "like-" + n++, m, InteractionType.LIKE, at, null, null, null, null), rules);
                active.computeIfAbsent(m, k -> new HashSet<>()).add(d);
                if (random.nextDouble() < 0.2) {
                    long fen = 100L * (1 + random.nextInt(300)) + random.nextInt(100);
                    interactions.apply(new Interaction("shop", "buy-" + n++, m, InteractionType.PURCHASE, at.plusSeconds(60),
                            BigDecimal.valueOf(fen, 2), "CNY", null, null), rules);
                    bought.computeIfAbsent(m, k -> new HashMap<>()).merge(d, fen, Long::sum);
                }
            }
        }
        List<Integer> scores = new ArrayList<>();
        for (String m : participants) {
            if (random.nextDouble() < 0.6) {
                int score = 1 + random.nextInt(5);
                assertTrue(surveys.put(new SurveyStore.Answer(id, m, score, null, ENDS.plusSeconds(3_600))));
                scores.add(score);
            }
        }
        // the cost is what the activity's allocation of its rewards budget has spent: the five mugs once they are issued
        long cost = 5 * MUG_COST;
        TreeMap<LocalDate, Evaluation> stored = new TreeMap<>();
        Set<LocalDate> finals = new HashSet<>();

        for (LocalDate day = LocalDate.parse("2026-09-01"); !day.isAfter(E.plusDays(40)); day = day.plusDays(1)) {
            Instant at = day.atTime(LocalTime.of(0, 40)).atZone(ZONE).toInstant();
            clock.set(at);
            wiring.fanOut.coordinate(day, at);
            List<ShardTask> tasks = new ArrayList<>(queue);
            queue.clear();
            for (ShardTask t : tasks) {
                wiring.job.runShard(t); // a first attempt whose report was lost
                wiring.fanOut.work(t);
                wiring.fanOut.work(t);
            }
            // the report as the admin API reads it: the latest, with the day it covers
            Optional<EvaluationStore.Report> report = reports.get(id);
            if (report.isPresent() && report.get().asOf().equals(day)) {
                stored.put(day, report.get().evaluation());
                if (report.get().isFinal()) {
                    finals.add(day);
                }
            }
        }
        assertEquals(3, Shard.countFor(COMMUNITY, 80));

        // the groups, as drawn at publication from the locked seed
        Set<String> heldOut = new HashSet<>();
        Set<String> invited = new HashSet<>();
        for (String m : community) {
            (Registrations.heldOut(published, m) ? heldOut : invited).add(m);
        }
        assertTrue(heldOut.size() > 30 && heldOut.size() < 90, "a quarter of 240 held out: " + heldOut.size());
        assertEquals(invited.size(), outside.sent.stream().filter(s -> s.startsWith("invitation ")).count());
        assertEquals(participants.size(), outside.sent.stream().filter(s -> s.startsWith("survey ")).count());

        assertEquals(E.plusDays(7), stored.firstKey());
        assertEquals(E.plusDays(37), stored.lastKey());
        for (Map.Entry<LocalDate, Evaluation> r : stored.entrySet()) {
            LocalDate asOf = r.getKey();
            Evaluation e = r.getValue();
            String on = " (report of " + asOf + ")";
            assertEquals(seated.size(), e.seated(), "seated" + on);
            assertEquals(participants.size(), e.participants(), "participants" + on);
            assertEquals(participants.size() / (double) seated.size(), e.attendanceRate(), 1e-12);
            long buyers = 0;
            long total = 0;
            for (String m : participants) {
                long spent = 0;
                for (Map.Entry<LocalDate, Long> b : bought.getOrDefault(m, Map.of()).entrySet()) {
                    if (!b.getKey().isBefore(E) && !b.getKey().isAfter(E.plusDays(7)) && b.getKey().isBefore(asOf)) {
                        spent += b.getValue();
                    }
                }
                total += spent;
                buyers += spent > 0 ? 1 : 0;
            }
            assertEquals(total, e.purchasesMinor(), "purchases" + on);
            assertEquals(buyers, e.buyers(), "buyers" + on);
            assertEquals(scores.size(), e.satisfactionResponses());
            assertEquals(scores.stream().mapToInt(Integer::intValue).sum() / (double) scores.size(), e.satisfaction(), 1e-12);
            assertEquals(asOf.equals(E.plusDays(7)) ? 0 : cost, e.costMinor(), "cost: the prizes go out after the first report" + on);
            for (int w : new int[] {7, 30}) {
                Evaluation.Retention got = w == 7 ? e.d7() : e.d30();
                LocalDate from = E.plusDays(w);
                LocalDate to = E.plusDays(w + 6);
                assertEquals(!asOf.isAfter(to), got.pending(), "D" + w + " pending" + on);
                Set<String> retained = new HashSet<>();
                for (String m : community) {
                    for (LocalDate d : active.getOrDefault(m, Set.of())) {
                        // the job reads days up to the day before its run: a window not yet over is pending anyway
                        if (!d.isBefore(from) && !d.isAfter(to) && d.isBefore(asOf)) {
                            retained.add(m);
                        }
                    }
                }
                same(got.participantsVsHoldout(), participants, heldOut, retained, "D" + w + " participants" + on);
                same(got.invitedVsHoldout(), invited, heldOut, retained, "D" + w + " invited" + on);
            }
            if (!e.engagement().pending()) {
                assertEquals(mean(participants, active), e.engagement().participants(), 1e-12);
                assertEquals(mean(invited, active), e.engagement().invited(), 1e-12);
                assertEquals(mean(heldOut, active), e.engagement().holdout(), 1e-12);
            }
        }
        Evaluation last = stored.lastEntry().getValue();
        assertFalse(last.d30().pending());
        assertNotNull(last.d30().invitedVsHoldout().lift(), "the lift against the holdout");
        long retained30 = last.d30().participantsVsHoldout().treatedRetained();
        assertEquals(Set.of(E.plusDays(37)), finals);
        assertTrue(retained30 > 0);
        assertEquals(Math.round(cost / (double) retained30), last.costPerRetainedMinor());
        assertNull(stored.firstEntry().getValue().costPerRetainedMinor(), "pending D7 on E+7: no cost per retained yet");
        assertEquals(ActivityStatus.EVALUATED, activityStore.get(id).orElseThrow().activity().status());

        // the prizes' ranking: the top 5 by active days on the activity's day, ties by check-in time, published once
        assertEquals(1, outside.rankings.size());
        List<String> expected = participants.stream()
                .sorted(Comparator.<String>comparingInt(m -> active.getOrDefault(m, Set.of()).contains(E) ? 1 : 0).reversed()
                        .thenComparing(checkedInAt::get))
                .limit(5).toList();
        assertEquals(expected, outside.rankings.get(0).stream().map(Ranking.Candidate::memberId).toList());
        // ... carrying the prizes; each of the five got one mug, charged to the allocation (not the budget again)
        assertEquals(List.of(new ActivityRanked.Prize("mug", 5)), delivered.get(0).prizes());
        for (String m : expected) {
            assertEquals(List.of("mug"), rewards.archive.byMember(m, null, 10).items().stream().map(Issuance::itemId).toList());
        }
        assertEquals(cost, budgets.allocation(id).orElseThrow().spent());
        // ... and with the final report the allocation was released: its unspent rest (20,000 - the mugs) is available again
        assertNotNull(budgets.allocation(id).orElseThrow().releasedAt(), "released with the final report");
        Budget autumn = budgets.get("autumn").orElseThrow();
        assertEquals(80_000 + (20_000 - cost), autumn.available());
        assertEquals(100_000, autumn.available() + autumn.reserved() + autumn.confirmed());
    }

    private static ActivityRanked parse(String detail) {
        try {
            return Json.mapper().readValue(detail, ActivityRanked.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admitted member with membership consent, as sign-up leaves them (once). */
    private static void member(Rewards rewards, String memberId) {
        if (rewards.members.profile(memberId).isPresent()) {
            return;
        }
        rewards.members.signUp(new MemberStore.NewMember(memberId, MemberStatus.ACTIVE, "web", "CN-31", "zh-CN", PUBLISH, "email",
                "idx-" + memberId, "nick-ct", "contact-ct", null, null, null, null, MemberToken.sha256("token-" + memberId), MemberKind.MEMBER),
                List.of(new ConsentEntry(memberId, Purpose.MEMBERSHIP, 1, true, PUBLISH, 1, "web", "zh-CN", "proof", "form", "member", null)),
                null, List.of());
    }

    /** A lift and its interval recomputed by hand from the sets. */
    private static void same(Lift got, Set<String> treated, Set<String> holdout, Set<String> retained, String what) {
        long t = treated.stream().filter(retained::contains).count();
        long h = holdout.stream().filter(retained::contains).count();
        assertEquals(treated.size(), got.treated(), what);
        assertEquals(t, got.treatedRetained(), what);
        assertEquals(holdout.size(), got.holdout(), what);
        assertEquals(h, got.holdoutRetained(), what);
        double p1 = t / (double) treated.size();
        double p2 = h / (double) holdout.size();
        double half = 1.959963984540054 * Math.sqrt(p1 * (1 - p1) / treated.size() + p2 * (1 - p2) / holdout.size());
        assertEquals(p1 - p2, got.lift(), 1e-12, what);
        assertEquals(p1 - p2 - half, got.low(), 1e-12, what);
        assertEquals(p1 - p2 + half, got.high(), 1e-12, what);
    }

    private static double mean(Set<String> group, Map<String, Set<LocalDate>> active) {
        long days = 0;
        for (String m : group) {
            for (LocalDate d : active.getOrDefault(m, Set.of())) {
                if (d.isAfter(E) && !d.isAfter(E.plusDays(30))) {
                    days++;
                }
            }
        }
        return days / (double) group.size();
    }
}
