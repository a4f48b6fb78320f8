package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fanops.metrics.domain.FactWindow;
import com.fanops.metrics.domain.KpiTargets;
import com.fanops.metrics.domain.MetricsBackfillRequested;
import com.fanops.metrics.domain.MetricsCalculator;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsAdminTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 14:00 on 22 November in Shanghai: the last whole business day is the 21st. */
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final LocalDate FIRST = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST = LocalDate.parse("2026-11-21");
    private static final List<Object> PUBLISHED = new CopyOnWriteArrayList<>();
    private static LocalDynamo dynamo;
    private static AdminApiHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable",
                PUBLISHED::add, ZONE, Clock.fixed(NOW, ZoneOffset.UTC));
        // A small community's snapshots, computed by the calculator from hand-made facts.
        Random random = new Random(7);
        Map<LocalDate, List<FactWindow.Joined>> joins = new HashMap<>();
        Map<LocalDate, Set<String>> active = new HashMap<>();
        Map<LocalDate, FactWindow.DayCounts> counts = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            LocalDate joined = FIRST.minusDays(40).plusDays(random.nextInt(120));
            joins.computeIfAbsent(joined, d -> new ArrayList<>()).add(new FactWindow.Joined("m_" + i, "member", null));
            counts.merge(joined, new FactWindow.DayCounts(1, 0), (a, b) -> new FactWindow.DayCounts(a.joins() + 1, 0));
            for (LocalDate d = joined; !d.isAfter(LAST); d = d.plusDays(1)) {
                if (random.nextDouble() < 0.2) {
                    active.computeIfAbsent(d, x -> new HashSet<>()).add("m_" + i);
                }
            }
        }
        FactWindow window = new FactWindow(new FactWindow.Source() {
            @Override
            public FactWindow.Activity activity(LocalDate day) {
                return new FactWindow.Activity(active.getOrDefault(day, Set.of()), Set.of(), Set.of(), Set.of());
            }

            @Override
            public List<FactWindow.Joined> joined(LocalDate day) {
                return joins.getOrDefault(day, List.of());
            }

            @Override
            public List<FactWindow.Exited> exited(LocalDate day) {
                return List.of();
            }

            @Override
            public Set<String> careQueued(LocalDate day) {
                return Set.of();
            }
        }, Set.of(), counts);
        MetricsCalculator calculator = new MetricsCalculator(new MetricsCalculator.Settings("Asia/Shanghai", 30, 30));
        SnapshotStore store = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter());
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            store.put(calculator.on(d, window).snapshot(window.membersAtEndOf(d.minusDays(1)),
                    new MetricsCalculator.Extras(10, 0, null, null), KpiTargets.defaults(), NOW));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static APIGatewayV2HTTPResponse call(String method, String route, String role, String body, Map<String, String> query,
                                                 String... params) {
        ApiEvents request = ApiEvents.request(method, route, params).operator(role + "@fanops.local", List.of(role));
        query.forEach(request::query);
        return handler.handleRequest((body == null ? request : request.json(body)).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    private static void assertInvalid(APIGatewayV2HTTPResponse r, String field) throws Exception {
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        List<String> fields = StreamSupport.stream(json(r).path("errors").spliterator(), false).map(e -> e.path("field").asText()).toList();
        assertTrue(fields.contains(field), field + " in " + r.getBody());
    }

    @Test
    void snapshotsOfARangeOldestFirstAndOfOneDay() throws Exception {
        var range = call("GET", "/v1/admin/metrics/daily", "analyst", null, Map.of("from", "2026-11-01", "to", "2026-11-03"));
        assertEquals(200, range.getStatusCode(), range.getBody());
        JsonNode days = json(range).path("days");
        assertEquals(List.of("2026-11-01", "2026-11-02", "2026-11-03"),
                StreamSupport.stream(days.spliterator(), false).map(d -> d.path("day").asText()).toList());
        assertEquals(1, days.get(0).path("runs").asInt());
        assertTrue(days.get(0).has("csat") && days.get(0).path("csat").isNull(), "unknown figures are null, not missing");
        assertEquals(30, json(call("GET", "/v1/admin/metrics/daily", "manager", null, Map.of())).path("days").size(),
                "the last 30 days by default");

        var one = call("GET", "/v1/admin/metrics/daily/{day}", "admin", null, Map.of(), "2026-11-21");
        assertEquals(200, one.getStatusCode(), one.getBody());
        assertEquals(4, json(one).path("kpis").size());
        assertEquals(404, call("GET", "/v1/admin/metrics/daily/{day}", "admin", null, Map.of(), "2026-11-22").getStatusCode());
        assertInvalid(call("GET", "/v1/admin/metrics/daily/{day}", "admin", null, Map.of(), "21-11-2026"), "day");
        assertInvalid(call("GET", "/v1/admin/metrics/daily", "analyst", null, Map.of("from", "2026-11-03", "to", "2026-11-01")), "to");
        assertInvalid(call("GET", "/v1/admin/metrics/daily", "analyst", null, Map.of("from", "2025-01-01", "to", "2026-11-01")), "to");
        assertInvalid(call("GET", "/v1/admin/metrics/daily", "analyst", null, Map.of("from", "yesterday")), "from");
        assertEquals(403, call("GET", "/v1/admin/metrics/daily", "agent", null, Map.of()).getStatusCode(), "agents have no metrics area");
    }

    @Test
    void cohortHeatMapIsAssembledFromTheSnapshots() throws Exception {
        var r = call("GET", "/v1/admin/metrics/cohorts", "analyst", null, Map.of("to", "2026-11-21"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode rows = json(r).path("cohorts");
        assertEquals(30, rows.size());
        JsonNode oldest = rows.get(29);
        assertEquals("2026-10-22", oldest.path("cohortDay").asText());
        assertEquals(30, oldest.path("classic").size());
        assertEquals(30, oldest.path("onOrAfter").size());
        JsonNode dayAfter = json(call("GET", "/v1/admin/metrics/daily/{day}", "analyst", null, Map.of(), "2026-10-23"));
        JsonNode seen = StreamSupport.stream(dayAfter.path("cohorts").spliterator(), false)
                .filter(c -> c.path("cohortDay").asText().equals("2026-10-22")).findFirst().orElseThrow();
        assertEquals(seen.path("activeToday").asLong(), oldest.path("classic").path("1").asLong(), "classic day-1 from the snapshot of c+1");
        assertEquals(404, call("GET", "/v1/admin/metrics/cohorts", "analyst", null, Map.of("to", "2026-12-01")).getStatusCode());
    }

    @Test
    void reportsAsJsonAndCsvWithTheTrendAgainstThePreviousPeriod() throws Exception {
        var month = call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of("start", "2026-10-15"), "month");
        assertEquals(200, month.getStatusCode(), month.getBody());
        JsonNode r = json(month);
        assertEquals("2026-10", r.path("label").asText());
        assertEquals("2026-10-01", r.path("start").asText());
        assertTrue(r.path("complete").asBoolean());
        assertEquals("2026-09", r.path("previous").path("label").asText());
        assertEquals(30, r.path("previous").path("daysWithData").asInt());
        assertEquals(310, r.path("figures").path("pointsIssued").path("value").asLong(), "31 days of 10 points");
        assertEquals(300, r.path("figures").path("pointsIssued").path("previous").asLong());
        assertEquals(10, r.path("figures").path("pointsIssued").path("change").asLong());
        assertEquals(4, r.path("kpis").size());

        var csv = call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of("start", "2026-11-16", "format", "csv"), "week");
        assertEquals(200, csv.getStatusCode(), csv.getBody());
        assertTrue(csv.getHeaders().get("content-type").startsWith("text/csv"));
        assertEquals("attachment; filename=\"fanops-metrics-week-2026-W47.csv\"", csv.getHeaders().get("content-disposition"));
        assertTrue(csv.getBody().startsWith("section,name,aggregation,value,previous,change,changeRate,target,gap,met\r\n"));
        assertTrue(csv.getBody().contains("\r\nfigure,pointsIssued,sum,60,70,-10,-0.1429,,,\r\n"), "a week in progress: 6 days so far");
        ApiEvents accept = ApiEvents.request("GET", "/v1/admin/metrics/reports/{period}", "quarter").operator("a@x", List.of("manager"))
                .query("start", "2026-10-01").header("accept", "text/csv");
        assertTrue(handler.handleRequest(accept.build(), null).getHeaders().get("content-type").startsWith("text/csv"));

        assertInvalid(call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of("start", "2026-10-01"), "year"), "period");
        assertInvalid(call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of(), "month"), "start");
        assertInvalid(call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of("start", "2026-12-01"), "month"), "start");
        assertInvalid(call("GET", "/v1/admin/metrics/reports/{period}", "analyst", null, Map.of("start", "2026-10-01", "format", "xls"), "month"),
                "format");
    }

    @Test
    void targetsChangeAsNewVersionsWithAuthorAndAudit() throws Exception {
        JsonNode current = json(call("GET", "/v1/admin/metrics/targets", "analyst", null, Map.of()));
        assertEquals(0, current.path("version").asInt());
        assertEquals(0.6, current.path("monthlyActiveRate").asDouble());
        String change = "{\"basedOn\":0,\"targets\":{\"monthlyActiveRate\":0.65,\"annualRetention\":0.5,\"satisfaction\":4.6,\"conversion\":0.12}}";
        assertEquals(403, call("PUT", "/v1/admin/metrics/targets", "manager", change, Map.of()).getStatusCode());
        var saved = call("PUT", "/v1/admin/metrics/targets", "admin", change, Map.of());
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        assertEquals(1, json(saved).path("version").asInt());
        assertEquals("admin@fanops.local", json(saved).path("changedBy").asText());
        var stale = call("PUT", "/v1/admin/metrics/targets", "admin", change, Map.of());
        assertEquals(409, stale.getStatusCode(), "edited from version 0, but 1 is in force");
        var bad = call("PUT", "/v1/admin/metrics/targets", "admin",
                "{\"basedOn\":1,\"targets\":{\"monthlyActiveRate\":60,\"annualRetention\":0.5,\"satisfaction\":6,\"conversion\":0.1}}", Map.of());
        assertInvalid(bad, "targets.monthlyActiveRate");
        assertInvalid(bad, "targets.satisfaction");
        assertInvalid(call("PUT", "/v1/admin/metrics/targets", "admin", "{\"basedOn\":1,\"targets\":{\"monthlyActiveRate\":\"high\"}}", Map.of()),
                "targets.monthlyActiveRate");
        JsonNode history = json(call("GET", "/v1/admin/metrics/targets/history", "manager", null, Map.of())).path("items");
        assertEquals(List.of(1, 0), StreamSupport.stream(history.spliterator(), false).map(h -> h.path("version").asInt()).toList());
        assertEquals(1, dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .filter(i -> i.get("action").s().equals("kpi-targets.change")).count());
    }

    @Test
    void aBackfillIsHandedToTheDailyFunctionThroughTheBus() throws Exception {
        var accepted = call("POST", "/v1/admin/metrics/backfill", "admin", "{\"from\":\"2026-10-01\",\"to\":\"2026-11-21\"}", Map.of());
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        assertEquals(52, json(accepted).path("days").asInt());
        assertTrue(PUBLISHED.contains(new MetricsBackfillRequested(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-21"))));
        assertEquals(403, call("POST", "/v1/admin/metrics/backfill", "analyst", "{\"from\":\"2026-10-01\",\"to\":\"2026-10-02\"}", Map.of())
                .getStatusCode());
        assertInvalid(call("POST", "/v1/admin/metrics/backfill", "admin", "{\"from\":\"2026-11-01\",\"to\":\"2026-11-22\"}", Map.of()), "to");
        assertInvalid(call("POST", "/v1/admin/metrics/backfill", "admin", "{\"from\":\"2025-01-01\",\"to\":\"2026-11-01\"}", Map.of()), "to");
        assertInvalid(call("POST", "/v1/admin/metrics/backfill", "admin", "{\"from\":\"01/10/2026\",\"to\":\"2026-11-01\"}", Map.of()), "from");
        assertInvalid(call("POST", "/v1/admin/metrics/backfill", "admin", "{\"to\":\"2026-11-01\"}", Map.of()), "from");
        assertEquals(1, PUBLISHED.size(), "refused requests publish nothing");
        assertEquals(1, dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .filter(i -> i.get("action").s().equals("metrics.backfill")).count());
    }
}
