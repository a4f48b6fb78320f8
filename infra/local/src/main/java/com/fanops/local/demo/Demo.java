package com.fanops.local.demo;

import com.fanops.local.identity.DevUser;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ./fanops demo}: fills a running local stack with a {@link CommunityModel} community through the product's own
 * APIs only - members through the bulk import (with the consents they gave, against the current notices; staff and
 * test accounts with their {@code kind}), their interactions through the ingestion API with one channel key per brand
 * channel - waits until the scorer has drained the queue and the metrics-events function has taken in every member
 * and standing event, then asks for the metrics backfill of the period's finished days and waits for the snapshots.
 * Refunds go last: the ingestion API accepts a refund only for a purchase the scorer has already applied.
 */
public final class Demo {

    /** {@code now} is the end of the period (null: the current time). */
    public record Settings(int members, int days, long seed, Instant now) {
    }

    /** What was generated and what the APIs made of it; {@code memberIds} maps model indexes to member ids. */
    public record Outcome(CommunityModel.Community community, Map<Integer, String> memberIds, boolean kindsImported, long posted,
                          long accepted, long deadLettered, String metrics, JsonNode lastSnapshot, Duration took) {
    }

    /** {@code ./fanops demo}'s defaults: about 9,500 interactions, a few minutes on a 2-core machine (BENCHMARKS.md). */
    public static final int DEFAULT_MEMBERS = 500;
    public static final int DEFAULT_DAYS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMPORT_BATCH = 5000;
    private static final int EVENT_BATCH = 100;
    private static final int POSTERS = 4;

    private final LocalCloud cloud;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;
    private final SqsClient sqs;
    private String token;
    private long tokenAt;

    public Demo(LocalCloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
        this.api = cloud.endpoints().get("api");
        this.sqs = SqsClient.builder().endpointOverride(cloud.endpoints().get("sqs")).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(LocalCloud.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** A rough figure for the estimate printed up front: what the scorer manages on a 2-core machine, busy or quiet. */
    static String estimate(long events) {
        long slow = Math.max(1, Math.round(events / 30.0 / 60));
        long fast = Math.max(1, Math.round(events / 200.0 / 60));
        return fast == slow ? "about " + fast + " min" : "about " + fast + "-" + slow + " min";
    }

    public Outcome run(Settings s) throws Exception {
        try {
            return generate(s);
        } finally {
            sqs.close();
        }
    }

    private Outcome generate(Settings s) throws Exception {
        long t0 = System.nanoTime();
        ZoneId zone = ZoneId.of(cloud.resolver().parameters().getOrDefault("BusinessTimeZone", "Asia/Shanghai"));
        CommunityModel.Community c = CommunityModel.generate(s.seed(), s.members(), s.days(), s.now() == null ? Instant.now() : s.now(), zone);
        long refunds = c.count("refund");
        int extra = c.members().size() - s.members();
        say("%d members (and %d staff/test accounts) joining over %d days (%s..%s, %s), seed %d", s.members(), extra, s.days(),
                c.firstDay(), c.lastDay(), zone, s.seed());
        say("%d interactions to post: %d purchases, %d refunds, %d referrals, %d follows, %d unfollows", c.events().size(),
                c.count("purchase"), refunds, c.count("referral_joined"), c.count("follow"), c.count("unfollow"));
        say("the scorer does roughly 30-200 events/s on a 2-core machine (busy or quiet): %s", estimate(c.events().size()));

        Map<Integer, String> ids = new HashMap<>();
        boolean kinds = importMembers(c, ids);
        Map<String, String> keys = channelKeys(c);

        AtomicLong accepted = new AtomicLong();
        Predicate<CommunityModel.Event> known = e -> ids.containsKey(e.member());
        // Grouped by member, in time order: a scorer batch then mostly holds one member, whose standing it evaluates once.
        List<CommunityModel.Event> first = c.events().stream().filter(known.and(e -> !e.type().equals("refund")))
                .sorted(Comparator.comparingInt(CommunityModel.Event::member).thenComparing(CommunityModel.Event::occurredAt)).toList();
        List<CommunityModel.Event> refundsLast = c.events().stream().filter(known.and(e -> e.type().equals("refund"))).toList();
        post(first, ids, keys, accepted);
        awaitDrained(accepted.get());
        if (!refundsLast.isEmpty()) {
            say("posting %d refunds of purchases scored above", refundsLast.size());
            long before = accepted.get();
            post(refundsLast, ids, keys, accepted);
            awaitDrained(accepted.get() - before);
        }
        long dead = queueDepth("InteractionsDLQ");
        say("interactions: %d accepted, %d dead-lettered messages", accepted.get(), dead);

        // Joins, exits and standing changes reach the metrics through events: the backfill must see them all, since the
        // first computation of yesterday records the tier and category distribution.
        awaitEventsTakenIn("MetricsEventsFunction");
        long metricsDead = queueDepth("MetricsEventsDLQ");
        if (metricsDead > 0) {
            say("warning: %d member or standing events dead-lettered by the metrics-events function (MetricsEventsDLQ)", metricsDead);
        }
        String metrics = backfill(c);
        JsonNode last = metrics.equals("computed") || metrics.equals("partly computed") ? summarise(c) : null;
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        say("done in %dm%02ds", took.toMinutes(), took.toSecondsPart());
        return new Outcome(c, Map.copyOf(ids), kinds, first.size() + refundsLast.size(), accepted.get(), dead, metrics,
                last, took);
    }

    // ------------------------------------------------------------------ members

    /** Imports every member, staff and test accounts with their kind; returns whether all of those went in. */
    private boolean importMembers(CommunityModel.Community c, Map<Integer, String> ids) throws Exception {
        Map<String, Integer> notices = new HashMap<>();
        JSON.readTree(send(HttpRequest.newBuilder(api.resolve("/v1/notices")).build(), 200)).path("notices")
                .forEach(n -> notices.put(n.path("purpose").asText(), n.path("version").asInt()));
        List<CommunityModel.Member> community = c.members().stream().filter(m -> m.kind() == CommunityModel.Kind.MEMBER).toList();
        List<CommunityModel.Member> others = c.members().stream().filter(m -> m.kind() != CommunityModel.Kind.MEMBER).toList();
        boolean kinds = others.isEmpty();
        if (!others.isEmpty()) {
            // "kind": staff and test accounts exist like members (they are scored) but count in no metric.
            JsonNode result = importBatch(others, notices);
            if (result.path("rejected").asLong() > 0) {
                throw new IllegalStateException("the member import refused staff/test rows: " + firstReason(result));
            }
            int created = collect(result, others, ids);
            kinds = created == others.size();
            say("imported %d staff and test accounts (kind staff/test: counted in no metric)%s", created,
                    kinds ? "" : "; " + (others.size() - created) + " were already there");
        }
        for (int from = 0; from < community.size(); from += IMPORT_BATCH) {
            List<CommunityModel.Member> batch = community.subList(from, Math.min(community.size(), from + IMPORT_BATCH));
            JsonNode result = importBatch(batch, notices);
            collect(result, batch, ids);
            say("members imported: %d/%d (this batch: %d created, %d already members, %d rejected%s)",
                    from + batch.size(), community.size(), result.path("created").asLong(), result.path("duplicate").asLong(),
                    result.path("rejected").asLong(), result.path("rejected").asLong() > 0 ? ": " + firstReason(result) : "");
        }
        long missing = c.members().size() - ids.size();
        if (missing > 0) {
            say("%d rows did not create a member (already members from a kept --data-dir?): their interactions are skipped", missing);
        }
        return kinds;
    }

    private JsonNode importBatch(List<CommunityModel.Member> batch, Map<String, Integer> notices) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (CommunityModel.Member m : batch) {
            ObjectNode row = JSON.createObjectNode();
            row.put("nickname", m.nickname());
            if (m.email() != null) {
                row.put("email", m.email());
            } else {
                row.put("phone", m.phone());
            }
            row.put("region", m.region()).put("channel", m.channel()).put("joinedAt", m.joinedAt().toString())
                    .put("evidence", "demo seed " + m.index()).put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode consents = row.putArray("consents");
            consent(consents, "membership", notices, m);
            if (m.marketing()) {
                consent(consents, "marketing", notices, m);
            }
            if (m.personalisation()) {
                consent(consents, "personalisation", notices, m);
            }
            rows.append(JSON.writeValueAsString(row)).append('\n');
        }
        return JSON.readTree(send(authorized("/v1/admin/members/import").header("content-type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build(), 200));
    }

    private static void consent(ArrayNode consents, String purpose, Map<String, Integer> notices, CommunityModel.Member m) {
        Integer version = notices.get(purpose);
        if (version != null) {
            consents.addObject().put("purpose", purpose).put("noticeVersion", version).put("at", m.joinedAt().toString());
        }
    }

    /** Maps the import's per-row results (line numbers in the body) to model indexes; returns how many were created. */
    private static int collect(JsonNode result, List<CommunityModel.Member> batch, Map<Integer, String> ids) {
        int created = 0;
        for (JsonNode row : result.path("rows")) {
            if (row.hasNonNull("memberId")) {
                ids.put(batch.get(row.path("line").asInt() - 1).index(), row.path("memberId").asText());
                created++;
            }
        }
        return created;
    }

    private static String firstReason(JsonNode result) {
        for (JsonNode row : result.path("rows")) {
            if (row.hasNonNull("reason")) {
                return row.path("reason").asText();
            }
        }
        return "no reason given";
    }

    // ------------------------------------------------------------------ interactions

    private Map<String, String> channelKeys(CommunityModel.Community c) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String channel : new TreeSet<>(c.events().stream().map(CommunityModel.Event::channel).toList())) {
            JsonNode key = JSON.readTree(send(authorized("/v1/admin/channel-keys").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"" + channel + "\",\"name\":\"demo data\"}")).build(), 201));
            keys.put(channel, key.path("apiKey").asText());
        }
        say("channel keys created: %s", String.join(", ", keys.keySet()));
        return keys;
    }

    private void post(List<CommunityModel.Event> events, Map<Integer, String> ids, Map<String, String> keys, AtomicLong accepted)
            throws Exception {
        // One channel's events per call, as each channel posts with its own key.
        Map<String, List<CommunityModel.Event>> byChannel = new LinkedHashMap<>();
        events.forEach(e -> byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()).add(e));
        List<List<CommunityModel.Event>> batches = new ArrayList<>();
        byChannel.values().forEach(list -> {
            for (int from = 0; from < list.size(); from += EVENT_BATCH) {
                batches.add(list.subList(from, Math.min(list.size(), from + EVENT_BATCH)));
            }
        });
        AtomicLong posted = new AtomicLong();
        long t0 = System.nanoTime();
        AtomicLong lastSay = new AtomicLong(t0);
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<CommunityModel.Event> batch : batches) {
                done.add(posters.submit(() -> {
                    ArrayNode list = JSON.createArrayNode();
                    for (CommunityModel.Event e : batch) {
                        ObjectNode item = list.addObject().put("eventId", e.eventId()).put("memberId", ids.get(e.member()))
                                .put("type", e.type()).put("occurredAt", e.occurredAt().toString());
                        if (e.amount() != null) {
                            item.put("amount", e.amount()).put("currency", e.currency());
                        }
                        if (e.refEventId() != null) {
                            item.put("refEventId", e.refEventId());
                        }
                    }
                    ObjectNode body = JSON.createObjectNode();
                    body.set("events", list);
                    JsonNode answer = JSON.readTree(send(HttpRequest.newBuilder(api.resolve("/v1/interactions"))
                            .header("x-api-key", keys.get(batch.get(0).channel())).header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 202));
                    // All or nothing: a batch the API refuses is a 400, which stops the demo with its field errors.
                    accepted.addAndGet(answer.path("accepted").asLong());
                    long n = posted.addAndGet(batch.size());
                    long now = System.nanoTime();
                    long said = lastSay.get();
                    if (n == events.size() || (now - said > 5e9 && lastSay.compareAndSet(said, now))) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        say("events posted: %d/%d (%.0f events/s through the API)", n, events.size(), n / secs);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            posters.shutdownNow();
        }
    }

    /** Waits until the interactions queue is empty (nothing visible, nothing in flight), printing the scorer's progress. */
    private void awaitDrained(long expected) throws InterruptedException {
        long t0 = System.nanoTime();
        long lastSay = t0;
        int emptyPolls = 0;
        while (emptyPolls < 2) {
            Thread.sleep(1000);
            long depth = queueDepth("InteractionsQueue");
            emptyPolls = depth == 0 ? emptyPolls + 1 : 0;
            long now = System.nanoTime();
            if (now - lastSay > 10e9 || emptyPolls == 2) {
                lastSay = now;
                // A message is one accepted call of up to EVENT_BATCH events.
                long left = Math.min(expected, depth * EVENT_BATCH);
                long scored = Math.max(0, expected - left);
                double rate = scored / ((now - t0) / 1e9);
                say("queue drained/scored: about %d/%d (%.0f events/s%s)", scored, expected, rate,
                        depth > 0 && rate > 0 ? ", about " + Math.round(left / rate / 60 + 0.5) + " min left" : "");
            }
        }
    }

    /**
     * Waits until a function has worked through every event sent to it asynchronously (EventBridge rules invoke it so):
     * nothing running, queued or waiting for a retry, twice in a row.
     */
    private void awaitEventsTakenIn(String function) throws InterruptedException {
        long t0 = System.nanoTime();
        long lastSay = t0;
        int quiet = 0;
        while (quiet < 2) {
            Thread.sleep(500);
            long pending = cloud.lambda().pendingAsync(function);
            quiet = pending == 0 ? quiet + 1 : 0;
            if (pending > 0 && System.nanoTime() - lastSay > 10e9) {
                lastSay = System.nanoTime();
                say("metrics facts: %d member and standing events still to take in", pending);
            }
        }
        say("metrics facts: every member and standing event taken in (%.0f s)", (System.nanoTime() - t0) / 1e9);
    }

    private long queueDepth(String logicalId) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(logicalId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    // ------------------------------------------------------------------ metrics

    /**
     * Asks for the metrics of every day of the period that is over (today's are computed after midnight by the daily
     * job) and waits a while for them. Returns what happened, in a few words.
     */
    private String backfill(CommunityModel.Community c) throws Exception {
        LocalDate to = c.lastDay().minusDays(1);
        // The API recomputes at most 400 days at once; older days of a longer period are left out.
        LocalDate from = c.firstDay().isBefore(to.minusDays(399)) ? to.minusDays(399) : c.firstDay();
        if (to.isBefore(from)) {
            say("the period has no finished day yet: the daily job computes today's metrics after midnight");
            return "nothing to compute";
        }
        Instant asked = Instant.now();
        HttpResponse<String> answer = http.send(authorized("/v1/admin/metrics/backfill").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            say("metrics backfill refused (%d): %s", answer.statusCode(), answer.body());
            return "refused " + answer.statusCode();
        }
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        say("metrics backfill asked for %s..%s (%d days)", from, to, days);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long lastSay = 0;
        long computed = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            HttpResponse<String> range = http.send(authorized("/v1/admin/metrics/daily?from=" + from + "&to=" + to).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (range.statusCode() != 200) {
                say("metrics snapshots cannot be read (%d): not waiting for them", range.statusCode());
                return "asked";
            }
            computed = 0;
            for (JsonNode day : JSON.readTree(range.body()).path("days")) {
                String at = day.path("computedAt").asText("");
                if (!at.isEmpty() && !Instant.parse(at).isBefore(asked.minusSeconds(1))) {
                    computed++;
                }
            }
            if (computed >= days) {
                say("metrics computed for %d days", computed);
                return "computed";
            }
            if (System.nanoTime() - lastSay > 10e9) {
                lastSay = System.nanoTime();
                say("metrics computed: %d/%d days", computed, days);
            }
        }
        say("metrics: %d of %d days computed after 10 minutes; the rest will follow", computed, days);
        return "partly computed";
    }

    /** Prints the figures of the period's last finished day, as the dashboard shows them; returns its snapshot. */
    private JsonNode summarise(CommunityModel.Community c) throws Exception {
        LocalDate day = c.lastDay().minusDays(1);
        HttpResponse<String> answer = http.send(authorized("/v1/admin/metrics/daily/" + day).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            say("metrics of %s not readable (%d)", day, answer.statusCode());
            return null;
        }
        JsonNode s = JSON.readTree(answer.body());
        JsonNode classic = s.path("retention").path("headline").path("classic");
        long cohorts = 0;
        for (JsonNode row : s.path("cohorts")) {
            cohorts += row.path("size").asLong() > 0 ? 1 : 0;
        }
        say("metrics of %s: %d members (%d new), DAU %d, WAU %d, MAU %d, monthly active rate %s, purchase conversion %s",
                day, s.path("members").path("members").asLong(), s.path("members").path("newMembers").asLong(),
                s.path("activity").path("dau").asLong(), s.path("activity").path("wau").asLong(), s.path("activity").path("mau").asLong(),
                percent(s.path("members").path("monthlyActiveRate")), percent(s.path("conversion").path("rate")));
        say("retention on %s: D1 %s, D7 %s, D30 %s (classic headline, 7/7/30 cohorts); %d day cohorts with members in the 30 days before; %d dormant",
                day, percent(classic.path("d1").path("rate")), percent(classic.path("d7").path("rate")),
                percent(classic.path("d30").path("rate")), cohorts, s.path("care").path("dormant").asLong());
        return s;
    }

    private static String percent(JsonNode rate) {
        return rate.isNumber() ? String.format(java.util.Locale.ROOT, "%.1f%%", rate.asDouble() * 100) : "-";
    }

    // ------------------------------------------------------------------ HTTP

    private HttpRequest.Builder authorized(String path) throws Exception {
        // Dashboard tokens last an hour: sign in again well before that on a long run.
        if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(30).toNanos()) {
            token = signIn();
            tokenAt = System.nanoTime();
        }
        return HttpRequest.newBuilder(api.resolve(path)).header("authorization", "Bearer " + token);
    }

    private String signIn() throws Exception {
        DevUser user = cloud.devUsers().stream().filter(u -> u.groups().contains("admin")).findFirst().orElseThrow();
        String clientId = cloud.names().ref(cloud.template().ofType("AWS::Cognito::UserPoolClient").get(0));
        ObjectNode body = JSON.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId);
        body.putObject("AuthParameters").put("USERNAME", user.username()).put("PASSWORD", user.password());
        return JSON.readTree(send(HttpRequest.newBuilder(cloud.endpoints().get("cognito")).header("content-type", "application/x-amz-json-1.1")
                .header("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 200))
                .path("AuthenticationResult").path("IdToken").asText();
    }

    private String send(HttpRequest request, int expected) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if ((response.statusCode() == 429 || response.statusCode() == 503) && attempt < 50) {
                Thread.sleep(100L * (attempt + 1)); // throttled or the queue was busy: back off and resend, as a channel would
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        }
    }

    private void say(String format, Object... args) {
        synchronized (out) {
            out.println("[demo] " + String.format(format, args));
        }
    }
}
