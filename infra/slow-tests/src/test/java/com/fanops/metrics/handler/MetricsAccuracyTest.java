package com.fanops.metrics.handler;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.dynamo.BatchGets;
import org.junit.jupiter.api.Tag;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.metrics.domain.MetricsBackfillRequested;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.standing.handler.EngagementDailyHandler;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The acceptance test of the retention metrics. A synthetic community with a known raw event log (~210 members over
 * 75 days, see {@link SyntheticCommunity}) is delivered in arrival order - late events and duplicates included - to the
 * real fact writers ({@link WriterFunctions}: the scorer fed SQS batches, the metrics-events function fed the member
 * events and the standing events the scorer and the engagement job publish), while the schedules fire every day at
 * their chosen times: the real engagement job (expiry, standing review) at 00:05 and the metrics job at 00:20
 * (Asia/Shanghai). After every run, every figure of each of the 8 days it wrote is compared with {@link BruteForce},
 * which counts straight from the raw log what had arrived by then; dormancy episodes and care messages are compared
 * with the brute force's own replay of the runs.
 */
@Tag("slow")
class MetricsAccuracyTest {

    private static final ZoneId ZONE = SyntheticCommunity.ZONE;
    private static final MetricsJob.Tables TABLES = WriterFunctions.TABLES;
    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(WriterFunctions.TEMPLATE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static Map<String, Object> scheduled(Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("time", at.toString());
        event.put("detail", Map.of());
        return event;
    }

    static Map<String, Object> backfillEvent(MetricsBackfillRequested r, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "MetricsBackfillRequested");
        event.put("source", MetricsJob.SOURCE);
        event.put("time", at.toString());
        event.put("detail", Map.of("from", r.from().toString(), "to", r.to().toString()));
        return event;
    }

    /**
     * Delivers everything that arrived before {@code until}, and has it applied; the members functions keep the
     * profiles (after the writers, which score the interactions queued before a member event with the profile as it was).
     */
    private static int deliver(List<RawLog.Delivery> log, int next, Instant until, MemberProfiles profiles, FactWriter facts) {
        while (next < log.size() && log.get(next).arrivesAt().isBefore(until)) {
            RawLog.Delivery d = log.get(next++);
            facts.deliver(d);
            profiles.apply(d.event());
        }
        facts.flush();
        return next;
    }

    /**
     * The standings of the members, read from the engagement capability's own items ({@code MEMBER#id / STANDING}).
     * This is the brute force's one borrowed input, for the tier and category distribution: recomputing categories and
     * tiers by hand would duplicate the engagement rules (decay, holds, warnings, downgrades), which have their own tests.
     * What is checked is that the distribution the metrics keep from the CategoryChanged and TierChanged events equals
     * the standings those events announced.
     */
    private static Map<String, Map<String, String>> standings(DynamoDbClient ddb, List<String> members) {
        Map<String, Map<String, String>> out = new HashMap<>();
        BatchGets.get(ddb, "InteractionsTable", members.stream().map(m -> key("MEMBER#" + m, "STANDING")).toList(),
                "pk, category, tier", Map.of(), new CapacityMeter()).forEach(i -> out.put(str(i, "pk").substring("MEMBER#".length()),
                Map.of("category", str(i, "category"), "tier", str(i, "tier"))));
        return out;
    }

    @Test
    void everyFigureOfEveryDayEqualsABruteForceCountOverTheRawLog() {
        var ddb = dynamo.client();
        SyntheticCommunity community = new SyntheticCommunity(LocalDate.parse("2028-01-20"), 75, 20280120L).generate(55, 150, 6);
        List<RawLog.Delivery> log = community.log.deliveries();
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        RecordedEvents bus = new RecordedEvents("com.fanops.metrics.domain");
        MetricsDailyHandler handler = new MetricsDailyHandler(ddb, TABLES, new EventOutbox(ddb, "EventOutboxTable", bus, clock), ZONE, 30, 30, clock);
        MemberProfiles profiles = new MemberProfiles(ddb, "MembersTable");
        WriterFunctions facts = new WriterFunctions(ddb, ZONE, clock);
        EngagementDailyHandler engagementDaily = new EngagementDailyHandler(ddb, "InteractionsTable", "ConfigTable",
                new EventOutbox(ddb, "EventOutboxTable", facts.bus(), clock), ZONE, clock);
        SnapshotStore snapshots = new SnapshotStore(ddb, "MetricsTable", new CapacityMeter());
        BruteForce brute = new BruteForce(ZONE, 30, 30);

        Map<String, List<LocalDate>> episodes = new HashMap<>();
        Map<LocalDate, Set<String>> care = new HashMap<>();
        Map<LocalDate, DailySnapshot.Distribution> firstDistribution = new HashMap<>();
        Map<LocalDate, DailySnapshot> firstComputed = new HashMap<>();
        LocalDate firstRunDay = community.start.plusDays(1);
        LocalDate expiryCovers = firstRunDay.minusDays(7);
        int next = 0;
        int compared = 0;
        int withD30Headline = 0;
        int reruns = 0;
        int reviewedCategories = 0;
        for (LocalDate today = firstRunDay; !today.isAfter(community.end); today = today.plusDays(1)) {
            Instant expiryAt = today.atTime(0, 5).atZone(ZONE).toInstant();
            next = deliver(log, next, expiryAt, profiles, facts);
            clock.set(expiryAt);
            int categoryChanges = facts.bus().published().getOrDefault("CategoryChanged", 0);
            engagementDaily.handleRequest(scheduled(expiryAt), null);
            reviewedCategories += facts.bus().published().getOrDefault("CategoryChanged", 0) - categoryChanges;

            Instant runAt = today.atTime(0, 20).atZone(ZONE).toInstant();
            next = deliver(log, next, runAt, profiles, facts);
            clock.set(runAt);
            handler.handleRequest(scheduled(runAt), null);

            BruteForce.World world = brute.world(log, runAt);
            LocalDate yesterday = today.minusDays(1);
            LocalDate from = today.minusDays(8);
            if (!firstDistribution.containsKey(yesterday)) {
                firstDistribution.put(yesterday, world.distribution(standings(ddb, world.currentMembers())));
            }
            brute.announce(world, from, yesterday, from, episodes, care);
            List<DailySnapshot> written = snapshots.range(from, yesterday);
            assertEquals(8, written.size());
            for (DailySnapshot actual : written) {
                LocalDate d = actual.day();
                DailySnapshot expected = brute.expected(world, d, care, firstDistribution.get(d), !d.isBefore(expiryCovers));
                assertEquals(List.of(), Snapshots.differences(expected, actual), "day " + d + " as computed at " + runAt);
                firstComputed.putIfAbsent(d, actual);
                compared++;
                DailySnapshot.Headline headline = actual.retention().headline();
                if (headline.classic().d30().rate() != null && headline.onOrAfter().d30().rate() != null) {
                    withD30Headline++;
                }
            }
            assertEquals(episodes(episodes), episodes(bus), "dormancy episodes announced by the run at " + runAt);

            if (today.getDayOfMonth() % 9 == 0) {
                // The same schedule fired twice: the same figures, nothing announced or queued again.
                int events = bus.all().size();
                handler.handleRequest(scheduled(runAt), null);
                List<DailySnapshot> again = snapshots.range(from, yesterday);
                for (int i = 0; i < 8; i++) {
                    assertEquals(written.get(i).figuresOnly(), again.get(i).figuresOnly(), "rerun of " + again.get(i).day());
                    assertEquals(written.get(i).runs() + 1, again.get(i).runs());
                }
                assertEquals(events + 1, bus.all().size(), "only DailyMetricsReady again");
                reruns++;
            }
        }

        // The community's new members join from its first day on, so the headline D30 has members behind it from about
        // day 30 (classic: cohorts back to D-59) and day 36 ("on or after": back to D-65, windows to c+36): the last
        // five weeks' snapshots compared those figures, not nulls.
        assertTrue(withD30Headline >= 200, "snapshots compared with both D30 headline figures known (of " + compared + "): " + withD30Headline);

        // Late events changed figures after their day was first computed, and the later runs got them right.
        List<LocalDate> changed = new ArrayList<>();
        Map<LocalDate, DailySnapshot> last = new HashMap<>();
        snapshots.range(firstRunDay.minusDays(8), community.end.minusDays(1)).forEach(s -> last.put(s.day(), s));
        firstComputed.forEach((d, s) -> {
            if (!s.figuresOnly().equals(last.get(d).figuresOnly())) {
                changed.add(d);
            }
        });
        assertTrue(changed.size() >= 5, "late events moved the figures of " + changed);

        // Dormancy: once per episode; care only with marketing consent; wins back counted.
        List<MemberDormant> dormant = bus.of(MemberDormant.class);
        assertEquals(dormant.size(), dormant.stream().map(e -> e.memberId() + e.day()).distinct().count(), "no episode twice");
        BruteForce.World end = brute.world(log, community.end.plusDays(1).atStartOfDay(ZONE).toInstant());
        for (Map.Entry<String, List<LocalDate>> e : episodes.entrySet()) {
            for (int i = 1; i < e.getValue().size(); i++) {
                LocalDate before = e.getValue().get(i - 1);
                assertTrue(end.activeBetween(e.getKey(), before.plusDays(1), e.getValue().get(i)),
                        e.getKey() + " announced dormant again on " + e.getValue().get(i) + " without coming back since " + before);
            }
        }
        Set<String> queued = new HashSet<>();
        ddb.scan(b -> b.tableName("MetricsTable")).items().stream().filter(i -> i.get("pk").s().startsWith("CARE#"))
                .forEach(i -> queued.add(i.get("sk").s() + "|" + i.get("pk").s().substring(5)));
        Set<String> expectedCare = new HashSet<>();
        care.forEach((d, members) -> members.forEach(m -> expectedCare.add(m + "|" + d)));
        assertEquals(expectedCare, queued, "care asked for (the messaging capability sends it)");
        long withoutConsent = dormant.stream().filter(e -> !e.careQueued()).count();
        assertTrue(withoutConsent > 0 && queued.size() > 0, "episodes with and without marketing consent");
        dormant.stream().filter(e -> !e.careQueued()).forEach(e -> assertTrue(!queued.contains(e.memberId() + "|" + e.day())));
        long wonBack = last.values().stream().mapToLong(s -> s.care().winBack().wonBack()).sum();
        assertTrue(wonBack > 0, "members who came back after a care message are counted");

        // A backfill of the whole range (in 31-day shares, each handing on the rest) rewrites the same figures.
        Instant afterwards = community.end.atTime(0, 30).atZone(ZONE).toInstant();
        clock.set(afterwards);
        int dormantEvents = bus.of(MemberDormant.class).size();
        Map<String, Object> answer = handler.handleRequest(Map.of("from", firstRunDay.minusDays(8).toString(),
                "to", community.end.minusDays(1).toString()), null);
        int shares = 1;
        while (answer.containsKey("continues")) {
            List<MetricsBackfillRequested> requested = bus.of(MetricsBackfillRequested.class);
            answer = handler.handleRequest(backfillEvent(requested.get(requested.size() - 1), afterwards), null);
            shares++;
        }
        assertEquals(3, shares, "83 days in shares of 31");
        for (DailySnapshot s : snapshots.range(firstRunDay.minusDays(8), community.end.minusDays(1))) {
            assertEquals(last.get(s.day()).figuresOnly(), s.figuresOnly(), "backfilled " + s.day());
        }
        assertEquals(dormantEvents, bus.of(MemberDormant.class).size(), "a backfill announces nothing twice");

        // The real writers: every event the metrics-events function was given applied, nothing left for the relay, only
        // what the template routes to it delivered, and the distribution moved by real standing changes - upgrades from
        // the scorer, decay from the engagement job's review.
        MetricsEventsRoute route = facts.bus();
        assertEquals(List.of(), route.deadLetters(), "events the metrics-events function failed on");
        assertEquals(0, ddb.scan(b -> b.tableName("EventOutboxTable")).count(), "events left in the outbox");
        Map<String, Integer> delivered = route.delivered();
        assertEquals(Set.of("CategoryChanged", "MemberJoined", "MemberStatusChanged", "TierChanged"), delivered.keySet(),
                "delivered to metrics-events, of " + route.published());
        assertTrue(route.published().containsKey("MemberErased") && delivered.getOrDefault("TierChanged", 0) > 0,
                "erasures and tier changes happened: " + route.published());
        assertTrue(reviewedCategories > 0, "the engagement job's review moved categories");

        System.out.printf("accuracy: %d members, %d interactions (%d late, %d duplicate deliveries) in %d scorer batches, "
                        + "%d snapshots compared, %d days changed by late events, %d reruns, %d episodes, %d care messages, %d won back; "
                        + "bus %s (%d category changes by the daily review), to metrics-events %s; %d s of CPU%n",
                end.joined.size(), community.events(), community.late(), community.duplicates(), facts.batches(), compared,
                changed.size(), reruns, dormant.size(), queued.size(), wonBack, route.published(), reviewedCategories, delivered,
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime() / 1_000_000_000L);
        assertTrue(community.late() > 0 && community.duplicates() > 0);
    }

    private static Set<String> episodes(Map<String, List<LocalDate>> byMember) {
        return byMember.entrySet().stream().flatMap(e -> e.getValue().stream().map(d -> e.getKey() + "|" + d)).collect(Collectors.toSet());
    }

    private static Set<String> episodes(RecordedEvents bus) {
        return bus.of(MemberDormant.class).stream().map(e -> e.memberId() + "|" + e.day()).collect(Collectors.toSet());
    }
}
