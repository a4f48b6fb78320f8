package com.fanops.metrics.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.metrics.app.MetricsDailyJob;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.standing.handler.EngagementDailyHandler;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fanned-out daily metrics job against the single run, on the accuracy test's community ({@link SyntheticCommunity},
 * with ids spread over the id space as sign-up makes them): the raw log delivered to the real writers, the engagement
 * job at 00:05, then at 00:20 both metrics runs over the same facts - the single run ({@link MetricsDailyHandler}, the
 * reference {@link MetricsAccuracyTest} proves against a brute force) and the fanned-out one ({@link MetricsJobHandler},
 * every shard message delivered twice, in reverse order), taking turns at going first. Every figure of the 8 snapshots
 * each writes must be equal, and the shards must have announced the dormancy episodes of the days they ran first, each once.
 */
@Tag("slow")
class MetricsFanOutTest {

    private static final ZoneId ZONE = SyntheticCommunity.ZONE;
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

    @Test
    void everySnapshotOfTheFannedOutRunEqualsTheSingleRuns() {
        var ddb = dynamo.client();
        SyntheticCommunity community = new SyntheticCommunity(LocalDate.parse("2028-01-20"), 50, 20280120L).withSpreadIds().generate(40, 100, 4);
        List<RawLog.Delivery> log = community.log.deliveries();
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        RecordedEvents bus = new RecordedEvents("com.fanops.metrics.domain");
        EventOutbox outbox = new EventOutbox(ddb, "EventOutboxTable", bus, clock);
        MetricsDailyHandler single = new MetricsDailyHandler(ddb, WriterFunctions.TABLES, outbox, ZONE, 30, 30, clock);
        List<ShardTask> queued = new ArrayList<>();
        // 40 members a shard: 1 shard (worked in the coordinator) while the community is under 41, then 2 to 4 (16 made up
        // to 9): a shard's queries go per day and partition, so a shard costs much the same whatever its size (BENCHMARKS.md).
        MetricsFanOut wiring = new MetricsFanOut(ddb, WriterFunctions.TABLES, outbox, ZONE, 30, 30, MetricsJob.MessageFigures.NONE,
                MetricsJob.Satisfaction.NONE, queued::addAll, 40, clock);
        MetricsJobHandler fannedOut = new MetricsJobHandler(() -> wiring, single);
        MemberProfiles profiles = new MemberProfiles(ddb, "MembersTable");
        WriterFunctions facts = new WriterFunctions(ddb, ZONE, clock);
        EngagementDailyHandler engagementDaily = new EngagementDailyHandler(ddb, "InteractionsTable", "ConfigTable",
                new EventOutbox(ddb, "EventOutboxTable", facts.bus(), clock), ZONE, clock);
        SnapshotStore snapshots = new SnapshotStore(ddb, "MetricsTable", new CapacityMeter());
        JobRuns runs = new JobRuns(ddb, "MetricsTable", new CapacityMeter());

        int next = 0;
        int compared = 0;
        int maxShards = 0;
        int shardEpisodes = 0;
        boolean fanOutFirst = false;
        for (LocalDate today = community.start.plusDays(1); !today.isAfter(community.end); today = today.plusDays(1)) {
            Instant expiryAt = today.atTime(0, 5).atZone(ZONE).toInstant();
            next = deliver(log, next, expiryAt, profiles, facts);
            clock.set(expiryAt);
            engagementDaily.handleRequest(MetricsAccuracyTest.scheduled(expiryAt), null);
            Instant runAt = today.atTime(0, 20).atZone(ZONE).toInstant();
            next = deliver(log, next, runAt, profiles, facts);
            clock.set(runAt);
            LocalDate yesterday = today.minusDays(1);
            LocalDate from = today.minusDays(8);

            fanOutFirst = !fanOutFirst;
            List<DailySnapshot> fromSingle = null;
            List<DailySnapshot> fromShards = null;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == fanOutFirst) {
                    Map<String, Object> run = fannedOut.handleRequest(Map.of("scheduledTime", runAt.toString(), "executionId", "x-" + today), null);
                    List<ShardTask> deliveries = new ArrayList<>(queued);
                    Collections.reverse(deliveries);
                    deliveries.addAll(queued);
                    queued.clear();
                    deliveries.forEach(wiring.fanOut::work);
                    maxShards = Math.max(maxShards, (int) run.get("shards"));
                    assertTrue(runs.get(MetricsDailyJob.NAME, yesterday).orElseThrow().assembledAt() != null, "assembled " + yesterday);
                    if (turn == 0) {
                        shardEpisodes += runs.partials(MetricsDailyJob.NAME, yesterday).values().stream()
                                .mapToInt(p -> MetricsDailyJob.parse(p).episodes()).sum();
                    }
                    fromShards = figures(snapshots.range(from, yesterday));
                } else {
                    single.handleRequest(MetricsAccuracyTest.scheduled(runAt), null);
                    fromSingle = figures(snapshots.range(from, yesterday));
                }
            }
            assertEquals(8, fromSingle.size());
            for (int i = 0; i < 8; i++) {
                assertEquals(fromSingle.get(i), fromShards.get(i), "day " + fromSingle.get(i).day() + " as computed at " + runAt);
                compared++;
            }
        }

        assertTrue(maxShards >= 3, "the community was worked in several shards: " + maxShards);
        List<MemberDormant> dormant = bus.of(MemberDormant.class);
        assertEquals(dormant.size(), dormant.stream().map(e -> e.memberId() + e.day()).distinct().count(), "no episode twice");
        assertTrue(shardEpisodes > 0, "the shards announced the episodes of the days they ran first: " + shardEpisodes);
        assertTrue(dormant.size() > shardEpisodes, "and the single run those of its days: " + dormant.size());
        System.out.printf("fan-out: %d snapshots compared, up to %d shards, %d episodes (%d by shards)%n", compared, maxShards,
                dormant.size(), shardEpisodes);
    }

    private static List<DailySnapshot> figures(List<DailySnapshot> written) {
        return written.stream().map(DailySnapshot::figuresOnly).toList();
    }

    private static int deliver(List<RawLog.Delivery> log, int next, Instant until, MemberProfiles profiles, FactWriter facts) {
        while (next < log.size() && log.get(next).arrivesAt().isBefore(until)) {
            RawLog.Delivery d = log.get(next++);
            facts.deliver(d);
            profiles.apply(d.event());
        }
        facts.flush();
        return next;
    }
}
