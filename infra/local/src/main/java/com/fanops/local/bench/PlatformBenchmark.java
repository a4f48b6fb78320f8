package com.fanops.local.bench;

import com.fanops.local.lambda.FunctionStats;
import com.fanops.local.lambda.InvokeResult;
import com.fanops.local.stack.LocalCloud;
import com.fanops.local.stack.LocalConfig;
import com.fanops.template.FunctionSpec;
import com.fanops.template.Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fanops bench platform}: local stack start time, each function's deployment jar size, cold start
 * (JVM start to first answer, through the Runtime Interface Client) and warm invoke time, over several
 * fresh stacks. Prints a Markdown table for BENCHMARKS.md.
 */
public final class PlatformBenchmark {

    private PlatformBenchmark() {
    }

    public static void run(Path root, int rounds) throws Exception {
        List<Path> templates = List.of(root.resolve("template.yaml"), root.resolve("infra/fixtures/template.yaml"));
        Map<String, List<Long>> starts = new LinkedHashMap<>();
        Map<String, List<Long>> cold = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Path templateFile : templates) {
                Path work = Files.createTempDirectory("fanops-bench");
                LocalConfig config = new LocalConfig(templateFile, Map.of(), null, root.resolve("admin-ui/public"), work,
                        root.resolve("infra/local/target/ric"), 0, 1, Clock.systemUTC());
                try (LocalCloud cloud = LocalCloud.start(config, (fn, line) -> { })) {
                    starts.computeIfAbsent(root.relativize(templateFile).toString(), k -> new ArrayList<>()).add(cloud.readyMillis());
                    for (FunctionSpec fn : cloud.template().functions()) {
                        sizes.put(fn.logicalId(), Files.size(fn.jar()));
                        byte[] payload = samplePayload(fn);
                        InvokeResult first = cloud.invoke(fn.logicalId(), payload);
                        if (first.errorType() != null && first.errorType().startsWith("Runtime.")) {
                            throw new IllegalStateException(fn.logicalId() + " failed: " + first.errorMessage());
                        }
                        FunctionStats stats = cloud.lambda().stats().get(fn.logicalId());
                        cold.computeIfAbsent(fn.logicalId(), k -> new ArrayList<>()).add(stats.lastColdStartMs());
                        long t0 = System.nanoTime();
                        int n = 20;
                        for (int i = 0; i < n; i++) {
                            cloud.invoke(fn.logicalId(), payload);
                        }
                        warm.computeIfAbsent(fn.logicalId(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6 / n);
                    }
                }
            }
        }
        System.out.println("| what | median | min | max |");
        System.out.println("|---|---|---|---|");
        starts.forEach((t, v) -> {
            System.out.println("| stack start, " + t + ", first in a fresh JVM (ms) | " + v.get(0) + " | | |");
            if (v.size() > 1) {
                List<Long> later = v.subList(1, v.size());
                System.out.println("| stack start, " + t + ", again in the same JVM (ms) | " + median(later) + " | "
                        + Collections.min(later) + " | " + Collections.max(later) + " |");
            }
        });
        System.out.println();
        System.out.println("| function | jar (MiB) | cold start median (ms) | min | max | warm invoke (ms, median of round means) |");
        System.out.println("|---|---|---|---|---|---|");
        cold.forEach((fn, v) -> System.out.printf("| %s | %.1f | %d | %d | %d | %.1f |%n", fn, sizes.get(fn) / 1048576.0, median(v),
                Collections.min(v), Collections.max(v), medianD(warm.get(fn))));
        System.out.println();
        System.out.println("rounds: " + rounds + ", java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /** A cheap but complete invocation per trigger type: it loads the handler and answers. */
    static byte[] samplePayload(FunctionSpec fn) {
        String json;
        if (!fn.httpRoutes().isEmpty()) {
            FunctionSpec.HttpRoute route = fn.httpRoutes().get(0);
            json = "{\"version\":\"2.0\",\"routeKey\":\"" + route.routeKey() + "\",\"rawPath\":\"" + route.path()
                    + "\",\"headers\":{},\"requestContext\":{\"requestId\":\"bench\",\"http\":{\"method\":\"" + route.method()
                    + "\",\"path\":\"" + route.path() + "\",\"sourceIp\":\"127.0.0.1\"}},\"isBase64Encoded\":false}";
        } else if (!fn.sqsSources().isEmpty()) {
            json = "{\"Records\":[]}";
        } else if (!fn.schedulerSchedules().isEmpty()) {
            json = "{\"scheduledTime\":\"2026-01-01T00:00:00Z\",\"executionId\":\"bench\"}";
        } else {
            json = "{\"version\":\"0\",\"id\":\"bench\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                    + "\"time\":\"2026-01-01T00:00:00Z\",\"resources\":[],\"detail\":{}}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double medianD(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

}
