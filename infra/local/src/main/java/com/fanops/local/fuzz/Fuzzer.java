package com.fanops.local.fuzz;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.local.stack.LocalCloud;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Our own fuzzer, run against a stack on the local runtime: every HTTP route of its template, with the cases
 * {@link CaseFactory} makes, judged by the {@link Oracle} (answers, writes from refused input, personal data in the
 * function logs), then the {@link Invariants}. One case at a time: the stack is idle before and after each, so a change
 * in an item count or queue depth belongs to that case. A case is replayable from the seed and its index.
 */
public final class Fuzzer {

    /** {@code cases} in all, routes taking turns; fixtures renewed every {@code refreshEvery} cases. */
    public record Settings(int cases, long seed, int refreshEvery, Duration idleTimeout) {
        public static Settings of(int cases, long seed) {
            return new Settings(cases, seed, 200, Duration.ofSeconds(30));
        }
    }

    private final LocalCloud cloud;
    private final Supplier<List<String>> functionLogs;
    private final PrintStream progress;
    private String examples = RouteExample.PROJECT;

    /** {@code functionLogs}: every function log line so far (the local runtime's log sink). */
    public Fuzzer(LocalCloud cloud, Supplier<List<String>> functionLogs, PrintStream progress) {
        this.cloud = cloud;
        this.functionLogs = functionLogs;
        this.progress = progress;
    }

    /** Example requests from another classpath resource (a fixture template's routes). */
    public Fuzzer examples(String resource) {
        this.examples = resource;
        return this;
    }

    public FuzzReport run(Settings settings) throws IOException, InterruptedException {
        // jqwik's generators outside a property: a session on this thread (see FuzzValues.draw).
        JqwikSession.start();
        try {
            return fuzz(settings);
        } finally {
            JqwikSession.finish();
        }
    }

    private FuzzReport fuzz(Settings settings) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<FuzzRoute> routes = FuzzRoute.of(cloud.template());
        Http http = new Http(cloud.endpoints().get("api"));
        Fixtures fixtures = new Fixtures(cloud, http, routes.stream().map(FuzzRoute::key).collect(Collectors.toSet()), settings.seed());
        Map<String, RouteExample> examples = RouteExample.load(this.examples);
        CaseFactory factory = new CaseFactory(routes, examples, fixtures);
        FuzzReport report = new FuzzReport(settings.seed(), routes);
        long missing = routes.stream().filter(r -> !examples.containsKey(r.key())).count();
        progress.printf("[fuzz] %d cases over %d routes (%d without an example body), seed %d%n", settings.cases(), routes.size(),
                missing, settings.seed());
        Map<String, FuzzCase> personal = new HashMap<>();
        // Scheduled jobs (the SLA sweep every 5 minutes...) write on their own; held, so every write seen is a request's.
        try (LocalCloud.Held held = cloud.holdSchedules(); StackProbe probe = new StackProbe(cloud)) {
            StackProbe.Snapshot last = null;
            for (int i = 0; i < settings.cases(); i++) {
                if (i % settings.refreshEvery() == 0) {
                    fixtures.refresh();
                    probe.awaitIdle(settings.idleTimeout());
                    last = probe.snapshot();
                }
                FuzzCase c = factory.next(i, CaseFactory.randomFor(settings.seed(), i));
                Map<String, String> headers = new LinkedHashMap<>(c.headers());
                headers.putAll(fixtures.headersFor(c.credential()));
                Http.Answer answer;
                try {
                    answer = http.send(c.method(), c.pathAndQuery(), headers, c.body());
                } catch (IOException | IllegalArgumentException e) {
                    answer = new Http.Answer(0, "", "no answer: " + e);
                }
                boolean idle = probe.awaitIdle(settings.idleTimeout());
                StackProbe.Snapshot now = probe.snapshot();
                List<Finding> found = new java.util.ArrayList<>(Oracle.judge(c, answer, now.diff(last)));
                if (!idle) {
                    found.add(new Finding(Finding.Kind.NOT_IDLE, c.route(), c.describe(), "still busy after " + settings.idleTimeout()));
                }
                last = now;
                report.record(c, answer.status(), found);
                c.personal().forEach(v -> personal.put(v, c));
                if ((i + 1) % 500 == 0) {
                    progress.printf("[fuzz] %d cases, %d finding(s), %d s%n", i + 1, report.findings().size(),
                            (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
            report.add(Oracle.personalDataInLogs(List.copyOf(functionLogs.get()), personal));
            ZoneId zone = ZoneId.of(cloud.resolver().parameters().getOrDefault("BusinessTimeZone", "UTC"));
            Map<Integer, EngagementRules> rules = new HashMap<>();
            for (JsonNode version : fixtures.rulesHistory()) {
                rules.put(version.path("version").asInt(), Json.mapper().treeToValue(version, EngagementRules.class));
            }
            report.invariants(new Invariants(probe, zone, cloud.clock(), rules).check());
        }
        report.wallTime(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }
}
