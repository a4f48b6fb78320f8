package com.fanops.local.bench;

import static com.fanops.local.bench.BenchApi.importMembers;
import static com.fanops.local.bench.BenchApi.send;
import static com.fanops.local.bench.BenchApi.signIn;

import com.fanops.local.lambda.FunctionStats;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./fanops bench http --duration 30s --concurrency 16}: latency and throughput of the two public write routes
 * under a standard HTTP load tool, against the local runtime. Starts {@code template.yaml}, prepares what the calls need
 * (members and a channel key for {@code POST /v1/interactions}; the notices in force for {@code POST /v1/members}),
 * checks one call of each by hand, warms the functions at the measured concurrency, then runs the tool and reads its
 * report back ({@link LoadResult}).
 *
 * <p>Tools: <b>hey</b> for ingestion (one fixed body: the API queues what it accepts without a per-event read, so a
 * repeated call is a real call - the scorer counts its events once - and hey's {@code -q} keeps the load under the API's
 * throttling rate); <b>wrk</b> with {@code bench/wrk-unique.lua} for sign-up, which needs a new contact per request
 * (hey sends one body; every sign-up after the first would be a {@code 409 duplicate-contact}).
 * {@code --tool wrk} runs ingestion through wrk too (unique event ids, no rate cap).
 */
public final class HttpBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d{0,4})(s|m)");
    private static final String[] TYPES = {"like", "like", "like", "comment", "comment", "share", "vote", "check_in", "answer", "survey",
            "follow", "purchase"};
    public static final String INTERACTIONS = "interactions";
    public static final String SIGNUP = "signup";

    private HttpBenchmark() {
    }

    /** The command's options, checked before anything starts. */
    public record Settings(String tool, String duration, int concurrency, String warmup, int eventsPerCall, int functionConcurrency,
                           int rateLimit, List<String> routes, Map<String, String> params) {

        public static Settings parse(Map<String, String> values, Map<String, String> params) {
            String tool = values.getOrDefault("tool", "auto");
            if (!List.of("auto", "hey", "wrk").contains(tool)) {
                throw new IllegalArgumentException("--tool must be auto, hey or wrk");
            }
            String duration = duration(values.getOrDefault("duration", "30s"), "--duration");
            String warmup = duration(values.getOrDefault("warmup", "15s"), "--warmup");
            int concurrency = number(values, "concurrency", 16, 1, 1000);
            int eventsPerCall = number(values, "events-per-call", 100, 1, 100);
            int functionConcurrency = number(values, "function-concurrency", 2, 1, 16);
            // The template's ApiThrottleRateLimit (200 a second, the whole stage): the measured load stays under it.
            int rateLimit = number(values, "rate", Integer.parseInt(params.getOrDefault("ApiThrottleRateLimit", "200")), 1, 100_000);
            List<String> routes = List.of(values.getOrDefault("routes", INTERACTIONS + "," + SIGNUP).split(","));
            if (routes.isEmpty() || !List.of(INTERACTIONS, SIGNUP).containsAll(routes)) {
                throw new IllegalArgumentException("--routes takes interactions, signup or both, comma-separated");
            }
            if (tool.equals("hey") && routes.contains(SIGNUP)) {
                throw new IllegalArgumentException("--tool hey cannot load sign-up: hey sends one body and sign-up needs a new contact per "
                        + "request (use wrk, or --routes interactions)");
            }
            Map<String, String> stackParams = new LinkedHashMap<>(params);
            // Every request comes from 127.0.0.1: the per-client sign-up limit (30 per 10 minutes) would refuse all but 30.
            stackParams.putIfAbsent("SignUpLimitPerClient", "off");
            return new Settings(tool, duration, concurrency, warmup, eventsPerCall, functionConcurrency, rateLimit, routes, Map.copyOf(stackParams));
        }

        String toolFor(String route) {
            if (!tool.equals("auto")) {
                return tool;
            }
            return route.equals(SIGNUP) ? "wrk" : "hey";
        }

        private static String duration(String value, String option) {
            if (!DURATION.matcher(value).matches()) {
                throw new IllegalArgumentException(option + " must be seconds or minutes, like 30s or 2m");
            }
            return value;
        }

        private static int number(Map<String, String> values, String key, int dflt, int min, int max) {
            String raw = values.get(key);
            if (raw == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(raw);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("--" + key + " must be a whole number from " + min + " to " + max);
        }
    }

    /** One measured route: the tool's figures and what each request carries. */
    public record Row(String route, String tool, Settings settings, int eventsPerRequest, LoadResult result) {
    }

    public static void run(Path root, Settings s) throws Exception {
        for (String tool : s.routes().stream().map(s::toolFor).distinct().toList()) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install -y hey wrk (Debian/Ubuntu)");
            }
        }
        Path work = Files.createTempDirectory("fanops-http-bench");
        Path out = work.resolve("tool-output");
        Files.createDirectories(out);
        LocalConfig config = new LocalConfig(root.resolve("template.yaml"), s.params(), null, root.resolve("admin-ui/public"), work,
                root.resolve("infra/local/target/ric"), 0, s.functionConcurrency(), Clock.systemUTC());
        String loadBefore = loadAverage();
        List<Row> rows = new ArrayList<>();
        Map<String, LongAdder> logBytes = new ConcurrentHashMap<>();
        try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> {
            logBytes.computeIfAbsent(fn, k -> new LongAdder()).add(line.getBytes(StandardCharsets.UTF_8).length + 1);
            if (line.contains("\"level\":\"ERROR\"")) {
                System.out.println("[" + fn + "] " + line);
            }
        })) {
            HttpClient http = HttpClient.newHttpClient();
            URI api = cloud.endpoints().get("api");
            Path script = work.resolve("wrk-unique.lua");
            try (InputStream in = HttpBenchmark.class.getResourceAsStream("/bench/wrk-unique.lua")) {
                Files.write(script, in.readAllBytes());
            }
            System.out.printf("stack ready; %s for %s at %d connections, functions up to %d processes each (load average %s)%n",
                    s.routes(), s.duration(), s.concurrency(), s.functionConcurrency(), loadBefore);
            if (s.routes().contains(INTERACTIONS)) {
                String token = signIn(cloud, http);
                List<String> ids = importMembers(http, api, token, s.eventsPerCall());
                String apiKey = JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/admin/channel-keys"))
                        .header("authorization", "Bearer " + token).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"wechat\",\"name\":\"http benchmark\"}")).build(), 201))
                        .path("apiKey").asText();
                String tool = s.toolFor(INTERACTIONS);
                String body = interactions(ids, Instant.now(), tool.equals("wrk") ? "{n}" : "fixed");
                send(http, HttpRequest.newBuilder(api.resolve("/v1/interactions")).header("x-api-key", apiKey).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.replace("{n}", "check"))).build(), 202);
                Path bodyFile = work.resolve("interactions.json");
                Files.writeString(bodyFile, body);
                List<String> headers = List.of("x-api-key: " + apiKey);
                URI url = api.resolve("/v1/interactions");
                measureTool(tool, url, bodyFile, headers, s, s.warmup(), "warm", script, out.resolve("interactions-warmup-" + tool + ".txt"));
                LoadResult result = measureTool(tool, url, bodyFile, headers, s, s.duration(), "run", script,
                        out.resolve("interactions-" + tool + ".txt"));
                rows.add(new Row(INTERACTIONS, tool, s, s.eventsPerCall(), result));
            }
            if (s.routes().contains(SIGNUP)) {
                String body = signUp(JSON.readTree(send(http, HttpRequest.newBuilder(api.resolve("/v1/notices?locale=en")).build(), 200)));
                send(http, HttpRequest.newBuilder(api.resolve("/v1/members")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.replace("{n}", "check"))).build(), 201);
                Path bodyFile = work.resolve("signup.json");
                Files.writeString(bodyFile, body);
                URI url = api.resolve("/v1/members");
                measureTool("wrk", url, bodyFile, List.of(), s, s.warmup(), "warm", script, out.resolve("signup-warmup-wrk.txt"));
                LoadResult result = measureTool("wrk", url, bodyFile, List.of(), s, s.duration(), "run", script, out.resolve("signup-wrk.txt"));
                rows.add(new Row(SIGNUP, "wrk", s, 1, result));
            }
            System.out.println();
            System.out.print(table(rows));
            System.out.println();
            for (String fn : List.of("InteractionsIngestFunction", "InteractionsScorerFunction", "MembersPublicFunction", "MessagingSenderFunction")) {
                FunctionStats st = cloud.lambda().stats().get(fn);
                if (st != null && st.invocations() > 0) {
                    long bytes = logBytes.getOrDefault(fn, new LongAdder()).sum();
                    System.out.printf("%s: %d invocations, %d errors, %d cold starts (slowest %d ms), %d processes, %d log bytes per invocation%n",
                            fn, st.invocations(), st.errors(), st.coldStarts(), st.maxColdStartMs(), st.runningProcesses(), bytes / st.invocations());
                }
            }
            // What the cost model needs: a function's time per request, bounded by its processes kept busy by the load.
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "%s: function time per request at most %.0f ms (%d processes / %.1f requests a second)%n",
                        r.route(), functionMillisPerRequest(r), s.functionConcurrency(), r.result().requestsPerSecond());
            }
        }
        System.out.printf("load average before: %s, after: %s (1, 5, 15 minutes; %d cores)%n", loadBefore, loadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("the tools' own reports: " + out);
    }

    /** The markdown table the command prints (and BENCHMARKS.md keeps). */
    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("| route | tool | connections | rate cap (requests/s) | events / request | seconds | requests | 2xx | other answers "
                + "| transport errors | requests/s | 2xx/s | events/s (2xx) | p50 ms | p90 ms | p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            LoadResult x = r.result();
            String others = x.statuses().entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 300)
                    .map(e -> (e.getKey() == 0 ? "non-2xx" : e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", "));
            String cap = r.tool().equals("hey") ? String.valueOf(heyRatePerWorker(r.settings()) * r.settings().concurrency()) : "none";
            t.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %.1f | %d | %d | %s | %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.1f |%n",
                    r.route().equals(SIGNUP) ? "POST /v1/members" : "POST /v1/interactions", r.tool(), r.settings().concurrency(), cap,
                    r.eventsPerRequest(), x.seconds(), x.requests(), x.ok(), others.isEmpty() ? "0" : others, x.transportErrors(),
                    x.requestsPerSecond(), x.okPerSecond(), x.okPerSecond() * r.eventsPerRequest(), x.p50Ms(), x.p90Ms(), x.p99Ms()));
        }
        return t.toString();
    }

    /**
     * The function's busy time per request, as an upper bound: with more connections than processes every process is kept
     * busy, so processes / throughput is the time one request held one (what Lambda bills), queueing excluded.
     */
    static double functionMillisPerRequest(Row r) {
        double rps = r.result().requestsPerSecond();
        return rps == 0 ? Double.NaN : Math.min(r.settings().functionConcurrency(), r.settings().concurrency()) * 1000 / rps;
    }

    /** hey's {@code -q} is per worker: the whole load stays at or under the API's throttling rate. */
    static int heyRatePerWorker(Settings s) {
        return Math.max(1, s.rateLimit() / s.concurrency());
    }

    /** The hey or wrk command line for one run. */
    static List<String> command(String tool, URI url, Path body, List<String> headers, Settings s, String duration, String runId, Path script) {
        List<String> cmd = new ArrayList<>();
        if (tool.equals("hey")) {
            cmd.addAll(List.of("hey", "-z", duration, "-c", String.valueOf(s.concurrency()), "-q", String.valueOf(heyRatePerWorker(s)),
                    "-m", "POST", "-T", "application/json", "-D", body.toString()));
            headers.forEach(h -> cmd.addAll(List.of("-H", h)));
            cmd.add(url.toString());
        } else {
            cmd.addAll(List.of("wrk", "-t", String.valueOf(Math.min(2, s.concurrency())), "-c", String.valueOf(s.concurrency()), "-d", duration,
                    "--timeout", "30s", "--latency", "-s", script.toString()));
            headers.forEach(h -> cmd.addAll(List.of("-H", h)));
            cmd.addAll(List.of(url.toString(), "--", body.toString(), runId + "-" + Long.toString(System.nanoTime(), 36)));
        }
        return cmd;
    }

    private static LoadResult measureTool(String tool, URI url, Path body, List<String> headers, Settings s, String duration, String runId,
                                          Path script, Path report) throws Exception {
        List<String> cmd = command(tool, url, body, headers, s, duration, runId, script);
        System.out.println("$ " + String.join(" ", cmd).replaceAll("x-api-key: \\S+", "x-api-key: <channel key>"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Files.writeString(report, text);
        if (exit != 0) {
            throw new IllegalStateException(tool + " exited with " + exit + ":\n" + text);
        }
        LoadResult result = tool.equals("hey") ? LoadResult.ofHey(text) : LoadResult.ofWrk(text);
        System.out.printf(Locale.ROOT, "  %s: %d requests, %d 2xx, %.1f/s, p50 %.1f ms, p99 %.1f ms%n", runId, result.requests(), result.ok(),
                result.requestsPerSecond(), result.p50Ms(), result.p99Ms());
        return result;
    }

    /** One ingestion call: {@code n} events of as many members; "{n}" in the event ids is made unique per request by wrk. */
    static String interactions(List<String> memberIds, Instant now, String idPart) {
        Random random = new Random(1);
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < memberIds.size(); i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String at = now.minus(Duration.ofMinutes(10 + random.nextInt(60 * 24))).truncatedTo(ChronoUnit.SECONDS).toString();
            body.append(i == 0 ? "" : ",").append("{\"eventId\":\"h-").append(idPart).append('-').append(i).append("\",\"memberId\":\"")
                    .append(memberIds.get(i)).append("\",\"type\":\"").append(type).append("\",\"occurredAt\":\"").append(at).append('"');
            if (type.equals("purchase")) {
                body.append(",\"amount\":").append(10 + random.nextInt(500)).append(",\"currency\":\"CNY\"");
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }

    /** The public form's sign-up, consenting to every notice in force; "{n}" in the e-mail is made unique per request. */
    static String signUp(JsonNode notices) {
        StringBuilder consents = new StringBuilder();
        for (JsonNode n : notices.path("notices")) {
            consents.append(consents.length() == 0 ? "" : ",").append("{\"purpose\":\"").append(n.path("purpose").asText())
                    .append("\",\"granted\":true,\"noticeVersion\":").append(n.path("version").asInt()).append('}');
        }
        return "{\"nickname\":\"Load Test\",\"email\":\"bench-{n}@example.com\",\"region\":\"Shanghai\",\"channel\":\"web\",\"locale\":\"en\","
                + "\"consents\":[" + consents + "]}";
    }







    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder(tool.equals("hey") ? List.of("hey") : List.of("wrk", "-v")).redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
