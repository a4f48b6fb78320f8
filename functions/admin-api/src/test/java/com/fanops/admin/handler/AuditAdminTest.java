package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log viewer against DynamoDB Local, over lines written by the real {@link AuditLog}. Each test writes in its
 * own month, so the tests share one table without seeing each other's lines.
 */
class AuditAdminTest {

    private static final List<String> ADMIN = List.of("admin");
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static AuditLog audit;
    private static AdminApiHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        audit = new AuditLog(dynamo.client(), "AuditTable", clock);
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable",
                detail -> { }, ZoneId.of("Asia/Shanghai"), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static void write(String at, String actor, String action, String target, String reason) {
        clock.set(Instant.parse(at));
        audit.record(actor, action, target, reason);
    }

    private static APIGatewayV2HTTPResponse get(List<String> groups, Map<String, String> query) {
        ApiEvents request = ApiEvents.request("GET", "/v1/admin/audit");
        if (groups != null) {
            request.operator("op@brand.cn", groups);
        }
        query.forEach(request::query);
        return handler.handleRequest(request.build(), null);
    }

    private static JsonNode ok(Map<String, String> query) throws Exception {
        APIGatewayV2HTTPResponse response = get(ADMIN, query);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.mapper().readTree(response.getBody());
    }

    /** Every line the query finds, following the cursor page by page; the page sizes seen go to {@code sizes}. */
    private static List<String> all(Map<String, String> query, List<Integer> sizes) throws Exception {
        List<String> seen = new ArrayList<>();
        Map<String, String> q = new LinkedHashMap<>(query);
        while (true) {
            JsonNode page = ok(q);
            sizes.add(page.path("items").size());
            page.path("items").forEach(i -> seen.add(i.path("action").asText() + " " + i.path("target").asText()));
            if (!page.has("next")) {
                return seen;
            }
            q.put("cursor", page.path("next").asText());
        }
    }

    @Test
    void newestFirstAcrossDaysPageByPageWithoutFreeTextReasons() throws Exception {
        write("2026-03-02T01:00:00.123456Z", "a@brand.cn", "members.status.warn", "m_1", "Li Lei phoned from 13800000000");
        write("2026-03-03T09:00:00Z", "a@brand.cn", "members.import", "rows:3", "created 3");
        write("2026-03-03T09:30:00Z", "b@brand.cn", "notices.publish", "marketing#2", null);
        write("2026-03-04T23:59:59.999Z", "a@brand.cn", "complaints.resolve", "t_9", null);
        write("2026-03-06T02:00:00Z", "b@brand.cn", "members.status.approve", "m_2", "looks fine");
        clock.set(Instant.parse("2026-03-06T03:00:00Z"));

        List<Integer> sizes = new ArrayList<>();
        List<String> lines = all(Map.of("from", "2026-03-01", "to", "2026-03-06", "limit", "2"), sizes);
        assertEquals(List.of("members.status.approve m_2", "complaints.resolve t_9", "notices.publish marketing#2", "members.import rows:3",
                "members.status.warn m_1"), lines);
        assertEquals(List.of(2, 2, 1), sizes, "full pages, and no empty page at the end");

        JsonNode page = ok(Map.of("from", "2026-03-01", "to", "2026-03-06"));
        assertFalse(page.toString().contains("13800000000") || page.toString().contains("Li Lei") || page.toString().contains("looks fine"),
                "operators' own words are withheld: " + page);
        JsonNode warn = page.path("items").get(4);
        assertEquals("2026-03-02T01:00:00.123456Z", warn.path("at").asText());
        assertEquals("a@brand.cn", warn.path("actor").asText());
        assertFalse(warn.hasNonNull("reason"), "no reason shown");
        assertTrue(warn.path("reasonWithheld").asBoolean());
        JsonNode imported = page.path("items").get(3);
        assertEquals("created 3", imported.path("reason").asText(), "a reason composed by code is shown");
        assertFalse(page.path("items").get(1).path("reasonWithheld").asBoolean(), "no reason, nothing withheld");
    }

    @Test
    void filtersByExactActorActionPrefixAndExactTarget() throws Exception {
        write("2026-04-01T01:00:00Z", "a@brand.cn", "complaints.assign", "t_1", null);
        write("2026-04-02T01:00:00Z", "a@brand.cnx", "complaints.resolve", "t_1", null);
        write("2026-04-03T01:00:00Z", "a@brand.cn", "members.status.remove", "m_1", "spam");
        write("2026-04-04T01:00:00Z", "b@brand.cn", "complaints.settings.risk.change", "risk", null);
        write("2026-04-05T01:00:00Z", "a@brand.cn", "complaints.resolve", "t_12", null);
        Map<String, String> april = Map.of("from", "2026-04-01", "to", "2026-04-30");

        assertEquals(List.of("complaints.resolve t_12", "members.status.remove m_1", "complaints.assign t_1"),
                all(with(april, "actor", "a@brand.cn"), new ArrayList<>()), "the actor matches exactly");
        assertEquals(List.of("complaints.resolve t_12", "complaints.settings.risk.change risk", "complaints.resolve t_1",
                "complaints.assign t_1"), all(with(april, "action", "complaints."), new ArrayList<>()), "the action by prefix");
        assertEquals(List.of("complaints.resolve t_1", "complaints.assign t_1"), all(with(april, "target", "t_1"), new ArrayList<>()),
                "the target matches exactly");
        List<Integer> sizes = new ArrayList<>();
        assertEquals(List.of("complaints.resolve t_12", "complaints.assign t_1"),
                all(with(with(with(april, "actor", "a@brand.cn"), "action", "complaints."), "limit", "1"), sizes),
                "filters combine, and a filtered page is still full when the matches are days apart");
        assertEquals(List.of(1, 1), sizes);
        assertEquals(List.of(), all(with(april, "action", "rewards."), new ArrayList<>()));
    }

    @Test
    void daysAreBusinessDaysAndTheDefaultIsTheLastSeven() throws Exception {
        // Asia/Shanghai is UTC+8: 2026-05-09T16:00Z is the start of 10 May there.
        write("2026-05-09T15:59:59.999Z", "a@brand.cn", "day.nine", "x", null);
        write("2026-05-09T16:00:00Z", "a@brand.cn", "day.ten", "first", null);
        write("2026-05-10T15:59:59.5Z", "a@brand.cn", "day.ten", "last", null);
        write("2026-05-10T16:00:00.1Z", "a@brand.cn", "day.eleven", "x", null);
        assertEquals(List.of("day.ten last", "day.ten first"), all(Map.of("from", "2026-05-10", "to", "2026-05-10"), new ArrayList<>()));

        write("2026-05-03T15:00:00Z", "c@brand.cn", "old.eight-days", "x", null);
        write("2026-05-04T17:00:00Z", "c@brand.cn", "old.six-days", "x", null);
        clock.set(Instant.parse("2026-05-11T01:00:00Z")); // 11 May, 09:00 in Shanghai: the week is 5 to 11 May
        JsonNode page = ok(Map.of("actor", "c@brand.cn"));
        assertEquals("2026-05-05", page.path("from").asText());
        assertEquals("2026-05-11", page.path("to").asText());
        assertEquals(1, page.path("items").size(), page.toString());
        assertEquals("old.six-days", page.path("items").get(0).path("action").asText());
    }

    @Test
    void anAuditedChangeThroughTheApiIsFoundInTheLog() throws Exception {
        clock.set(Instant.parse("2026-06-15T04:00:00Z"));
        APIGatewayV2HTTPResponse created = handler.handleRequest(ApiEvents.request("POST", "/v1/admin/channel-keys")
                .operator("keys@brand.cn", ADMIN).json("{\"channel\":\"wechat\",\"name\":\"official account\"}").build(), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String keyId = Json.mapper().readTree(created.getBody()).path("keyId").asText();
        JsonNode line = ok(Map.of("actor", "keys@brand.cn", "target", keyId)).path("items").get(0);
        assertEquals("channel-keys.create", line.path("action").asText());
        assertEquals("wechat", line.path("reason").asText());
        assertEquals("2026-06-15T04:00:00Z", line.path("at").asText());
    }

    @Test
    void onlyAdminsReadTheLog() {
        assertEquals(401, get(null, Map.of()).getStatusCode());
        for (String role : List.of("manager", "agent", "analyst")) {
            assertEquals(403, get(List.of(role), Map.of()).getStatusCode(), role);
        }
        assertEquals(200, get(ADMIN, Map.of()).getStatusCode());
    }

    @Test
    void badInputIsA400NamingTheParameter() throws Exception {
        write("2026-07-10T01:00:00Z", "a@brand.cn", "complaints.assign", "t_1", null);
        write("2026-07-10T02:00:00Z", "a@brand.cn", "complaints.assign", "t_2", null);
        Map<String, String> july = Map.of("from", "2026-07-01", "to", "2026-07-31");
        for (String day : List.of("2026-02-30", "yesterday", "0001-01-01", "20260701")) {
            refused("from", with(july, "from", day));
            refused("to", with(july, "to", day));
        }
        refused("from", Map.of("from", "2026-08-01", "to", "2026-07-31"));
        refused("from", Map.of("from", "2026-04-29", "to", "2026-07-30"));
        assertEquals(200, get(ADMIN, Map.of("from", "2026-05-01", "to", "2026-07-31")).getStatusCode(), "92 days, both included");
        for (String limit : List.of("0", "201", "-1", "ten", "1.5")) {
            refused("limit", with(july, "limit", limit));
        }
        refused("action", with(july, "action", "Complaints.*"));
        refused("actor", with(july, "actor", "x".repeat(201)));
        String next = ok(with(july, "limit", "1")).path("next").asText();
        String elsewhere = Base64.getUrlEncoder().withoutPadding().encodeToString("2026-03-03T09:00:00Z#0123abcd".getBytes(StandardCharsets.UTF_8));
        String junk = Base64.getUrlEncoder().withoutPadding().encodeToString("AUDIT#2026-07-10".getBytes(StandardCharsets.UTF_8));
        String noSuchDay = Base64.getUrlEncoder().withoutPadding().encodeToString("2026-07-32T01:00:00Z#0123abcd".getBytes(StandardCharsets.UTF_8));
        String noSuchHour = Base64.getUrlEncoder().withoutPadding().encodeToString("2026-07-10T25:00:00Z#0123abcd".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("not a cursor", "abc=", junk, elsewhere, noSuchDay, noSuchHour, "x".repeat(600))) {
            refused("cursor", with(july, "cursor", cursor));
        }
        refused("cursor", Map.of("from", "2026-07-11", "to", "2026-07-31", "cursor", next));
        assertEquals("complaints.assign t_1", all(with(july, "cursor", next), new ArrayList<>()).get(0), "the cursor itself works");
    }

    private static void refused(String field, Map<String, String> query) throws Exception {
        APIGatewayV2HTTPResponse response = get(ADMIN, query);
        assertEquals(400, response.getStatusCode(), field + " " + query + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode errors = Json.mapper().readTree(response.getBody()).path("errors");
        assertTrue(errors.toString().contains("\"field\":\"" + field + "\""), "expected " + field + " in " + errors);
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.put(name, value);
        return out;
    }
}
