package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EngagementAdminTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-20T06:00:00Z");
    private static LocalDynamo dynamo;
    private static AdminApiHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable", detail -> { }, ZONE,
                Clock.fixed(NOW, ZoneOffset.UTC));
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_ab"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_ab"), "status", AttributeValue.fromS("active"))));
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_cd"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_cd"), "status", AttributeValue.fromS("active"))));
        InteractionStore store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
        for (int i = 0; i < 3; i++) {
            store.apply(new Interaction("app", "c" + i, "m_ab", InteractionType.COMMENT, NOW.minusSeconds(3600 + i), null, null, null, null),
                    EngagementRules.defaults());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static APIGatewayV2HTTPResponse call(String method, String route, String role, String body, String... params) {
        var request = ApiEvents.request(method, route, params).operator(role + "@fanops.local", List.of(role));
        return handler.handleRequest((body == null ? request : request.json(body)).build(), null);
    }

    @Test
    void aMemberEngagementTimelineAndLedger() throws Exception {
        var engagement = call("GET", "/v1/admin/members/{memberId}/engagement", "agent", null, "m_ab");
        assertEquals(200, engagement.getStatusCode(), engagement.getBody());
        JsonNode e = Json.mapper().readTree(engagement.getBody());
        assertEquals(9 * Math.pow(2, -14.0 / (30 * 24)), e.path("score").asDouble(), 0.01, "three comments, 14 hours into their day");
        assertEquals(9, e.path("balance").asLong());
        assertEquals("bronze", e.path("tier").asText());

        JsonNode page = Json.mapper().readTree(call("GET", "/v1/admin/members/{memberId}/interactions", "agent", null, "m_ab").getBody());
        assertEquals(3, page.path("items").size());
        assertEquals(404, call("GET", "/v1/admin/members/{memberId}/engagement", "agent", null, "m_ffff").getStatusCode());
        assertEquals(403, call("GET", "/v1/admin/members/{memberId}/engagement", "analyst", null, "m_ab").getStatusCode());
    }

    @Test
    void adjustmentsAreValidatedAuditedAndKeepTheBalanceNonNegative() throws Exception {
        var bad = call("POST", "/v1/admin/members/{memberId}/points/adjustments", "manager", "{\"points\":0,\"reason\":\"x\"}", "m_cd");
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getBody().contains("\"points\""), bad.getBody());
        assertEquals(403, call("POST", "/v1/admin/members/{memberId}/points/adjustments", "agent", "{\"points\":5,\"reason\":\"thanks\"}", "m_cd").getStatusCode());
        var added = call("POST", "/v1/admin/members/{memberId}/points/adjustments", "manager",
                "{\"points\":20,\"reason\":\"late delivery goodwill\",\"adjustmentId\":\"ticket-9\"}", "m_cd");
        assertEquals(201, added.getStatusCode(), added.getBody());
        assertEquals(200, call("POST", "/v1/admin/members/{memberId}/points/adjustments", "manager",
                "{\"points\":20,\"reason\":\"late delivery goodwill\",\"adjustmentId\":\"ticket-9\"}", "m_cd").getStatusCode(), "repeat");
        var tooMuch = call("POST", "/v1/admin/members/{memberId}/points/adjustments", "manager", "{\"points\":-1000,\"reason\":\"oops\"}", "m_cd");
        assertEquals(422, tooMuch.getStatusCode(), tooMuch.getBody());
        JsonNode ledger = Json.mapper().readTree(call("GET", "/v1/admin/members/{memberId}/points", "agent", null, "m_cd").getBody());
        assertEquals(20, ledger.path("balance").asLong(), ledger.toString());
        assertEquals("adjust", ledger.path("items").get(0).path("kind").asText(), "newest first");
        assertTrue(dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .filter(i -> i.toString().contains("points.adjust")).count() == 1, "audited once");
    }

    @Test
    void anAdjustmentBeyondTheBoundsIs400EvenWhereItsAbsoluteValueOverflows() throws Exception {
        int before = dynamo.client().scan(b -> b.tableName("InteractionsTable").select("COUNT")).count();
        for (String points : List.of(String.valueOf(Long.MIN_VALUE), String.valueOf(Long.MAX_VALUE), "-1000001", "1000001")) {
            var answer = call("POST", "/v1/admin/members/{memberId}/points/adjustments", "admin",
                    "{\"points\":" + points + ",\"reason\":\"overflow probe\"}", "m_cd");
            assertEquals(400, answer.getStatusCode(), points + ": " + answer.getBody());
            assertTrue(answer.getBody().contains("\"points\""), answer.getBody());
        }
        assertEquals(before, dynamo.client().scan(b -> b.tableName("InteractionsTable").select("COUNT")).count(), "nothing written");
    }

    @Test
    void rulesChangeAsNewVersionsWithAuthorAndHistory() throws Exception {
        JsonNode current = Json.mapper().readTree(call("GET", "/v1/admin/engagement/rules", "manager", null).getBody());
        assertEquals(0, current.path("version").asInt());
        ObjectNode rules = (ObjectNode) current.deepCopy();
        ((ObjectNode) rules.path("weights")).put("like", 2);
        String body = "{\"basedOn\":0,\"rules\":" + rules + "}";
        assertEquals(403, call("PUT", "/v1/admin/engagement/rules", "manager", body).getStatusCode());
        var saved = call("PUT", "/v1/admin/engagement/rules", "admin", body);
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        JsonNode v1 = Json.mapper().readTree(saved.getBody());
        assertEquals(1, v1.path("version").asInt());
        assertEquals("admin@fanops.local", v1.path("changedBy").asText());
        var stale = call("PUT", "/v1/admin/engagement/rules", "admin", body);
        assertEquals(409, stale.getStatusCode(), "based on an old version");
        assertEquals("application/problem+json", stale.getHeaders().get("content-type"));
        JsonNode problem = Json.mapper().readTree(stale.getBody());
        assertEquals("https://fanops.dev/problems/stale-settings", problem.path("type").asText());
        assertTrue(problem.path("detail").asText().contains("version 1 is in force"), stale.getBody());
        var blind = call("PUT", "/v1/admin/engagement/rules", "admin", "{\"rules\":" + rules + "}");
        assertEquals(400, blind.getStatusCode(), "no basedOn: refused, not last write wins");
        assertEquals("basedOn", Json.mapper().readTree(blind.getBody()).at("/errors/0/field").asText());
        ((ObjectNode) rules.path("weights")).put("like", 500);
        var invalid = call("PUT", "/v1/admin/engagement/rules", "admin", "{\"basedOn\":1,\"rules\":" + rules + "}");
        assertEquals(400, invalid.getStatusCode());
        assertTrue(invalid.getBody().contains("rules.weights.like"), invalid.getBody());
        JsonNode history = Json.mapper().readTree(call("GET", "/v1/admin/engagement/rules/history", "admin", null).getBody());
        assertEquals(List.of(1, 0), List.of(history.path("items").get(0).path("version").asInt(), history.path("items").get(1).path("version").asInt()));
        assertEquals(0, history.path("items").get(0).path("basedOn").asInt());
        assertEquals("admin@fanops.local", history.path("items").get(0).path("changedBy").asText());
    }
}
