package com.fanops.local.bench;

import com.fanops.local.lambda.InvokeResult;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./fanops bench metrics --members 100000 --events 1000000 [--days 120]}: the daily metrics job on a community of
 * that size. Generates the events (a skewed mix of members, purchases, follows and unfollows over {@code days} days,
 * members joining before and during the period, some leaving, staff and test accounts), aggregates them into the facts
 * the writers would leave (ACT/JOIN/EXIT/COUNTS/DIST/XCL in the metrics table, the day items' {@code pts} the job reads
 * and a few expiring lots in the interactions table), loads those with BatchWriteItem straight into the local
 * DynamoDB - the job only reads facts, so how they got there does not change what it costs - and then invokes the
 * metrics function through the local runtime twice: for the day before the last (the first run: a cold JVM, and 8
 * days of dormancy episodes to announce) and for the last day (the steady state: one new day of episodes). Time and
 * capacity units come from the function's own log line ({@code ReturnConsumedCapacity=TOTAL} on every call).
 */
public final class MetricsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The last day of activity, the day the measured run reports on. */
    private static final LocalDate LAST = LocalDate.parse("2026-06-01");
    private static final int A = 1;
    private static final int P = 2;
    private static final int F = 4;
    private static final int U = 8;

    private MetricsBenchmark() {
    }

    public static void run(Path root, int members, int events, int days, int loaders, int concurrency, int dayRuns) throws Exception {
        if (dayRuns < 1 || dayRuns > 2) {
            throw new IllegalArgumentException("--runs is 1 (the first run only) or 2 (and the next day's)");
        }
        Path work = Files.createTempDirectory("fanops-bench");
        // concurrency: instances per function; the shard workers' event source takes min(it, its MaximumConcurrency 10).
        LocalConfig config = new LocalConfig(root.resolve("template.yaml"), Map.of(), null, root.resolve("admin-ui/public"), work,
                root.resolve("infra/local/target/ric"), 0, concurrency, Clock.systemUTC());
        List<JsonNode> runs = new CopyOnWriteArrayList<>();
        List<JsonNode> shardLines = new CopyOnWriteArrayList<>();
        List<JsonNode> assembled = new CopyOnWriteArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> {
            if (line.contains("\"metrics shard\"") || line.contains("\"metrics assembled\"")) {
                try {
                    (line.contains("\"metrics shard\"") ? shardLines : assembled).add(JSON.readTree(line));
                } catch (Exception ignored) {
                    // not a line of ours
                }
            } else if (fn.equals("MetricsDailyFunction") && line.contains("\"metrics run\"")) {
                try {
                    runs.add(JSON.readTree(line));
                } catch (Exception ignored) {
                    // not a line of ours
                }
            } else if (line.contains("\"level\":\"ERROR\"")) {
                System.out.println("[" + fn + "] " + line);
            }
        })) {
            DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb"))
                    .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(loaders * 2)).build();
            String metrics = cloud.tableName("MetricsTable");
            String interactions = cloud.tableName("InteractionsTable");

            long t0 = System.nanoTime();
            Community c = new Community(members, events, days, new Random(42));
            System.out.printf("generated %,d events of %,d members over %d days: %,d active member-days (%.1f s)%n", events, members, days,
                    c.memberDays, (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            BatchLoader loader = new BatchLoader(ddb, loaders);
            c.load(loader, metrics, interactions);
            loader.finish();
            double loadSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("loaded %,d items (%,d ACT facts) in %.0f s (%.0f items/s)%n", loader.items.get(), c.actItems, loadSeconds,
                    loader.items.get() / loadSeconds);

            // The scheduled runs, fanned out (issue 16): the coordinator answers once the shards are queued; the run is
            // done when its last shard has assembled the snapshots (JOB#metrics-daily#<day> / RUN has assembledAt).
            System.out.println();
            System.out.printf("fanned out: %d shard worker(s) at once (function concurrency %d, the shards queue's MaximumConcurrency 10)%n",
                    Math.min(concurrency, 10), concurrency);
            System.out.println("| run | shards | total time (ms) | slowest shard (ms) | median shard (ms) | assembly (ms) | read units "
                    + "| of which points | write units | episodes |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            String[] names = {"first (cold JVMs; 8 days of episodes)", "next day (warm; steady state)"};
            int n = 0;
            for (LocalDate day : List.of(LAST.minusDays(1), LAST).subList(0, dayRuns)) {
                Instant at = day.plusDays(1).atTime(LocalTime.of(0, 20)).atZone(ZONE).toInstant();
                // What the MetricsDaily schedule (EventBridge Scheduler) sends.
                String event = "{\"scheduledTime\":\"" + at + "\",\"executionId\":\"bench-" + day + "\"}";
                int shardsBefore = shardLines.size();
                int assembledBefore = assembled.size();
                long t = System.nanoTime();
                InvokeResult result = cloud.invoke("MetricsDailyFunction", event.getBytes(StandardCharsets.UTF_8));
                if (!result.ok()) {
                    throw new IllegalStateException("the metrics function failed: " + result.errorType() + " " + result.errorMessage());
                }
                int shards = JSON.readTree(result.payload()).path("shards").asInt();
                JobRunWait.Run run = JobRunWait.await(day, t, assembled, assembledBefore, shardLines, shardsBefore, shards);
                long total = run.totalMs();
                List<JsonNode> mine = run.shardLines();
                long[] times = mine.stream().mapToLong(r -> r.path("durationMs").asLong()).sorted().toArray();
                JsonNode a = assembled.get(assembledBefore);
                double reads = mine.stream().mapToDouble(r -> r.path("readUnits").asDouble()).sum() + a.path("readUnits").asDouble();
                double points = mine.stream().mapToDouble(r -> r.path("pointsReadUnits").asDouble()).sum();
                double writes = mine.stream().mapToDouble(r -> r.path("writeUnits").asDouble()).sum() + a.path("writeUnits").asDouble();
                int episodes = mine.stream().mapToInt(r -> r.path("episodes").asInt()).sum();
                System.out.printf("| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %d |%n", names[n++], shards, total, times[times.length - 1],
                        times[times.length / 2], a.path("durationMs").asLong(), reads, points, writes, episodes);
            }
            System.out.println("(read and write units: the shards' and the assembly's own log lines; each shard's partial (~40 KB, ~40 "
                    + "write units) and 2 small run updates are the platform's JobRuns', not in these lines)");
            System.out.println();
            System.out.printf("members %,d (%,d joined before the period), events %,d over %d days, active member-days %,d, ACT items %,d%n",
                    members, c.joinedBefore, events, days, c.memberDays, c.actItems);
            System.out.printf("pre-aggregation by construction: %,d ACT updates (events that set a new flag of their member-day) "
                    + "= %.3f write units per event%n", c.hookWrites, c.hookWrites / (double) events);
            System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        }
    }

    /** The synthetic community: who joined when, who left, and each member-day's flags. */
    private static final class Community {
        final int members;
        final int days;
        final LocalDate first;
        final int[] join;
        final int[] exit;
        final boolean[] excluded;
        final byte[][] flags;
        final int[][] points;
        long memberDays;
        long actItems;
        long hookWrites;
        int joinedBefore;

        Community(int members, int events, int days, Random random) {
            this.members = members;
            this.days = days;
            this.first = LAST.minusDays(days - 1L);
            this.join = new int[members];
            this.exit = new int[members];
            this.excluded = new boolean[members];
            this.flags = new byte[days][members];
            this.points = new int[9][members];
            int lastIndex = days - 1;
            double[] weight = new double[members];
            double total = 0;
            for (int i = 0; i < members; i++) {
                // day index relative to the first day of the period; negative = joined before it (up to a year)
                if (random.nextDouble() < 0.4) {
                    join[i] = -1 - random.nextInt(365);
                    joinedBefore++;
                } else {
                    join[i] = random.nextInt(days);
                }
                exit[i] = random.nextDouble() < 0.03 ? join[i] + 5 + random.nextInt(60) : Integer.MAX_VALUE;
                excluded[i] = random.nextDouble() < 0.005;
                double u = random.nextDouble();
                total += u * u * u; // a few members do most of the interacting
                weight[i] = total;
            }
            for (int e = 0; e < events; e++) {
                int m;
                int from;
                int to;
                do {
                    m = Arrays.binarySearch(weight, random.nextDouble() * total);
                    m = m < 0 ? Math.min(members - 1, -m - 1) : m;
                    from = Math.max(0, join[m]);
                    to = Math.min(lastIndex, exit[m] - 1);
                } while (from > to);
                int d = to - (int) Math.min(to - from, (long) (-Math.log(1 - random.nextDouble()) * 25)); // recent days more likely
                double t = random.nextDouble();
                int bits = t < 0.05 ? A | P : t < 0.07 ? A | F : t < 0.08 ? U : A;
                int pts = t < 0.05 ? 10 + random.nextInt(490) : t < 0.07 ? 5 : t < 0.08 ? 0 : 3;
                byte before = flags[d][m];
                if ((before | bits) != before) {
                    hookWrites++;
                }
                if (before == 0) {
                    actItems++;
                }
                flags[d][m] = (byte) (before | bits);
                if (d >= lastIndex - 8) {
                    points[d - (lastIndex - 8)][m] += pts;
                }
            }
            for (byte[] day : flags) {
                for (byte f : day) {
                    memberDays += (f & A) != 0 ? 1 : 0;
                }
            }
        }

        String id(int i) {
            // Spread over the id space as sign-up's random ids are (the fanned-out job's shards are id ranges): an odd
            // multiplier is a bijection on 32 bits.
            return String.format("m_%08x", (int) (i * 0x9E3779B1L));
        }

        LocalDate day(int index) {
            return first.plusDays(index);
        }

        void load(BatchLoader loader, String metrics, String interactions) {
            Map<LocalDate, long[]> counts = new HashMap<>();
            long[] dist = new long[8];
            Random random = new Random(7);
            for (int i = 0; i < members; i++) {
                LocalDate joined = day(join[i]);
                Map<String, AttributeValue> j = new HashMap<>(key("JOIN#" + joined, id(i)));
                j.put("kind", s(excluded[i] ? "staff" : "member"));
                if (exit[i] <= days - 1) {
                    j.put("exitDay", s(day(exit[i]).toString()));
                    loader.put(metrics, Map.of("pk", s("EXIT#" + day(exit[i])), "sk", s(id(i)), "joinDay", s(joined.toString()), "to", s("left")));
                    if (!excluded[i]) {
                        counts.computeIfAbsent(day(exit[i]), d -> new long[2])[1]++;
                    }
                } else if (!excluded[i]) {
                    dist[random.nextInt(100) < 60 ? 0 : random.nextInt(100) < 60 ? 1 : random.nextInt(3) == 0 ? 3 : 2]++;
                    dist[4 + (random.nextInt(100) < 85 ? 0 : random.nextInt(100) < 70 ? 1 : random.nextInt(5) == 0 ? 3 : 2)]++;
                }
                loader.put(metrics, j);
                if (excluded[i]) {
                    loader.put(metrics, Map.of("pk", s("XCL"), "sk", s(id(i)), "kind", s("staff")));
                } else {
                    counts.computeIfAbsent(joined, d -> new long[2])[0]++;
                }
            }
            counts.forEach((d, c) -> loader.put(metrics, Map.of("pk", s("COUNTS"), "sk", s(d.toString()), "joins", n(c[0]), "exits", n(c[1]))));
            String[] cats = {"potential", "regular", "active", "core"};
            String[] tiers = {"bronze", "silver", "gold", "diamond"};
            Map<String, AttributeValue> current = new HashMap<>(key("DIST", "CURRENT"));
            for (int k = 0; k < 4; k++) {
                current.put("cat_" + cats[k], n(dist[k]));
                current.put("tier_" + tiers[k], n(dist[4 + k]));
            }
            loader.put(metrics, current);
            for (int d = 0; d < days; d++) {
                for (int m = 0; m < members; m++) {
                    byte f = flags[d][m];
                    if (f == 0) {
                        continue;
                    }
                    Map<String, AttributeValue> act = new HashMap<>(key("ACT#" + day(d), id(m)));
                    if ((f & A) != 0) {
                        act.put("a", n(1));
                    }
                    if ((f & P) != 0) {
                        act.put("p", n(1));
                    }
                    if ((f & F) != 0) {
                        act.put("f", n(1));
                    }
                    if ((f & U) != 0) {
                        act.put("u", n(1));
                    }
                    // The day's points, as the scorer carries them on the fact (the job reads no day item for them).
                    int k = d - (days - 9);
                    if (k >= 0 && points[k][m] > 0) {
                        act.put("pts", n(points[k][m]));
                    }
                    loader.put(metrics, act);
                }
            }
            // The interactions table: the day items of the days the two runs read (the job no longer reads them; they are
            // loaded as the scorer would have left them), and lots expiring on those days.
            for (int k = 0; k < 9; k++) {
                LocalDate d = day(days - 9 + k);
                for (int m = 0; m < members; m++) {
                    if (flags[days - 9 + k][m] != 0) {
                        loader.put(interactions, Map.of("pk", s("MEMBER#" + id(m)), "sk", s("DAY#" + d), "pts", n(points[k][m]),
                                "rem", n(points[k][m])));
                    }
                }
                int step = 333; // 0.3% of the members have a lot expiring each day
                for (int m = k; m < members; m += step) {
                    loader.put(interactions, Map.of("pk", s("MEMBER#" + id(m)), "sk", s("DAY#" + d.minusMonths(12)), "pts", n(20),
                            "rem", n(0), "exp", n(20), "expiresOn", s(d.toString())));
                }
            }
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
