package com.fanops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP benchmark's options, the tool command lines it runs, its bodies and its table. */
class HttpBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void heyLoadsIngestionUnderTheThrottleAndWrkLoadsSignUp() {
        HttpBenchmark.Settings s = HttpBenchmark.Settings.parse(Map.of(), Map.of());
        assertEquals("hey", s.toolFor(HttpBenchmark.INTERACTIONS));
        assertEquals("wrk", s.toolFor(HttpBenchmark.SIGNUP));
        assertEquals(16, s.concurrency());
        assertEquals("30s", s.duration());
        assertEquals(12, HttpBenchmark.heyRatePerWorker(s), "16 workers x 12 = 192 a second, under the template's 200");
        assertEquals("off", s.params().get("SignUpLimitPerClient"), "every request comes from one address");

        List<String> hey = HttpBenchmark.command("hey", URI.create("http://127.0.0.1:1/v1/interactions"), Path.of("/tmp/b.json"),
                List.of("x-api-key: k"), s, "30s", "run", Path.of("/tmp/s.lua"));
        assertEquals(List.of("hey", "-z", "30s", "-c", "16", "-q", "12", "-m", "POST", "-T", "application/json", "-D", "/tmp/b.json",
                "-H", "x-api-key: k", "http://127.0.0.1:1/v1/interactions"), hey);
        List<String> wrk = HttpBenchmark.command("wrk", URI.create("http://127.0.0.1:1/v1/members"), Path.of("/tmp/b.json"), List.of(), s,
                "30s", "run", Path.of("/tmp/s.lua"));
        assertEquals(List.of("wrk", "-t", "2", "-c", "16", "-d", "30s", "--timeout", "30s", "--latency", "-s", "/tmp/s.lua",
                "http://127.0.0.1:1/v1/members", "--", "/tmp/b.json"), wrk.subList(0, wrk.size() - 1));
        assertTrue(wrk.get(wrk.size() - 1).startsWith("run-"), "a run id makes this run's contacts differ from any other's");
    }

    @Test
    void aRaisedThrottleOrAStatedRateMovesTheCap() {
        assertEquals(62, HttpBenchmark.heyRatePerWorker(HttpBenchmark.Settings.parse(Map.of(), Map.of("ApiThrottleRateLimit", "1000"))));
        assertEquals(1, HttpBenchmark.heyRatePerWorker(HttpBenchmark.Settings.parse(Map.of("rate", "4", "concurrency", "8"), Map.of())));
        assertEquals("30/10m", HttpBenchmark.Settings.parse(Map.of(), Map.of("SignUpLimitPerClient", "30/10m")).params().get("SignUpLimitPerClient"));
    }

    @Test
    void optionsTheToolsCouldNotTakeAreRefusedNamingTheOption() {
        assertTrue(refused(Map.of("tool", "ab")).contains("--tool"));
        assertTrue(refused(Map.of("tool", "hey")).contains("sign-up needs a new contact per request"));
        assertTrue(refused(Map.of("duration", "30")).contains("--duration"));
        assertTrue(refused(Map.of("warmup", "1h")).contains("--warmup"));
        assertTrue(refused(Map.of("concurrency", "0")).contains("--concurrency"));
        assertTrue(refused(Map.of("events-per-call", "101")).contains("--events-per-call"));
        assertTrue(refused(Map.of("routes", "interactions,complaints")).contains("--routes"));
        assertEquals(List.of("interactions"), HttpBenchmark.Settings.parse(Map.of("tool", "hey", "routes", "interactions"), Map.of()).routes());
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> HttpBenchmark.Settings.parse(values, Map.of())).getMessage();
    }

    @Test
    void bodiesAreWhatTheRoutesAcceptWithAPlaceForTheUniquePart() throws Exception {
        String call = HttpBenchmark.interactions(List.of("m_01", "m_02", "m_03"), Instant.parse("2026-12-06T12:00:00Z"), "{n}");
        var events = JSON.readTree(call.replace("{n}", "x")).path("events");
        assertEquals(3, events.size());
        assertEquals("h-x-2", events.get(2).path("eventId").asText());
        assertEquals("m_02", events.get(1).path("memberId").asText());
        assertTrue(Instant.parse(events.get(0).path("occurredAt").asText()).isBefore(Instant.parse("2026-12-06T11:51:00Z")));

        String form = HttpBenchmark.signUp(JSON.readTree("{\"notices\":[{\"purpose\":\"membership\",\"version\":3},{\"purpose\":\"marketing\",\"version\":1}]}"));
        var body = JSON.readTree(form.replace("{n}", "run-1-7"));
        assertEquals("bench-run-1-7@example.com", body.path("email").asText());
        assertEquals(3, body.path("consents").get(0).path("noticeVersion").asInt());
        assertEquals("marketing", body.path("consents").get(1).path("purpose").asText());
    }

    @Test
    void theTableCountsTwoHundredsApartFromOtherAnswersAndTheFunctionTimeIsBoundedByItsProcesses() {
        HttpBenchmark.Settings s = HttpBenchmark.Settings.parse(Map.of("concurrency", "8"), Map.of());
        LoadResult result = new LoadResult("hey", 100, 10.0, 10.0, 600, 1000, 1400, Map.of(202, 90L, 429, 10L), 0);
        HttpBenchmark.Row row = new HttpBenchmark.Row(HttpBenchmark.INTERACTIONS, "hey", s, 100, result);
        String table = HttpBenchmark.table(List.of(row));
        assertTrue(table.contains("| POST /v1/interactions | hey | 8 | 200 | 100 | 10.0 | 100 | 90 | 429: 10 | 0 | 10.0 | 9.0 | 900 | 600.0 | 1000.0 | 1400.0 |"),
                table);
        assertEquals(200.0, HttpBenchmark.functionMillisPerRequest(row), 1e-9, "2 processes busy, 10 requests a second: 200 ms each");
    }
}
