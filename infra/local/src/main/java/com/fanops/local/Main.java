package com.fanops.local;

import com.fanops.local.bench.MessagingBenchmark;
import com.fanops.local.demo.Demo;
import com.fanops.local.identity.DevUser;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fanops.local.stack.LogSinks;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./fanops} entry point: {@code run} starts template.yaml locally; {@code demo} does and fills it with a generated
 * community through the APIs; {@code invoke} fires a schedule
 * with a chosen time or invokes a function on the running stack; {@code status} shows it.
 */
public final class Main {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "run" : rest.remove(0);
        Options options = Options.parse(rest);
        int code;
        try {
            code = command(command, options);
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        // DynamoDB Local leaves a non-daemon thread behind: exit explicitly.
        System.exit(code);
    }

    private static int command(String command, Options options) throws Exception {
        return switch (command) {
            case "run" -> run(options);
            case "demo" -> demo(options);
            case "invoke" -> invoke(options);
            case "status" -> status(options);
            case "fuzz" -> fuzz(options);
            case "bench" -> {
                // Issue 16: HTTP load through hey/wrk, and the cost model from measured units.
                if (options.positional().contains("http") || options.positional().contains("cost")) {
                    try {
                        if (options.positional().contains("http")) {
                            com.fanops.local.bench.HttpBenchmark.run(options.root(),
                                    com.fanops.local.bench.HttpBenchmark.Settings.parse(options.values(), options.params()));
                        } else {
                            System.out.print(com.fanops.local.bench.CostModel.report(com.fanops.local.bench.CostModel.Inputs.parse(options.values())));
                        }
                    } catch (IllegalArgumentException e) {
                        yield usage(e.getMessage());
                    }
                    yield 0;
                }
                if (options.positional().contains("messaging")) {
                    MessagingBenchmark.Settings settings;
                    try {
                        settings = MessagingBenchmark.Settings.parse(options.values(), options.params());
                    } catch (IllegalArgumentException e) {
                        yield usage(e.getMessage());
                    }
                    MessagingBenchmark.run(options.root(), settings, Integer.parseInt(options.get("concurrency", "2")));
                } else if (options.positional().contains("activities")) {
                    try {
                        com.fanops.local.bench.ActivitiesBenchmark.run(options.root(), Integer.parseInt(options.get("capacity", "200")),
                                Integer.parseInt(options.get("waiting", "1000")), Integer.parseInt(options.get("registrations", "600")),
                                Integer.parseInt(options.get("threads", "16")), Integer.parseInt(options.get("cancellations", "50")),
                                Integer.parseInt(options.get("check-ins", "100")));
                    } catch (IllegalArgumentException e) {
                        yield usage(e.getMessage());
                    }
                } else if (options.positional().contains("complaints")) {
                    com.fanops.local.bench.ComplaintsBenchmark.run(options.root(), Integer.parseInt(options.get("open", "10000")),
                            Integer.parseInt(options.get("due", "10")), Integer.parseInt(options.get("intake", "200")),
                            Integer.parseInt(options.get("loaders", "2")));
                } else if (options.positional().contains("engagement")) {
                    com.fanops.local.bench.EngagementBenchmark.run(options.root(), Integer.parseInt(options.get("members", "100000")),
                            Integer.parseInt(options.get("loaders", "4")), Integer.parseInt(options.get("concurrency", "2")),
                            Integer.parseInt(options.get("runs", "2")));
                } else if (options.positional().contains("metrics")) {
                    com.fanops.local.bench.MetricsBenchmark.run(options.root(), Integer.parseInt(options.get("members", "100000")),
                            Integer.parseInt(options.get("events", "1000000")), Integer.parseInt(options.get("days", "120")),
                            Integer.parseInt(options.get("loaders", "4")), Integer.parseInt(options.get("concurrency", "2")),
                            Integer.parseInt(options.get("runs", "2")));
                } else if (options.has("events")) {
                    com.fanops.local.bench.InteractionsBenchmark.run(options.root(), Integer.parseInt(options.get("events", "100000")),
                            Integer.parseInt(options.get("members", "1000")), Integer.parseInt(options.get("concurrency", "2")));
                } else {
                    com.fanops.local.bench.PlatformBenchmark.run(options.root(), Integer.parseInt(options.get("rounds", "3")));
                }
                yield 0;
            }
            default -> usage("unknown command " + command);
        };
    }

    private static int run(Options o) throws Exception {
        Running running = start(o, o.params(), LogSinks.console(System.out));
        running.stopped().await();
        return 0;
    }

    /**
     * {@code demo}: the stack as {@code run} starts it (with an ingestion horizon reaching back over the period), then a
     * generated community through the APIs, then it stays up until Ctrl-C.
     */
    private static int demo(Options o) throws Exception {
        int members = Integer.parseInt(o.get("members", String.valueOf(Demo.DEFAULT_MEMBERS)));
        int days = Integer.parseInt(o.get("days", String.valueOf(Demo.DEFAULT_DAYS)));
        long seed = Long.parseLong(o.get("seed", "1"));
        if (members < 1 || days < 1) {
            return usage("--members and --days must be at least 1");
        }
        Map<String, String> params = new LinkedHashMap<>(o.params());
        int horizon = Math.max(days + 1, Integer.parseInt(params.getOrDefault("IngestHorizonDays", "0")));
        params.put("IngestHorizonDays", String.valueOf(horizon));
        // Function logs would drown the progress lines: only warnings and errors until the data is in.
        AtomicBoolean quiet = new AtomicBoolean(true);
        LogSinks console = LogSinks.console(System.out);
        Running running = start(o, params, (fn, line) -> {
            if (!quiet.get() || !routine(line)) {
                console.function(fn, line);
            }
        });
        System.out.println("[demo] generating demo data (function logs: warnings and errors only until it is in) ...");
        try {
            new Demo(running.cloud(), System.out).run(new Demo.Settings(members, days, seed, null));
        } catch (Exception e) {
            System.out.println("[demo] failed: " + e.getMessage());
            return 1;
        }
        quiet.set(false);
        System.out.println("[demo] the community is in. Dashboard " + running.cloud().endpoints().get("dashboard")
                + "/ (metrics: admin, manager or analyst). Ctrl-C stops everything.");
        running.stopped().await();
        return 0;
    }

    /**
     * {@code fuzz}: a stack of its own (dynamic ports, state in {@code .fanops/fuzz}), the fuzzer over every route of the
     * template, its figures and findings; exit 1 if anything failed. Function logs are kept in
     * {@code .fanops/fuzz/function-logs.txt} (the fuzzer looks there for the personal data it sent).
     */
    private static int fuzz(Options o) throws Exception {
        int cases = Integer.parseInt(o.get("cases", "1000"));
        long seed = Long.parseLong(o.get("seed", String.valueOf(System.currentTimeMillis())));
        Map<String, String> values = new LinkedHashMap<>(o.values());
        values.putIfAbsent("port-base", "0");
        values.putIfAbsent("state-dir", o.root().resolve(".fanops/fuzz").toString());
        Options own = new Options(values, o.params(), o.positional());
        Path logFile = Path.of(values.get("state-dir")).resolve("function-logs.txt");
        Files.createDirectories(logFile.getParent());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.io.PrintWriter log = new java.io.PrintWriter(Files.newBufferedWriter(logFile), true)) {
            Running running = start(own, own.params(), (fn, line) -> {
                lines.add("[" + fn + "] " + line);
                synchronized (log) {
                    log.println("[" + fn + "] " + line);
                }
            });
            var report = new com.fanops.local.fuzz.Fuzzer(running.cloud(), () -> lines, System.out)
                    .run(com.fanops.local.fuzz.Fuzzer.Settings.of(cases, seed));
            report.print(System.out, Integer.parseInt(o.get("show", "5")));
            System.out.println("function logs: " + logFile);
            running.cloud().close();
            return report.clean() ? 0 : 1;
        }
    }

    /** Info and debug log lines, and what every function JVM prints as it starts. */
    static boolean routine(String line) {
        if (line.startsWith("{")) {
            return !line.contains("\"level\":\"WARN\"") && !line.contains("\"level\":\"ERROR\"");
        }
        return line.startsWith("Picked up JAVA_TOOL_OPTIONS") || line.startsWith("SLF4J:");
    }

    record Running(LocalCloud cloud, CountDownLatch stopped) {
    }

    /** Starts the stack, writes stack.json for invoke/status, prints the banner; Ctrl-C closes it and counts down. */
    private static Running start(Options o, Map<String, String> params, LogSinks logs) throws Exception {
        Path root = o.root();
        Path stateDir = o.has("state-dir") ? Path.of(o.get("state-dir", null)).toAbsolutePath() : root.resolve(".fanops");
        Files.createDirectories(stateDir);
        LocalConfig config = new LocalConfig(root.resolve(o.get("template", "template.yaml")), params,
                o.has("data-dir") ? Path.of(o.get("data-dir", null)).toAbsolutePath() : null,
                root.resolve(o.get("dashboard", "admin-ui/public")), stateDir.resolve("work"),
                root.resolve("infra/local/target/ric"), Integer.parseInt(o.get("port-base", "4560")),
                Integer.parseInt(o.get("concurrency", "2")), Clock.systemUTC());
        LocalCloud cloud = LocalCloud.start(config, logs);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[local] stopping ...");
            cloud.close();
            stopped.countDown();
        }, "fanops-shutdown"));
        Map<String, String> endpoints = new LinkedHashMap<>();
        cloud.endpoints().forEach((k, v) -> endpoints.put(k, v.toString()));
        JSON.writerWithDefaultPrettyPrinter().writeValue(stateDir.resolve("stack.json").toFile(), Map.of("endpoints", endpoints));
        System.out.println(banner(cloud));
        return new Running(cloud, stopped);
    }

    static String banner(LocalCloud cloud) {
        Map<String, URI> e = cloud.endpoints();
        StringBuilder b = new StringBuilder();
        b.append("\nFanops is running locally (").append(cloud.template().functions().size()).append(" function(s), ready in ")
                .append(cloud.readyMillis()).append(" ms). Ctrl-C stops everything.\n\n");
        b.append("  Dashboard    ").append(e.get("dashboard")).append("/\n");
        b.append("  API          ").append(e.get("api")).append("\n");
        b.append("  DynamoDB     ").append(e.get("dynamodb")).append("\n");
        b.append("  SQS          ").append(e.get("sqs")).append("\n");
        b.append("  EventBridge  ").append(e.get("eventbridge")).append("\n");
        b.append("  KMS          ").append(e.get("kms")).append("\n");
        if (e.containsKey("cognito")) {
            b.append("  Cognito      ").append(e.get("cognito")).append("\n");
        }
        b.append("  Mailbox      ").append(e.get("messaging")).append("/\n");
        b.append("\n  Dev logins (username / password):\n");
        for (DevUser user : cloud.devUsers()) {
            b.append(String.format("    %-24s %-22s %s%n", user.username(), user.password(), user.groups()));
        }
        b.append("\n  AWS CLI: export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=")
                .append(LocalConfig.REGION).append("\n");
        b.append("           aws dynamodb list-tables --endpoint-url ").append(e.get("dynamodb")).append("\n");
        b.append("  Schedules: ").append(cloud.scheduleRules()).append("  (./fanops invoke <name> --time <ISO time>)\n");
        return b.toString();
    }

    private static int invoke(Options o) throws Exception {
        if (o.positional().isEmpty()) {
            return usage("invoke needs a schedule or function name");
        }
        String name = o.positional().get(0);
        URI control = control(o);
        HttpRequest request;
        if (o.has("event")) {
            byte[] payload = Files.readAllBytes(Path.of(o.get("event", null)));
            request = HttpRequest.newBuilder(control.resolve("/_local/functions/" + name + "/invoke"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (o.has("time")) {
                body.put("time", o.get("time", null));
            }
            request = HttpRequest.newBuilder(control.resolve("/_local/schedules/fire"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        return response.statusCode() == 200 && response.headers().firstValue("x-amz-function-error").isEmpty() ? 0 : 1;
    }

    private static int status(Options o) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(control(o).resolve("/_local/status")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }

    private static URI control(Options o) throws Exception {
        Path state = (o.has("state-dir") ? Path.of(o.get("state-dir", null)) : o.root().resolve(".fanops")).resolve("stack.json");
        if (!Files.exists(state)) {
            throw new IllegalStateException("no running stack: start it with ./fanops run");
        }
        Map<?, ?> endpoints = (Map<?, ?>) JSON.readValue(state.toFile(), Map.class).get("endpoints");
        return URI.create(String.valueOf(endpoints.get("control")));
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println("""
                usage: fanops run [--data-dir DIR] [--port-base 4560] [--concurrency 2] [--param Name=Value ...]
                                  [--template template.yaml] [--state-dir .fanops]
                       fanops demo [--members 500] [--days 60] [--seed 1] [any run option]
                       fanops invoke <schedule|function> [--time 2026-03-01T00:05:00+08:00] [--event payload.json]
                       fanops status
                       fanops fuzz [--cases 1000] [--seed N] [--show 5] [any run option]
                       fanops bench messaging [--messages 10000] [--send-rate 14] [--param Name=Value ...]
                       fanops bench complaints [--open 10000] [--due 10] [--intake 200]
                       fanops bench activities [--capacity 200] [--waiting 1000] [--registrations 600] [--threads 16] [--cancellations 50] [--check-ins 100]
                       fanops bench engagement [--members 100000] [--concurrency 2] [--loaders 4] [--runs 2]
                       fanops bench metrics [--members 100000] [--events 1000000] [--days 120] [--concurrency 2] [--loaders 4] [--runs 2]
                       fanops bench http [--duration 30s] [--concurrency 16] [--tool auto|hey|wrk] [--routes interactions,signup]
                                         [--events-per-call 100] [--warmup 5s] [--rate 200] [--function-concurrency 2]
                       fanops bench cost [--wcu-per-event 4.61] [--rcu-per-event 2.48] [--events-per-call 100] ... (BENCHMARKS.md)""");
        return 2;
    }

    /** {@code --key value} options, repeatable {@code --param K=V}, and positionals. */
    record Options(Map<String, String> values, Map<String, String> params, List<String> positional) {
        static Options parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> params = new LinkedHashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    String key = a.substring(2);
                    String value = key.contains("=") ? key.substring(key.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : "");
                    key = key.contains("=") ? key.substring(0, key.indexOf('=')) : key;
                    if (key.equals("param")) {
                        int eq = value.indexOf('=');
                        params.put(value.substring(0, eq), value.substring(eq + 1));
                    } else {
                        values.put(key, value);
                    }
                } else {
                    positional.add(a);
                }
            }
            return new Options(values, params, positional);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String get(String key, String dflt) {
            return values.getOrDefault(key, dflt);
        }

        Path root() {
            return Path.of(values.getOrDefault("root", System.getProperty("fanops.root", "."))).toAbsolutePath().normalize();
        }
    }
}
