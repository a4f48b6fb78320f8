package com.fanops.local.bench;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.domain.Tier;
import com.fanops.local.lambda.InvokeResult;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./fanops bench engagement --members 100000 [--concurrency 2]}: the daily engagement job (points expiry, expiry
 * warnings, category and tier reviews), fanned out, on a community of that size. Generates each member's last 400 days
 * as the scorer leaves them - day items with their claims ({@code ids}), weight, points lot ({@code pts}, {@code rem},
 * {@code expiresOn}; lots past their day already expired and lots inside the warning window already warned, as earlier
 * runs would have left them), spend and referrals - and the standing that follows from those days under the default
 * rules (computed with the domain's own {@link Engagement}), with some members holding a tier they no longer qualify for
 * (warned, or due to be warned or moved down). Member ids are spread over the id space as sign-up's random ids are (the
 * shards are id ranges). It loads them with BatchWriteItem straight into the local DynamoDB - the job reads these items
 * however they were written - fires the {@code EngagementDaily} schedule's input at the coordinator twice (the first run
 * day: cold JVMs, every member's standing summary written for the first time; the next day: the steady state), waits for
 * each run's assembly and prints the shards' own figures (duration, read and write units, from their log lines).
 */
public final class EngagementBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The first run's day; the community's last day of activity is the day before. */
    private static final LocalDate FIRST_RUN = LocalDate.parse("2026-06-01");
    private static final LocalDate LAST_ACTIVE = FIRST_RUN.minusDays(1);
    private static final int HISTORY_DAYS = 400;
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final String JOB = "engagement-daily";

    private EngagementBenchmark() {
    }

    public static void run(Path root, int members, int loaders, int concurrency, int runs) throws Exception {
        if (runs < 1 || runs > 2) {
            throw new IllegalArgumentException("--runs is 1 (the first run only) or 2 (and the next day's)");
        }
        Path work = Files.createTempDirectory("fanops-bench");
        // concurrency: instances per function; the shard workers' event source takes min(it, its MaximumConcurrency 10).
        LocalConfig config = new LocalConfig(root.resolve("template.yaml"), Map.of(), null, root.resolve("admin-ui/public"), work,
                root.resolve("infra/local/target/ric"), 0, concurrency, Clock.systemUTC());
        List<JsonNode> shardLines = new CopyOnWriteArrayList<>();
        List<JsonNode> assembled = new CopyOnWriteArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> {
            boolean shard = line.contains("\"engagement shard\"");
            if (shard || line.contains("\"job assembled\"") && line.contains("\"" + JOB + "\"")) {
                try {
                    (shard ? shardLines : assembled).add(JSON.readTree(line));
                } catch (Exception ignored) {
                    // not a line of ours
                }
            } else if (line.contains("\"level\":\"ERROR\"") || fn.startsWith("Engagement") && !line.startsWith("{")
                    && !line.startsWith("START") && !line.startsWith("END") && !line.startsWith("REPORT")) {
                System.out.println("[" + fn + "] " + line); // errors, and a job function's own words (a JVM that would not start)
            }
        })) {
            DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb"))
                    .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(loaders * 2)).build();
            String interactions = cloud.tableName("InteractionsTable");

            long t0 = System.nanoTime();
            BatchLoader loader = new BatchLoader(ddb, loaders);
            Community c = new Community();
            for (int i = 0; i < members; i++) {
                c.load(i, loader, interactions);
            }
            loader.finish();
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("generated and loaded %,d members: %,d day items, %,d standings on the review index, %,d items in %.0f s "
                            + "(%.0f items/s; %.1f s per 10,000 members)%n", members, c.dayItems, c.reviewed, loader.items.get(), loadSeconds,
                    loader.items.get() / loadSeconds, loadSeconds / members * 10_000);
            System.out.println("standings loaded: " + c.categories + " " + c.tiers + "; holding a tier they no longer qualify for: "
                    + c.declining + " (warned " + c.warned + ")");

            System.out.println();
            System.out.printf("fanned out: %d shard worker(s) at once (function concurrency %d, the shards queue's MaximumConcurrency 10)%n",
                    Math.min(concurrency, 10), concurrency);
            System.out.println("| run | shards | reviewed | total time (ms) | slowest shard (ms) | median shard (ms) | assembly (ms) "
                    + "| read units | write units | read / reviewed | write / reviewed | points expired | expiry warnings | tier decisions |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            String[] names = {"first (cold JVMs; summaries written first)", "next day (warm; steady state)"};
            int n = 0;
            for (LocalDate day : List.of(FIRST_RUN, FIRST_RUN.plusDays(1)).subList(0, runs)) {
                Instant at = day.atTime(LocalTime.of(0, 20)).atZone(ZONE).toInstant();
                // What the EngagementDaily schedule (EventBridge Scheduler) sends.
                String event = "{\"scheduledTime\":\"" + at + "\",\"executionId\":\"bench-" + day + "\"}";
                int shardsBefore = shardLines.size();
                int assembledBefore = assembled.size();
                long t = System.nanoTime();
                InvokeResult result = cloud.invoke("EngagementDailyFunction", event.getBytes(StandardCharsets.UTF_8));
                if (!result.ok()) {
                    throw new IllegalStateException("the engagement function failed: " + result.errorType() + " " + result.errorMessage());
                }
                int shards = JSON.readTree(result.payload()).path("shards").asInt();
                JobRunWait.Run run = JobRunWait.await(day, t, assembled, assembledBefore, shardLines, shardsBefore, shards);
                long total = run.totalMs();
                List<JsonNode> mine = run.shardLines();
                long[] times = mine.stream().mapToLong(r -> r.path("durationMs").asLong()).sorted().toArray();
                double reads = mine.stream().mapToDouble(r -> r.path("readUnits").asDouble()).sum();
                double writes = mine.stream().mapToDouble(r -> r.path("writeUnits").asDouble()).sum();
                long reviewed = mine.stream().mapToLong(r -> r.path("reviewed").asLong()).sum();
                long expired = mine.stream().mapToLong(r -> r.path("pointsExpired").asLong()).sum();
                long warnings = mine.stream().mapToLong(r -> r.path("expiryWarnings").asLong()).sum();
                Map<String, Integer> decisions = new TreeMap<>();
                for (JsonNode r : mine) {
                    String d = r.path("tierDecisions").asText("{}");
                    for (String kv : d.substring(1, d.length() - 1).split(", ")) {
                        if (kv.contains("=")) {
                            decisions.merge(kv.substring(0, kv.indexOf('=')), Integer.parseInt(kv.substring(kv.indexOf('=') + 1)), Integer::sum);
                        }
                    }
                }
                System.out.printf("| %s | %d | %,d | %,d | %,d | %,d | %,d | %.1f | %.1f | %.2f | %.2f | %,d | %,d | %s |%n", names[n++], shards,
                        reviewed, total, times[times.length - 1], times[times.length / 2], assembled.get(assembledBefore).path("assemblyMs").asLong(),
                        reads, writes, reads / Math.max(1, reviewed), writes / Math.max(1, reviewed), expired, warnings, decisions);
            }
            System.out.println("(units: the shards' own log lines - the review index, the lots, the standings and their days, the "
                    + "summaries and standing transactions; the platform's run bookkeeping and the outbox deletes after publishing are not in them)");
            System.out.println("due in the loaded data (first run, next day): lots expiring " + Arrays.toString(c.expiring) + ", lots to warn "
                    + Arrays.toString(c.toWarn) + "; tier downgrades " + Arrays.toString(c.downgradesDue) + ", downgrade warnings "
                    + Arrays.toString(c.warningsDue));
            System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        }
    }

    /** Members generated one at a time from their own seed, so a million need no memory beyond one member's days. */
    private static final class Community {
        long dayItems;
        long reviewed;
        long declining;
        long warned;
        final Map<Category, Long> categories = new EnumMap<>(Category.class);
        final Map<Tier, Long> tiers = new EnumMap<>(Tier.class);
        final long[] expiring = new long[2];
        final long[] toWarn = new long[2];
        final long[] downgradesDue = new long[2];
        final long[] warningsDue = new long[2];

        static String id(int i) {
            // Spread over the id space as sign-up's random ids are (the fanned-out job's shards are id ranges): an odd
            // multiplier is a bijection on 32 bits.
            return String.format("m_%08x", (int) (i * 0x9E3779B1L));
        }

        void load(int i, BatchLoader loader, String table) {
            Random r = new Random(1_000_003L * i + 17);
            String pk = "MEMBER#" + id(i);
            // Most members barely interact, a few do most of it.
            double profile = r.nextDouble();
            double rate = profile < 0.5 ? 0.01 * r.nextDouble() : profile < 0.95 ? 0.08 * Math.pow(r.nextDouble(), 2) : 0.2 + 0.5 * r.nextDouble();
            int since = Math.min(HISTORY_DAYS, 1 + r.nextInt(800));
            List<MemberDay> days = new ArrayList<>();
            for (int ago = since - 1; ago >= 0; ago--) {
                if (r.nextDouble() >= rate) {
                    continue;
                }
                LocalDate day = LAST_ACTIVE.minusDays(ago);
                Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s(pk), "sk", s("DAY#" + day)));
                int likes = 1 + (int) Math.min(19, -Math.log(1 - r.nextDouble()) * 1.5);
                int comments = r.nextDouble() < 0.2 ? 1 : 0;
                int checkIns = r.nextDouble() < 0.5 ? 1 : 0;
                long spend = r.nextDouble() < (profile >= 0.95 ? 0.08 : 0.02) ? 50 + r.nextInt(2950) : 0;
                int refs = r.nextDouble() < 0.003 ? 1 : 0;
                int claims = likes + comments + checkIns + (spend > 0 ? 1 : 0) + refs;
                long weight = likes + 3L * comments + 2L * checkIns + (spend > 0 ? 6 : 0) + 10L * refs;
                long pts = likes + 3L * comments + 5L * checkIns + spend + 200L * refs;
                List<SdkBytes> ids = new ArrayList<>();
                for (int k = 0; k < claims; k++) {
                    byte[] h = new byte[8];
                    r.nextBytes(h);
                    ids.add(SdkBytes.fromByteArray(h));
                }
                item.put("ids", AttributeValue.fromBs(ids));
                item.put("n_" + InteractionType.LIKE.key(), n(likes));
                if (comments > 0) {
                    item.put("n_" + InteractionType.COMMENT.key(), n(comments));
                }
                if (checkIns > 0) {
                    item.put("n_" + InteractionType.CHECK_IN.key(), n(checkIns));
                }
                if (spend > 0) {
                    item.put("n_" + InteractionType.PURCHASE.key(), n(1));
                    item.put("spend", n(spend));
                }
                if (refs > 0) {
                    item.put("n_" + InteractionType.REFERRAL_JOINED.key(), n(refs));
                    item.put("refs", n(refs));
                }
                item.put("w", n(weight));
                item.put("evts", n(claims));
                LocalDate expiresOn = day.plusMonths(RULES.lotMonths());
                long rem = ago > 30 && r.nextBoolean() ? 0 : pts; // half of the older lots spent
                long exp = 0;
                if (expiresOn.isBefore(FIRST_RUN) && rem > 0) {
                    exp = rem; // expired by an earlier run
                    rem = 0;
                }
                item.put("pts", n(pts));
                item.put("rem", n(rem));
                if (exp > 0) {
                    item.put("exp", n(exp));
                }
                item.put("expiresOn", s(expiresOn.toString()));
                for (int run = 0; run < 2; run++) {
                    LocalDate today = FIRST_RUN.plusDays(run);
                    if (rem > 0 && expiresOn.equals(today)) {
                        expiring[run]++;
                    }
                    if (rem > 0 && expiresOn.equals(today.plusDays(RULES.expiryWarningDays()))) {
                        toWarn[run]++;
                    }
                }
                if (rem > 0 && expiresOn.isBefore(FIRST_RUN.plusDays(RULES.expiryWarningDays())) && !expiresOn.isBefore(FIRST_RUN)) {
                    item.put("warned", s(expiresOn.minusDays(RULES.expiryWarningDays()).toString())); // warned by an earlier run
                }
                loader.put(table, item);
                dayItems++;
                days.add(new MemberDay(day, weight, claims, pts, 0, 0, rem, exp, BigDecimal.valueOf(spend), refs, expiresOn));
            }
            standing(r, pk, days, loader, table);
        }

        /** The standing the scorer and earlier reviews would have left after the member's last day. */
        private void standing(Random r, String pk, List<MemberDay> days, BatchLoader loader, String table) {
            Instant lastEvaluated = LAST_ACTIVE.atTime(23, 0).atZone(ZONE).toInstant();
            Category category = Engagement.category(Engagement.score(days, lastEvaluated, ZONE, RULES.halfLifeDays()),
                    Engagement.activeDays(days, LAST_ACTIVE), RULES);
            Tier tier = Engagement.tierFor(Engagement.qualifying(days, LAST_ACTIVE), RULES);
            LocalDate holdUntil = null;
            LocalDate warnedOn = null;
            if (tier != Tier.DIAMOND && !days.isEmpty() && r.nextDouble() < 0.06) {
                // Reached a tier above what the last 12 months qualify for; its hold ends in the next two months.
                tier = Tier.values()[tier.ordinal() + 1];
                holdUntil = FIRST_RUN.plusDays(r.nextInt(60));
                declining++;
                if (!holdUntil.minusDays(RULES.downgradeWarningDays()).isAfter(LAST_ACTIVE)) {
                    warnedOn = holdUntil.minusDays(RULES.downgradeWarningDays());
                    warned++;
                }
                for (int run = 0; run < 2; run++) {
                    LocalDate today = FIRST_RUN.plusDays(run);
                    if (warnedOn != null && holdUntil.equals(today)) {
                        downgradesDue[run]++;
                    }
                    if (holdUntil.minusDays(RULES.downgradeWarningDays()).equals(today)) {
                        warningsDue[run]++;
                    }
                }
            } else if (tier != Tier.BRONZE) {
                holdUntil = LAST_ACTIVE.plusDays(1 + r.nextInt(365));
                // Qualified at the last active day, but each run day's 12 months lose a day: a member who falls below
                // their tier with the hold ending within the warning period is warned then (once).
                for (int run = 0; run < 2; run++) {
                    LocalDate today = FIRST_RUN.plusDays(run);
                    if (Engagement.tierFor(Engagement.qualifying(days, today), RULES).compareTo(tier) < 0
                            && !today.isBefore(holdUntil.minusDays(RULES.downgradeWarningDays()))) {
                        warningsDue[run]++;
                        break;
                    }
                }
            }
            if (category == Category.POTENTIAL && tier == Tier.BRONZE) {
                return; // not on the review index: the job never reads its standing
            }
            reviewed++;
            categories.merge(category, 1L, Long::sum);
            tiers.merge(tier, 1L, Long::sum);
            Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s(pk), "sk", s("STANDING"), "review", s("standing")));
            item.put("category", s(category.key()));
            item.put("categorySince", s(LAST_ACTIVE.minusDays(r.nextInt(200)).toString()));
            item.put("tier", s(tier.key()));
            if (holdUntil != null) {
                item.put("tierSince", s(holdUntil.minusMonths(RULES.tierHoldMonths()).toString()));
                item.put("holdUntil", s(holdUntil.toString()));
            }
            if (warnedOn != null) {
                item.put("warnedOn", s(warnedOn.toString()));
                item.put("downgradeOn", s(holdUntil.toString()));
            }
            item.put("rulesVersion", n(RULES.version()));
            item.put("rev", n(1 + r.nextInt(20)));
            item.put("updatedAt", s(lastEvaluated.toString()));
            loader.put(table, item);
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
