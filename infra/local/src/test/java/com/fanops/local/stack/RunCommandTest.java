package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import org.junit.jupiter.api.Tag;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command as a user runs it: it prints the URLs and logins, serves the dashboard, and Ctrl-C leaves nothing behind. */
@Tag("e2e")
class RunCommandTest {

    @TempDir
    Path state;

    @Test
    void runPrintsTheDashboardUrlAndCtrlCStopsEveryProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process runner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dfanops.root=" + FixtureStack.ROOT, "com.fanops.local.Main", "run", "--port-base", "0",
                "--template", "infra/fixtures/template.yaml", "--state-dir", state.toString())
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            String dashboard = null;
            String api = null;
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // The banner is printed a line at a time: read until the URLs and the dev logins are all there.
            while ((dashboard == null || api == null || !seen.toString().contains("admin@fanops.local"))
                    && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                seen.append(line).append('\n');
                Matcher d = Pattern.compile("Dashboard\\s+(http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                Matcher a = Pattern.compile("API\\s+(http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                if (d.find()) {
                    dashboard = d.group(1);
                }
                if (a.find()) {
                    api = a.group(1);
                }
            }
            assertTrue(dashboard != null && api != null, "no URLs printed:\n" + seen);
            String banner = seen + String.join("\n", lines);
            assertTrue(banner.contains("admin@fanops.local"), "dev logins printed:\n" + banner);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(dashboard)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Fanops"));
            HttpResponse<String> work = http.send(HttpRequest.newBuilder(URI.create(api + "/work"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"run-1\",\"amount\":1,\"kind\":\"test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, work.statusCode(), work.body());

            Process invoke = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfanops.root=" + FixtureStack.ROOT, "com.fanops.local.Main", "invoke", "RecorderFunction",
                    "--time", "2026-03-01T00:05:00+08:00", "--state-dir", state.toString()).redirectErrorStream(true).start();
            String invoked = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(invoke.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, invoke.exitValue(), invoked);
            assertTrue(invoked.contains("RecorderFunctionTick") && invoked.contains("2026-02-28T16:05:00Z"), invoked);

            List<ProcessHandle> children = runner.descendants().toList();
            assertTrue(!children.isEmpty(), "functions run in their own processes");

            new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor();
            assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "runner stops on Ctrl-C");
            long exitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < exitDeadline) {
                Thread.sleep(50);
            }
            List<ProcessHandle> alive = children.stream().filter(ProcessHandle::isAlive).toList();
            assertEquals(List.of(), alive, "no function process outlives the runner");
        } finally {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }
}
