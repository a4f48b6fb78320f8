package com.fanops.local.bench;

import static com.fanops.local.bench.BenchApi.send;
import static com.fanops.local.bench.BenchApi.signIn;

import com.fanops.local.lambda.FunctionStats;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.platform.events.EventPublisher;
import com.fanops.template.FunctionSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ./fanops bench messaging --messages 10000 [--send-rate 14]}: care messages for a dormant cohort through the
 * production path on this machine. The stack starts with {@code MaxSendRate} set to the send rate; members with
 * e-mail addresses and marketing consent are imported through the admin API; the messaging policy gets no quiet hours
 * (the cap stays) so the time of day does not defer the run; then one {@code MemberDormant} per member goes on the bus
 * as the metrics job announces it, and the rule, the requests queue, the sender (its own JVM, reserved concurrency 1,
 * pacing itself) and the SES stand-in do the rest. Prints the rate against the send rate, DynamoDB capacity units per
 * message from the sender's {@code "batch handled"} lines, the dead-lettered count and the sender's cold start.
 */
public final class MessagingBenchmark {

    static final String SENDER = "MessagingSenderFunction";
    /** Rows per import call: the API takes 5,000, but 1,000 keep one call well inside the function's timeout on a busy machine. */
    private static final int IMPORT_BATCH = 1000;
    private static final Duration STALLED = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to run: {@code --messages}, {@code --send-rate} (the template's {@code MaxSendRate}), other parameter overrides. */
    public record Settings(int messages, String sendRate, Map<String, String> params) {

        static final int DEFAULT_MESSAGES = 10_000;
        static final String DEFAULT_SEND_RATE = "14";

        /** From the command's options; {@code --send-rate} wins over {@code --param MaxSendRate=}. */
        public static Settings parse(Map<String, String> values, Map<String, String> params) {
            String messagesText = values.getOrDefault("messages", String.valueOf(DEFAULT_MESSAGES));
            int messages;
            try {
                messages = Integer.parseInt(messagesText.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--messages must be a whole number, not " + messagesText);
            }
            if (messages < 1) {
                throw new IllegalArgumentException("--messages must be at least 1");
            }
            String rate = values.getOrDefault("send-rate", params.getOrDefault("MaxSendRate", DEFAULT_SEND_RATE)).strip();
            double perSecond;
            try {
                perSecond = Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--send-rate must be a number of messages a second, not " + rate);
            }
            // The template's MinValue for MaxSendRate.
            if (!(perSecond >= 1) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("--send-rate must be at least 1 message a second");
            }
            Map<String, String> all = new LinkedHashMap<>(params);
            all.put("MaxSendRate", rate);
            return new Settings(messages, rate, Map.copyOf(all));
        }

        double perSecond() {
            return Double.parseDouble(sendRate);
        }
    }

    /** When the e-mails reached the SES stand-in: how many, the first and the last, and the most in any one second. */
    record Pacing(int emails, Instant first, Instant last, int busiestSecond) {

        static Pacing of(List<Instant> times) {
            if (times.isEmpty()) {
                return new Pacing(0, null, null, 0);
            }
            List<Instant> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            int busiest = 0;
            int from = 0;
            for (int to = 0; to < sorted.size(); to++) {
                // The window [sorted[from], sorted[from] + 1 s) ending at this e-mail.
                while (!sorted.get(from).plusSeconds(1).isAfter(sorted.get(to))) {
                    from++;
                }
                busiest = Math.max(busiest, to - from + 1);
            }
            return new Pacing(sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1), busiest);
        }

        /** E-mails a second between the first and the last (the steady rate, without the start-up). */
        double perSecond() {
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            return emails < 2 || seconds <= 0 ? Double.NaN : (emails - 1) / seconds;
        }
    }

    private MessagingBenchmark() {
    }

    public static void run(Path root, Settings settings, int concurrency) throws Exception {
        Path work = Files.createTempDirectory("fanops-bench");
        LocalConfig config = new LocalConfig(root.resolve("template.yaml"), settings.params(), null, root.resolve("admin-ui/public"), work,
                root.resolve("infra/local/target/ric"), 0, concurrency, Clock.systemUTC());
        SenderLog senderLog = new SenderLog();
        try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> {
            if (fn.equals(SENDER)) {
                senderLog.accept(line);
            }
            if (line.contains("\"level\":\"ERROR\"") || line.contains("\"level\":\"WARN\"")) {
                System.out.println("[" + fn + "] " + line);
            }
        })) {
            int n = settings.messages();
            System.out.printf("stack ready in %d ms, MaxSendRate=%s; %d members, one care message each%n", cloud.readyMillis(),
                    settings.sendRate(), n);
            HttpClient http = HttpClient.newHttpClient();
            URI api = cloud.endpoints().get("api");
            String token = signIn(cloud, http);
            System.out.println(noQuietHours(http, api, token));

            long importStart = System.nanoTime();
            List<String> ids = importCohort(http, api, token, n);
            System.out.printf("%d members imported in %.0f s (e-mail, membership and marketing consent)%n", ids.size(),
                    (System.nanoTime() - importStart) / 1e9);
            if (ids.size() < n) {
                throw new IllegalStateException("only " + ids.size() + " of " + n + " rows created a member");
            }
            SqsClient sqs = SqsClient.builder().endpointOverride(cloud.endpoints().get("sqs")).region(Region.of(LocalConfig.REGION))
                    .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(ApacheHttpClient.builder()).build();
            // The import's own events (MemberJoined for messaging, join facts for metrics) must not share the measurement.
            long idleStart = System.nanoTime();
            if (!awaitIdle(cloud, sqs, Duration.ofMinutes(20))) {
                throw new IllegalStateException("the stack was still busy with the import's events after 20 minutes");
            }
            System.out.printf("the import's events handled in a further %.0f s; the sender is %s%n", (System.nanoTime() - idleStart) / 1e9,
                    cloud.lambda().stats().get(SENDER).coldStarts() > 0 ? "warm (it took the import's MemberJoined events)" : "not started");
            senderLog.reset();

            String queue = cloud.queueUrl("MessageRequestsQueue");
            String deadLetters = cloud.queueUrl("MessageRequestsDLQ");
            ZoneId zone = ZoneId.of(env(cloud, "MetricsDailyFunction", "BUSINESS_TIME_ZONE"));
            LocalDate day = LocalDate.now(zone);
            List<MemberDormant> cohort = ids.stream().map(id -> new MemberDormant(id, day, day.minusDays(30), true)).toList();
            Instant t0 = Instant.now();
            try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(cloud.endpoints().get("eventbridge"))
                    .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                    .httpClientBuilder(ApacheHttpClient.builder()).build()) {
                // The metrics job's publisher, source and bus: PutEvents with 10 entries a call.
                new EventPublisher(events, env(cloud, "MetricsDailyFunction", "EVENT_BUS_NAME"), MetricsJob.SOURCE, Clock.systemUTC())
                        .publishAll(cohort);
            }
            System.out.printf("%d MemberDormant events on the bus in %.1f s (%d PutEvents calls)%n", n,
                    Duration.between(t0, Instant.now()).toNanos() / 1e9, (n + 9) / 10);

            long lastDecided = -1;
            Instant lastProgress = Instant.now();
            long lastSent = 0;
            while (senderLog.sent() < n) {
                Thread.sleep(10_000);
                long decided = senderLog.decided();
                if (decided != lastDecided) {
                    lastDecided = decided;
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALLED) > 0) {
                    System.out.println("  no request decided for " + STALLED.toMinutes() + " minutes: stopping the wait");
                    break;
                }
                long sent = senderLog.sent();
                SenderLog.Totals t = senderLog.totals();
                System.out.printf("  %5.0f s: sent %d of %d (%.1f/s over the last 10 s), suppressed %d, deferred %d, refused %d; "
                                + "queue %d, dead-lettered %d%n", Duration.between(t0, Instant.now()).toNanos() / 1e9, sent, n,
                        (sent - lastSent) / 10.0, t.suppressed(), t.deferred(), t.refused(), depth(sqs, queue), depth(sqs, deadLetters));
                lastSent = sent;
            }
            Pacing pacing = Pacing.of(sentEmails(http, cloud.endpoints().get("messaging")));
            // SES's delivery reports come back through the bus to the same queue: their handling is part of the cost.
            long drainStart = System.nanoTime();
            boolean drained = awaitIdle(cloud, sqs, Duration.ofMinutes(10));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            int dead = depth(sqs, deadLetters);
            SenderLog.Totals t = senderLog.totals();
            FunctionStats sender = cloud.lambda().stats().get(SENDER);

            double wall = pacing.last() == null ? Double.NaN : Duration.between(t0, pacing.last()).toNanos() / 1e9;
            double endToEnd = pacing.emails() / wall;
            System.out.println();
            System.out.printf("reports: %d SES reports handled; the queue %s %.0f s after the last e-mail%n", t.reports(),
                    drained ? "and every other consumed queue were empty" : "was still not empty", drainSeconds);
            System.out.println();
            System.out.println("| members | sent (SES stand-in) | MaxSendRate | first PutEvents -> last e-mail | messages/s end to end "
                    + "| e-mails/s first -> last e-mail | most in one second | read units / message | write units / message "
                    + "| suppressed / deferred / refused | dead-lettered | sender cold start |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %s/s | %.1f s | %.2f (%.0f%% of the rate) | %.2f | %d | %.2f | %.2f | %d / %d / %d | %d | %d ms |%n",
                    ids.size(), pacing.emails(), settings.sendRate(), wall, endToEnd, 100 * endToEnd / settings.perSecond(),
                    pacing.perSecond(), pacing.busiestSecond(), t.all().readUnits() / t.sent(), t.all().writeUnits() / t.sent(),
                    t.suppressed(), t.deferred(), t.refused(), dead, sender.maxColdStartMs());
            System.out.println();
            System.out.printf("capacity: %.1f read and %.1f write units over %d sender invocations (%d messages in them: the "
                    + "requests and the SES reports), divided by %d messages sent%n", t.all().readUnits(), t.all().writeUnits(),
                    t.all().batches(), t.all().messages(), t.sent());
            System.out.printf("  batches of sends only: %d batches, %d sends, %.2f read / %.2f write units per send%n",
                    t.sendsOnly().batches(), t.sendsOnly().messages(), t.sendsOnly().readsPerMessage(), t.sendsOnly().writesPerMessage());
            System.out.printf("  batches of SES reports only: %d batches, %d reports, %.2f read / %.2f write units per report%n",
                    t.reportsOnly().batches(), t.reportsOnly().messages(), t.reportsOnly().readsPerMessage(),
                    t.reportsOnly().writesPerMessage());
            System.out.println("  not metered: the settings (policy and templates, re-read once a minute) and the keyring (once per JVM)");
            System.out.println("  " + messageItems(cloud));
            System.out.printf("sender: %d cold start(s), the longest %d ms, the last %d ms (JVM start to its first answer; the "
                            + "first took a batch of the import's MemberJoined events), %d invocations, %d errors, %d failed batch "
                            + "items%n", sender.coldStarts(), sender.maxColdStartMs(), sender.lastColdStartMs(), sender.invocations(),
                    sender.errors(), t.failedInBatches());
            System.out.printf("java %s, %d cores, load average at the end %s%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
        }
    }

    /** Sets quiet hours to none (start = end) on the policy in force, keeping the cap; says what it did. */
    private static String noQuietHours(HttpClient http, URI api, String token) throws Exception {
        JsonNode current = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/messaging/policy"))
                .header("authorization", "Bearer " + token).build(), 200));
        ObjectNode policy = ((ObjectNode) current.path("policy")).deepCopy();
        policy.put("quietEnd", policy.path("quietStart").asText());
        ObjectNode change = JSON.createObjectNode().put("basedOn", current.path("version").asInt());
        change.set("policy", policy);
        JsonNode saved = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/messaging/policy"))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(change))).build(), 201));
        return String.format("messaging policy version %d: no quiet hours (quietStart = quietEnd = %s, was until %s), "
                        + "frequency cap kept (%d per %d days)", saved.path("version").asInt(), policy.path("quietStart").asText(),
                current.path("policy").path("quietEnd").asText(), policy.path("capCount").asInt(), policy.path("capDays").asInt());
    }

    /** Members with an e-mail address, membership and marketing consent to the current notices, imported long ago. */
    private static List<String> importCohort(HttpClient http, URI api, String token, int members) throws Exception {
        Map<String, Integer> notices = new LinkedHashMap<>();
        JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/notices")).build(), 200)).path("notices")
                .forEach(notice -> notices.put(notice.path("purpose").asText(), notice.path("version").asInt()));
        String joined = Instant.now().minus(Duration.ofDays(120)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ExecutorService importers = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> batches = new ArrayList<>();
        for (int from = 0; from < members; from += IMPORT_BATCH) {
            int start = from;
            batches.add(importers.submit(() -> {
                StringBuilder rows = new StringBuilder();
                for (int i = start; i < Math.min(members, start + IMPORT_BATCH); i++) {
                    ObjectNode row = JSON.createObjectNode().put("nickname", "Fan " + i).put("email", "dormant-" + i + "@example.com")
                            .put("region", "Shanghai").put("channel", "wechat").put("joinedAt", joined).put("evidence", "benchmark");
                    var consents = row.putArray("consents");
                    for (String purpose : List.of("membership", "marketing")) {
                        consents.addObject().put("purpose", purpose).put("noticeVersion", notices.get(purpose)).put("at", joined);
                    }
                    rows.append(JSON.writeValueAsString(row)).append('\n');
                }
                JsonNode result = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/members/import"))
                        .header("authorization", "Bearer " + token).header("content-type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build(), 200));
                List<String> ids = new ArrayList<>();
                result.path("rows").forEach(r -> {
                    if (r.hasNonNull("memberId")) {
                        ids.add(r.path("memberId").asText());
                    }
                });
                return ids;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<List<String>> batch : batches) {
            ids.addAll(batch.get());
        }
        importers.shutdown();
        return ids;
    }

    /** How large the delivery log's message items are (what every status change rewrites), from a sample of them. */
    private static String messageItems(LocalCloud cloud) {
        try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb"))
                .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            List<Long> sizes = ddb.scan(b -> b.tableName(cloud.tableName("MessagesTable")).limit(500)
                            .filterExpression("begins_with(pk, :msg)").expressionAttributeValues(Map.of(":msg", AttributeValue.fromS("MSG#"))))
                    .items().stream().map(ItemSize::of).sorted().toList();
            if (sizes.isEmpty()) {
                return "no message item to weigh";
            }
            return String.format("a message's log item at the end: %d bytes (median of %d; %d to %d)", sizes.get(sizes.size() / 2),
                    sizes.size(), sizes.get(0), sizes.get(sizes.size() - 1));
        }
    }

    /** When the SES stand-in took each e-mail ({@code GET /_aws/ses}, LocalStack's shape). */
    private static List<Instant> sentEmails(HttpClient http, URI messaging) throws Exception {
        JsonNode all = JSON.readTree(send(http, HttpRequest.newBuilder(messaging.resolve("/_aws/ses")).build(), 200));
        List<Instant> times = new ArrayList<>();
        all.path("messages").forEach(m -> times.add(Instant.parse(m.path("Timestamp").asText())));
        return times;
    }

    /** Nothing left to happen, seen twice in a row: every queue a function reads empty, no event or SES report pending. */
    private static boolean awaitIdle(LocalCloud cloud, SqsClient sqs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            boolean busy = cloud.pendingEventDeliveries() > 0 || cloud.pendingEmailEvents() > 0
                    || cloud.consumedQueueUrls().stream().anyMatch(url -> depth(sqs, url) > 0);
            quiet = busy ? 0 : quiet + 1;
            Thread.sleep(busy ? 1000 : 200);
        }
        return true;
    }

    /** Visible, in flight and delayed messages. */
    private static int depth(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** A function's environment variable as the template resolves it for this stack. */
    private static String env(LocalCloud cloud, String function, String name) {
        FunctionSpec fn = cloud.template().functions().stream().filter(f -> f.logicalId().equals(function)).findFirst().orElseThrow();
        return cloud.resolver().string(fn.environment().get(name));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }




}
