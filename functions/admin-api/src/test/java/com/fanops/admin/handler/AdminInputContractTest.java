package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every admin-api route under the input contract: bad input is a 400 naming the field or parameter, and writes nothing. */
class AdminInputContractTest {

    private static final List<String> TABLES = List.of("ConfigTable", "AuditTable", "InteractionsTable", "MetricsTable");
    private static final List<Object> PUBLISHED = new ArrayList<>();
    private static LocalDynamo dynamo;
    private static AdminApiHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable",
                PUBLISHED::add, ZoneId.of("Asia/Shanghai"), Clock.fixed(Instant.parse("2026-11-20T06:00:00Z"), ZoneOffset.UTC));
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_ab"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_ab"), "status", AttributeValue.fromS("active"))));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static APIGatewayV2HTTPResponse call(String method, String route, String body, Map<String, String> query, String... params) {
        ApiEvents request = ApiEvents.request(method, route, params).operator("admin@fanops.local", List.of("admin"));
        query.forEach(request::query);
        return handler.handleRequest((body == null ? request : request.json(body)).build(), null);
    }

    private static List<Integer> counts() {
        return TABLES.stream().map(t -> dynamo.client().scan(b -> b.tableName(t).select("COUNT")).count()).toList();
    }

    /** A 400 problem naming {@code field}, with every table as it was and nothing published. */
    private static void refused(String field, APIGatewayV2HTTPResponse response, List<Integer> before) throws Exception {
        assertEquals(400, response.getStatusCode(), field + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode errors = Json.mapper().readTree(response.getBody()).path("errors");
        assertTrue(errors.toString().contains("\"field\":\"" + field + "\""), "expected " + field + " in " + errors);
        assertEquals(before, counts(), "a refused request wrote");
        assertTrue(PUBLISHED.isEmpty(), "a refused request published");
    }

    @Test
    void pointsAdjustmentsAreBoundedWithoutOverflow() throws Exception {
        List<Integer> before = counts();
        for (String points : List.of(String.valueOf(Long.MIN_VALUE), String.valueOf(Long.MAX_VALUE), "0", "1000001", "-1000001",
                "9223372036854775808", "-9223372036854775809", "1e309", "-1e309", "1.5", "\"5\"", "null", "1e18")) {
            refused("points", call("POST", "/v1/admin/members/{memberId}/points/adjustments",
                    "{\"points\":" + points + ",\"reason\":\"goodwill\"}", Map.of(), "m_ab"), before);
        }
        for (String reason : List.of("\"a\\u0000b goodwill\"", "\"\\u202egoodwill\"", "\"ok\"", "\"" + "x".repeat(201) + "\"", "\"a\\nb c\"")) {
            refused("reason", call("POST", "/v1/admin/members/{memberId}/points/adjustments",
                    "{\"points\":5,\"reason\":" + reason + "}", Map.of(), "m_ab"), before);
        }
        refused("adjustmentId", call("POST", "/v1/admin/members/{memberId}/points/adjustments",
                "{\"points\":5,\"reason\":\"goodwill\",\"adjustmentId\":\"" + "a".repeat(65) + "\"}", Map.of(), "m_ab"), before);
    }

    @Test
    void memberIdsAreCheckedBeforeAnyReadAndUnknownOnesAre404() throws Exception {
        List<Integer> before = counts();
        for (String route : List.of("engagement", "interactions", "points", "tier-history")) {
            for (String bad : List.of("m_" + "a".repeat(3000), "m_XYZ", "x")) {
                refused("memberId", call("GET", "/v1/admin/members/{memberId}/" + route, null, Map.of(), bad), before);
            }
            assertEquals(404, call("GET", "/v1/admin/members/{memberId}/" + route, null, Map.of(), "m_ffff").getStatusCode());
        }
        refused("memberId", call("POST", "/v1/admin/members/{memberId}/points/adjustments", "{\"points\":5,\"reason\":\"goodwill\"}",
                Map.of(), "m_" + "a".repeat(3000)), before);
    }

    @Test
    void queryParametersAreTypedOnEveryListingRoute() throws Exception {
        List<Integer> before = counts();
        for (String limit : List.of("abc", "-1", "0", "201", "99999999999", "", "1e3")) {
            refused("limit", call("GET", "/v1/admin/members/{memberId}/interactions", null, Map.of("limit", limit), "m_ab"), before);
            refused("limit", call("GET", "/v1/admin/members/{memberId}/points", null, Map.of("limit", limit), "m_ab"), before);
            refused("limit", call("GET", "/v1/admin/engagement/rules/history", null, Map.of("limit", limit)), before);
            refused("limit", call("GET", "/v1/admin/metrics/targets/history", null, Map.of("limit", limit)), before);
        }
        for (String cursor : List.of("not a cursor", "x".repeat(600), "abc=")) {
            refused("cursor", call("GET", "/v1/admin/members/{memberId}/points", null, Map.of("cursor", cursor), "m_ab"), before);
            refused("cursor", call("GET", "/v1/admin/engagement/rules/history", null, Map.of("cursor", cursor)), before);
        }
        for (String day : List.of("0001-01-01", "9999-12-31", "+999999999-12-31", "1999-12-31", "2026-02-30", "yesterday")) {
            refused("from", call("GET", "/v1/admin/metrics/daily", null, Map.of("from", day)), before);
            refused("to", call("GET", "/v1/admin/metrics/cohorts", null, Map.of("to", day)), before);
            refused("start", call("GET", "/v1/admin/metrics/reports/{period}", null, Map.of("start", day), "month"), before);
        }
        refused("period", call("GET", "/v1/admin/metrics/reports/{period}", null, Map.of("start", "2026-10-01"), "year"), before);
        refused("format", call("GET", "/v1/admin/metrics/reports/{period}", null, Map.of("start", "2026-10-01", "format", "xml"),
                "month"), before);
        refused("day", call("GET", "/v1/admin/metrics/daily/{day}", null, Map.of(), "0001-01-01"), before);
        assertEquals(404, call("GET", "/v1/admin/metrics/daily/{day}", null, Map.of(), "2026-11-01").getStatusCode());
    }

    @Test
    void bodiesAreStrictOnEveryAdminWrite() throws Exception {
        List<Integer> before = counts();
        refused("from", call("POST", "/v1/admin/metrics/backfill", "{\"from\":\"1900-01-01\",\"to\":\"1900-01-02\"}", Map.of()), before);
        refused("to", call("POST", "/v1/admin/metrics/backfill", "{\"from\":\"2026-01-01\",\"to\":\"9999-12-31\"}", Map.of()), before);
        refused("from", call("POST", "/v1/admin/metrics/backfill", "{\"from\":20260101,\"to\":\"2026-01-02\"}", Map.of()), before);
        refused("targets.satisfaction", call("PUT", "/v1/admin/metrics/targets",
                "{\"basedOn\":0,\"targets\":{\"monthlyActiveRate\":0.6,\"annualRetention\":0.5,\"satisfaction\":1e309,\"conversion\":0.1}}",
                Map.of()), before);
        refused("rules.weights.like", call("PUT", "/v1/admin/engagement/rules",
                "{\"basedOn\":0,\"rules\":{\"weights\":{\"like\":1e309}}}", Map.of()), before);
        refused("rules.weights.like", call("PUT", "/v1/admin/engagement/rules",
                "{\"basedOn\":0,\"rules\":{\"weights\":{\"like\":\"2\"}}}", Map.of()), before);
        refused("rules.weights.like", call("PUT", "/v1/admin/engagement/rules",
                "{\"basedOn\":0,\"rules\":{\"weights\":{\"like\":null}}}", Map.of()), before);
        refused("basedOn", call("PUT", "/v1/admin/engagement/rules", "{\"basedOn\":0,\"basedOn\":1}", Map.of()), before);
    }

    @Test
    void channelKeysTakeACleanNameAndWellFormedIds() throws Exception {
        List<Integer> before = counts();
        for (String name : List.of("\"\\u202eweb\"", "\"\\u200b\"", "\"" + "n".repeat(81) + "\"", "\"a\\u0000\"", "\"\\ud800\"", "7")) {
            refused("name", call("POST", "/v1/admin/channel-keys", "{\"channel\":\"web\",\"name\":" + name + "}", Map.of()), before);
        }
        refused("channel", call("POST", "/v1/admin/channel-keys", "{\"channel\":\"fax\",\"name\":\"Shop\"}", Map.of()), before);
        refused("keyId", call("DELETE", "/v1/admin/channel-keys/{keyId}", null, Map.of(), "k".repeat(5000)), before);
        assertEquals(404, call("DELETE", "/v1/admin/channel-keys/{keyId}", null, Map.of(), "0123abcd-456").getStatusCode());
        var created = call("POST", "/v1/admin/channel-keys", "{\"channel\":\"web\",\"name\":\"  Cafe\\u0301 \"}", Map.of());
        assertEquals(201, created.getStatusCode(), created.getBody());
        String keyId = Json.mapper().readTree(created.getBody()).path("keyId").asText();
        JsonNode listed = Json.mapper().readTree(call("GET", "/v1/admin/channel-keys", null, Map.of()).getBody());
        assertEquals("Caf\u00e9", listed.at("/items/0/name").asText(), "stored NFC and stripped");
        assertEquals(200, call("DELETE", "/v1/admin/channel-keys/{keyId}", null, Map.of(), keyId).getStatusCode());
    }
}
