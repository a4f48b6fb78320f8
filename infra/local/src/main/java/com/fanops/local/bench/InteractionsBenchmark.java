package com.fanops.local.bench;

import static com.fanops.local.bench.BenchApi.importMembers;
import static com.fanops.local.bench.BenchApi.send;
import static com.fanops.local.bench.BenchApi.signIn;

import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ./fanops bench interactions --events 100000 --members 1000}: the whole pipeline on this machine -
 * members imported through the admin API, events posted in batches of 100 through the ingestion API with a
 * channel key, queued, scored by the scorer function in its own JVMs. Prints ingestion and end-to-end rates,
 * and DynamoDB capacity units and calls per event as the scorer reports them (ReturnConsumedCapacity=TOTAL, summed from
 * its per-batch log lines), beside DynamoDB Local's raw single-item write rate measured in the same JVM just before
 * ({@link #rawWriteRate}).
 */
public final class InteractionsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"like", "like", "like", "comment", "comment", "share", "vote", "check_in", "answer",
            "survey", "event_attended", "content_submitted", "follow", "purchase"};

    private InteractionsBenchmark() {
    }

    public static void run(Path root, int events, int members, int concurrency) throws Exception {
        Path work = Files.createTempDirectory("fanops-bench");
        LocalConfig config = new LocalConfig(root.resolve("template.yaml"), Map.of(), null, root.resolve("admin-ui/public"), work,
                root.resolve("infra/local/target/ric"), 0, concurrency, Clock.systemUTC());
        LongAdder scored = new LongAdder();
        DoubleAdder reads = new DoubleAdder();
        DoubleAdder writes = new DoubleAdder();
        DoubleAdder factWrites = new DoubleAdder();
        LongAdder calls = new LongAdder();
        // Units by effect, as the scorer logs them: claims with timeline and purchase records, standing with its summary
        // and outbox events, members' statuses.
        Map<String, DoubleAdder> effects = new java.util.LinkedHashMap<>();
        for (String f : List.of("dayWriteUnits", "dayReadUnits", "standingWriteUnits", "standingReadUnits", "statusReadUnits")) {
            effects.put(f, new DoubleAdder());
        }
        // Write units by kind of write, as the scorer logs them ("w.<kind>"): claim and claimIndex (the byExpiry entry),
        // timeline, purchase, summary (restatement), rebuild, standingChange (by table: the standing, tier history, outbox).
        Map<String, DoubleAdder> kinds = new java.util.concurrent.ConcurrentSkipListMap<>();
        try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> {
            if (fn.equals("InteractionsScorerFunction") && line.contains("\"batch scored\"")) {
                try {
                    JsonNode l = JSON.readTree(line);
                    // Events of the messages that succeeded (a message carries one ingestion call, up to 100 events).
                    scored.add(l.path("events").asLong());
                    reads.add(l.path("readUnits").asDouble());
                    writes.add(l.path("writeUnits").asDouble());
                    factWrites.add(l.path("factWriteUnits").asDouble());
                    calls.add(l.path("calls").asLong());
                    effects.forEach((f, sum) -> sum.add(l.path(f).asDouble()));
                    l.fieldNames().forEachRemaining(f -> {
                        if (f.startsWith("w.")) {
                            kinds.computeIfAbsent(f.substring(2), k -> new DoubleAdder()).add(l.path(f).asDouble());
                        }
                    });
                } catch (Exception ignored) {
                    // not a log line of ours
                }
            } else if (line.contains("\"level\":\"ERROR\"")) {
                System.out.println("[" + fn + "] " + line);
            }
        })) {
            HttpClient http = HttpClient.newHttpClient();
            URI api = cloud.endpoints().get("api");
            String token = signIn(cloud, http, "admin");
            List<String> ids = importMembers(http, api, token, members);
            String apiKey = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/channel-keys"))
                    .header("authorization", "Bearer " + token).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"wechat\",\"name\":\"benchmark\"}")).build(), 201)).path("apiKey").asText();
            System.out.printf("%d members imported; posting %d events in batches of 100%n", ids.size(), events);
            double rawRate = rawWriteRate(cloud, RAW_THREADS, RAW_SECONDS);

            long t0 = System.nanoTime();
            ExecutorService posters = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            Instant now = Instant.now();
            for (int from = 0; from < events; from += 100) {
                int start = from;
                done.add(posters.submit(() -> {
                    Random random = new Random(start);
                    StringBuilder body = new StringBuilder("{\"events\":[");
                    for (int i = start; i < Math.min(events, start + 100); i++) {
                        String type = TYPES[random.nextInt(TYPES.length)];
                        String at = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 20))).truncatedTo(ChronoUnit.SECONDS).toString();
                        body.append(i == start ? "" : ",").append("{\"eventId\":\"b-").append(i).append("\",\"memberId\":\"")
                                .append(ids.get(random.nextInt(ids.size()))).append("\",\"type\":\"").append(type)
                                .append("\",\"occurredAt\":\"").append(at).append('"');
                        if (type.equals("purchase")) {
                            body.append(",\"amount\":").append(10 + random.nextInt(500)).append(",\"currency\":\"CNY\"");
                        }
                        body.append('}');
                    }
                    body.append("]}");
                    send(http, HttpRequest.newBuilder(api.resolve("/v1/interactions")).header("x-api-key", apiKey)
                            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), 202);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            posters.shutdown();
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ingested %d events in %.1f s (%.0f events/s through the API)%n", events, ingestSeconds, events / ingestSeconds);

            SqsClient sqs = SqsClient.builder().endpointOverride(cloud.endpoints().get("sqs")).region(Region.of(LocalConfig.REGION))
                    .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            String queue = cloud.queueUrl("InteractionsQueue");
            String deadLetters = cloud.queueUrl("InteractionsDLQ");
            long lastReport = System.nanoTime();
            int dead = 0;
            double[] interval = new double[7];
            // Until every event is scored or a message is dead-lettered (it would otherwise keep this waiting forever).
            while (scored.sum() < events && dead == 0) {
                Thread.sleep(500);
                if (System.nanoTime() - lastReport > 10e9) {
                    lastReport = System.nanoTime();
                    var attrs = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                    dead = count(sqs, deadLetters);
                    // Units per event in the last interval: the events are drawn at random, so once every member's summary
                    // exists (its first event reads its days and builds it) a partial run shows the steady per-event figures.
                    double[] sums = {scored.sum(), writes.sum(), factWrites.sum(), effects.get("standingWriteUnits").sum(),
                        effects.get("dayWriteUnits").sum(), reads.sum(), calls.sum()};
                    double n = Math.max(1, sums[0] - interval[0]);
                    System.out.printf("  scored %d of %d, %d dead-lettered (queue: %s); last interval, per event: %.2f write units "
                                    + "(claims/timeline %.2f, standing %.2f, facts %.2f), %.2f read units, %.2f calls%n", scored.sum(), events, dead,
                            attrs, (sums[1] - interval[1]) / n, (sums[4] - interval[4]) / n, (sums[3] - interval[3]) / n, (sums[2] - interval[2]) / n,
                            (sums[5] - interval[5]) / n, (sums[6] - interval[6]) / n);
                    interval = sums;
                }
            }
            double totalSeconds = (System.nanoTime() - t0) / 1e9;
            dead = count(sqs, deadLetters);
            System.out.println();
            System.out.println("| events | members | scorer concurrency | API ingest | end to end (API -> SQS -> scorer -> DynamoDB) "
                    + "| write units / event | of which metrics facts | read units / event | dead-lettered messages |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %d | %.0f events/s | %.0f events/s (%.0f s) | %.2f | %.2f | %.2f | %d |%n", events, ids.size(), concurrency,
                    events / ingestSeconds, events / totalSeconds, totalSeconds, writes.sum() / events, factWrites.sum() / events,
                    reads.sum() / events, dead);
            System.out.println();
            System.out.println("| per event | claims, timeline, purchases (incl. expiry index) | standing, summary, outbox | metrics facts "
                    + "| members' statuses |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf("| write units | %.2f | %.2f | %.2f | - |%n", effects.get("dayWriteUnits").sum() / events,
                    effects.get("standingWriteUnits").sum() / events, factWrites.sum() / events);
            System.out.printf("| read units | %.2f | %.2f | - | %.2f |%n", effects.get("dayReadUnits").sum() / events,
                    effects.get("standingReadUnits").sum() / events, effects.get("statusReadUnits").sum() / events);
            System.out.println();
            System.out.println("| write units / event, by kind | " + String.join(" | ", kinds.keySet()) + " | metrics facts |");
            System.out.println("|---|" + "---|".repeat(kinds.size() + 1));
            StringBuilder byKind = new StringBuilder("| per event |");
            kinds.values().forEach(u -> byKind.append(String.format(" %.3f |", u.sum() / events)));
            System.out.println(byKind.append(String.format(" %.3f |", factWrites.sum() / events)));
            // The pipeline against what this DynamoDB Local takes at most, measured in the same JVM a moment before.
            double perEvent = (double) calls.sum() / events;
            double eventRate = events / totalSeconds;
            System.out.println();
            System.out.println("| raw single-item writes (" + RAW_THREADS + " threads, " + RAW_SECONDS + " s) | end to end | DynamoDB calls / event "
                    + "| events/s / raw writes/s | scorer calls/s / raw writes/s | load average (1 min) |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| %.0f writes/s | %.0f events/s | %.2f | %.3f | %.2f | %.1f |%n", rawRate, eventRate, perEvent, eventRate / rawRate,
                    eventRate * perEvent / rawRate, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static final int RAW_THREADS = 4;
    private static final int RAW_SECONDS = 15;

    /**
     * DynamoDB Local's raw single-item write rate in this stack: {@code threads} clients doing PutItem of ~300-byte items
     * (one table of its own, no index) for {@code seconds}, before the pipeline runs. Prints and answers writes/s.
     */
    static double rawWriteRate(LocalCloud cloud, int threads, int seconds) throws Exception {
        DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb")).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        String table = "BenchRawWrites";
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build()));
        String padding = "x".repeat(240);
        LongAdder written = new LongAdder();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    long n = i;
                    ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("RAW#" + thread + "#" + (n % 1000)),
                            "sk", AttributeValue.fromS("I#" + n), "v", AttributeValue.fromS(padding), "n", AttributeValue.fromN(Long.toString(n)))));
                    written.increment();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double rate = written.sum() / ((System.nanoTime() - t0) / 1e9);
        ddb.deleteTable(b -> b.tableName(table));
        ddb.close();
        System.out.printf("raw single-item write rate of this DynamoDB Local: %.0f PutItem/s (%d threads, %d s, ~300-byte items)%n",
                rate, threads, seconds);
        return rate;
    }

    /** The queue's message count (one receive would show at most 10). */
    private static int count(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }




}
