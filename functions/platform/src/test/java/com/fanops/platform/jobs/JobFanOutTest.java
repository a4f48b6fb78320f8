package com.fanops.platform.jobs;

import static com.fanops.platform.dynamo.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JobFanOutTest {

    private static final String TABLE = "MetricsTable";
    private static LocalDynamo dynamo;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T17:00:00Z"));
    private final Instant at = Instant.parse("2026-12-06T16:30:00Z");

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A job that sums its shards' members: counts how often each shard was worked and how often it was assembled. */
    private static final class CountingJob implements JobFanOut.Job {
        final String name;
        final int shards;
        final Map<Integer, AtomicInteger> worked = new ConcurrentHashMap<>();
        final List<Map<Integer, String>> assembled = new CopyOnWriteArrayList<>();

        CountingJob(String name, int shards) {
            this.name = name;
            this.shards = shards;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int shards(LocalDate day, Instant at) {
            return shards;
        }

        @Override
        public String runShard(ShardTask task) {
            worked.computeIfAbsent(task.shard(), s -> new AtomicInteger()).incrementAndGet();
            return "{\"members\":" + (task.shard() + 1) + "}";
        }

        @Override
        public void assemble(LocalDate day, Instant at, Map<Integer, String> partials) {
            assembled.add(partials);
        }
    }

    private JobRuns runs() {
        return new JobRuns(dynamo.client(), TABLE, new CapacityMeter());
    }

    @Test
    void runsAndPartialsCarryATimeToLive() {
        Instant at = Instant.parse("2026-03-01T16:20:00Z");
        JobRuns runs = new JobRuns(dynamo.client(), TABLE, new CapacityMeter(), java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
        LocalDate day = LocalDate.parse("2026-03-01");
        runs.start("ttl-job", day, 2, at);
        runs.report("ttl-job", day, 1, "{}", at);
        long expected = at.plus(java.time.Duration.ofDays(JobRuns.KEEP_DAYS)).getEpochSecond();
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = dynamo.client().scanPaginator(b -> b.tableName(TABLE))
                .items().stream().filter(i -> i.get("pk").s().contains("ttl-job")).toList();
        assertEquals(2, items.size(), "the run and one partial");
        items.forEach(i -> assertEquals(Long.toString(expected), i.get("expiresAt").n(), "expiresAt of " + i.get("sk").s()));
    }

    @Test
    void aRunOfADayLongPastExpiresCountedFromWhenItIsWritten() {
        Instant now = Instant.parse("2026-12-06T21:00:00Z");
        JobRuns runs = new JobRuns(dynamo.client(), TABLE, new CapacityMeter(), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        LocalDate day = LocalDate.parse("2026-01-01");
        runs.start("replayed-job", day, 2, at);
        runs.report("replayed-job", day, 0, "{}", now);
        long expected = now.plus(java.time.Duration.ofDays(JobRuns.KEEP_DAYS)).getEpochSecond();
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = dynamo.client().scanPaginator(b -> b.tableName(TABLE))
                .items().stream().filter(i -> i.get("pk").s().contains("replayed-job")).toList();
        assertEquals(2, items.size(), "the run and one partial");
        items.forEach(i -> assertEquals(Long.toString(expected), i.get("expiresAt").n(), "expiresAt of " + i.get("sk").s()));
    }

    @Test
    void everyMemberIdFallsInExactlyOneShardAndTheKeyConditionReadsOnlyItsSlice() {
        Random random = new Random(16);
        List<String> ids = new ArrayList<>(List.of("a", "m_", "m_0000", "m_7g", "m_ffff~", "m_zzz", "z"));
        for (int i = 0; i < 400; i++) {
            ids.add("m_" + new UUID(random.nextLong(), random.nextLong()).toString().replace("-", ""));
        }
        String pk = "SHARDTEST#" + UUID.randomUUID();
        ids.forEach(id -> dynamo.client().putItem(b -> b.tableName(TABLE).item(Map.of("pk", s(pk), "sk", s(id)))));
        for (int count : List.of(1, 2, 3, 7, 64)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                Shard shard = new Shard(i, count);
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
                String condition = ShardKeys.condition("pk = :pk", "sk", "", shard, values);
                List<String> slice = dynamo.client().queryPaginator(b -> b.tableName(TABLE).keyConditionExpression(condition)
                        .expressionAttributeValues(values)).items().stream().map(item -> item.get("sk").s()).filter(shard::contains).toList();
                for (String id : slice) {
                    assertTrue(seen.add(id), id + " in two shards of " + count);
                }
                long owned = ids.stream().filter(shard::contains).count();
                assertEquals(owned, slice.size(), "shard " + i + " of " + count + " reads exactly its own ids");
            }
            assertEquals(new HashSet<>(ids), seen, "the shards of " + count + " together hold every id");
        }
    }

    @Test
    void shardCountFollowsTheCommunityAndAShardStaysBounded() {
        assertEquals(1, Shard.countFor(0, 20_000));
        assertEquals(1, Shard.countFor(20_000, 20_000));
        assertEquals(2, Shard.countFor(20_001, 20_000));
        assertEquals(50, Shard.countFor(1_000_000, 20_000));
    }

    @Test
    void aShardDeliveredTwiceIsWorkedAndCountedOnce() {
        CountingJob job = new CountingJob("twice", 3);
        List<ShardTask> sent = new ArrayList<>();
        JobFanOut fanOut = new JobFanOut(job, runs(), sent::addAll, clock);
        LocalDate day = LocalDate.parse("2026-12-05");

        JobRuns.Run run = fanOut.coordinate(day, at);
        assertEquals(3, run.shards());
        assertEquals(List.of(0, 1, 2), sent.stream().map(ShardTask::shard).toList());
        ShardTask first = ShardTask.parse(sent.get(0).toJson());

        assertEquals(JobRuns.Report.COUNTED, fanOut.work(first));
        assertEquals(JobRuns.Report.ALREADY, fanOut.work(first));
        assertEquals(1, job.worked.get(0).get(), "a redelivered shard does its work once");
        JobRuns.Run stuck = runs().get("twice", day).orElseThrow();
        assertEquals(1, stuck.reported());
        assertEquals(List.of(1, 2), stuck.missing(), "a run that has not completed says which shards are missing");
        assertNull(stuck.assembledAt());

        sent.clear();
        fanOut.coordinate(day, at);
        assertEquals(List.of(1, 2), sent.stream().map(ShardTask::shard).toList(), "the coordinator again sends only the missing shards");
        sent.forEach(fanOut::work);
        sent.forEach(fanOut::work);
        assertEquals(1, job.assembled.size());
        assertEquals(Map.of(0, "{\"members\":1}", 1, "{\"members\":2}", 2, "{\"members\":3}"), job.assembled.get(0));
        assertTrue(runs().get("twice", day).orElseThrow().assembledAt() != null);

        sent.clear();
        fanOut.coordinate(day, at);
        assertTrue(sent.isEmpty());
        assertEquals(1, job.assembled.size(), "a finished run is not assembled again");
    }

    @Test
    void exactlyOneReportCompletesTheRunUnderConcurrentReports() throws Exception {
        int shards = 24;
        CountingJob job = new CountingJob("concurrent", shards);
        List<ShardTask> sent = new CopyOnWriteArrayList<>();
        JobFanOut fanOut = new JobFanOut(job, runs(), sent::addAll, clock);
        LocalDate day = LocalDate.parse("2026-12-05");
        fanOut.coordinate(day, at);
        assertEquals(shards, sent.size());

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobRuns.Report>> reports = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (ShardTask task : sent) {
                reports.add(pool.submit(() -> {
                    go.await();
                    return fanOut.work(task);
                }));
            }
        }
        go.countDown();
        Map<JobRuns.Report, Integer> outcomes = new HashMap<>();
        for (Future<JobRuns.Report> f : reports) {
            outcomes.merge(f.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(1, outcomes.getOrDefault(JobRuns.Report.COMPLETED, 0), "exactly one report completes the run: " + outcomes);
        assertEquals(1, job.assembled.size(), "assembled exactly once");
        assertEquals(shards, job.assembled.get(0).size());
        JobRuns.Run run = runs().get("concurrent", day).orElseThrow();
        assertEquals(shards, run.reported());
        assertTrue(run.missing().isEmpty());
    }

    @Test
    void oneShardRunsInTheCoordinatorsOwnInvocation() {
        CountingJob job = new CountingJob("single", 1);
        List<ShardTask> sent = new ArrayList<>();
        JobRuns.Run run = new JobFanOut(job, runs(), sent::addAll, clock).coordinate(LocalDate.parse("2026-12-05"), at);
        assertTrue(sent.isEmpty());
        assertEquals(1, job.assembled.size());
        assertEquals(1, run.reported());
        assertTrue(run.assembledAt() != null);
    }
}
