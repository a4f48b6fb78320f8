package com.fanops.rewards.handler;

import static com.fanops.rewards.testing.Items.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.testing.RewardsHarness;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RewardsAdminHandlerTest {

    private static RewardsHarness h;
    private static RewardsAdminHandler handler;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(Instant.parse("2026-06-10T04:00:00Z"));
        h.budgets.create("manager", "vip", "VIP", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 1_000_000L);
        h.catalogue(item("phone", RewardType.GIFT, null, 300_000, "vip", false, MemberLimits.none(), null),
                item("sticker", RewardType.GIFT, null, 100, "vip", false, MemberLimits.none(), null));
        h.member("m_ad1", Instant.parse("2026-01-01T00:00:00Z"), false);
        handler = new RewardsAdminHandler(h.rewards);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static APIGatewayV2HTTPResponse call(ApiEvents req, String role) {
        return handler.handleRequest(req.operator(role + "@fanops.local", List.of(role)).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void rolesAreLeastPrivilege() {
        assertEquals(403, call(ApiEvents.request("GET", "/v1/admin/rewards/catalogue"), "agent").getStatusCode(), "agents: nothing");
        assertEquals(200, call(ApiEvents.request("GET", "/v1/admin/rewards/totals"), "analyst").getStatusCode(), "analysts read totals");
        assertEquals(403, call(ApiEvents.request("PUT", "/v1/admin/rewards/catalogue").json("{\"basedOn\":1,\"items\":[]}"), "analyst")
                .getStatusCode());
        assertEquals(403, call(ApiEvents.request("GET", "/v1/admin/members/{memberId}/rewards", "m_ad1"), "analyst").getStatusCode(),
                "a member's rewards are personal");
        assertEquals(401, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/rewards/catalogue").build(), null).getStatusCode());
    }

    @Test
    void catalogueEditsAreVersionedAndInvalidItemsAreNamed() throws Exception {
        APIGatewayV2HTTPResponse stale = call(ApiEvents.request("PUT", "/v1/admin/rewards/catalogue").json("{\"basedOn\":0,\"items\":[]}"),
                "manager");
        assertEquals(409, stale.getStatusCode(), "the catalogue moved on since version 0");
        APIGatewayV2HTTPResponse bad = call(ApiEvents.request("PUT", "/v1/admin/rewards/catalogue").json(
                "{\"basedOn\":1,\"items\":[{\"itemId\":\"x\",\"type\":\"coupon\",\"name\":{\"zh-CN\":\"券\",\"en\":\"Coupon\"},\"cost\":5}]}"),
                "manager");
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        List<String> fields = json(bad).get("errors").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("items[0].itemId", "items[0].budgetId", "items[0].codePoolId")), fields.toString());
        assertEquals(1, h.catalogue.currentVersion().version(), "nothing saved");
    }

    @Test
    void aCodeUploadWithDuplicatesOrMalformedLinesIsRefusedWholeAndGenerationBeyondThePatternToo() throws Exception {
        assertEquals(201, call(ApiEvents.request("POST", "/v1/admin/rewards/pools").json("{\"poolId\":\"spring\",\"name\":\"Spring\",\"threshold\":2}"),
                "manager").getStatusCode());
        ApiEvents upload = ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/codes", "spring").header("content-type", "text/csv");
        Map<String, Integer> before = h.itemCounts();
        APIGatewayV2HTTPResponse dup = handler.handleRequest(upload.json("code\nAAAA-1\nBBBB-2\nAAAA-1\nno good\n")
                .header("content-type", "text/csv").operator("m@fanops.local", List.of("manager")).build(), null);
        assertEquals(400, dup.getStatusCode());
        assertEquals(List.of("file.line[4]", "file.line[5]"), json(dup).get("errors").findValuesAsText("field"));
        assertEquals(before, h.itemCounts(), "nothing written");
        APIGatewayV2HTTPResponse ok = handler.handleRequest(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/codes", "spring")
                .json("code\nAAAA-1\nBBBB-2\nCCCC-3\n").header("content-type", "text/csv").operator("m@fanops.local", List.of("manager")).build(), null);
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals(3, json(ok).get("available").asLong());
        APIGatewayV2HTTPResponse again = handler.handleRequest(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/codes", "spring")
                .json("code\nDDDD-4\nBBBB-2\n").header("content-type", "text/csv").operator("m@fanops.local", List.of("manager")).build(), null);
        assertEquals(400, again.getStatusCode(), "a code already in the pool");
        APIGatewayV2HTTPResponse tooMany = call(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/generate", "spring")
                .json("{\"charset\":\"AB\",\"pattern\":\"X-##\",\"count\":5}"), "manager");
        assertEquals(400, tooMany.getStatusCode());
        assertEquals("count", json(tooMany).at("/errors/0/field").asText());
        APIGatewayV2HTTPResponse generated = call(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/generate", "spring")
                .json("{\"charset\":\"AB\",\"pattern\":\"X-##\",\"count\":4}"), "manager");
        assertEquals(7, json(generated).get("available").asLong(), generated.getBody());
        assertEquals(200, call(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/burn", "spring")
                .json("{\"code\":\"CCCC-3\",\"reason\":\"posted on a forum\"}"), "manager").getStatusCode());
        assertEquals(404, call(ApiEvents.request("POST", "/v1/admin/rewards/pools/{poolId}/burn", "spring")
                .json("{\"code\":\"ZZZZ-9\",\"reason\":\"typo\"}"), "manager").getStatusCode());
        assertEquals(6, h.pools.get("spring").available());
        assertEquals(1, h.pools.get("spring").burned());
    }

    @Test
    void aGrantAboveTheThresholdWaitsForAnAdminAndTheArchiveHidesPersonalDataFromAnalysts() throws Exception {
        APIGatewayV2HTTPResponse pending = call(ApiEvents.request("POST", "/v1/admin/members/{memberId}/rewards", "m_ad1")
                .json("{\"itemId\":\"phone\",\"grantId\":\"grant-phone-0001\",\"reason\":\"top fan of the year\"}"), "manager");
        assertEquals(202, pending.getStatusCode(), pending.getBody());
        String approvalId = json(pending).at("/approval/approvalId").asText();
        assertEquals(0, h.budgets.get("vip").reserved(), "nothing reserved while waiting");
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/rewards/approvals/{approvalId}", approvalId)
                .json("{\"decision\":\"approve\",\"reason\":\"ok\"}"), "manager").getStatusCode(), "only an admin approves");
        APIGatewayV2HTTPResponse approved = call(ApiEvents.request("POST", "/v1/admin/rewards/approvals/{approvalId}", approvalId)
                .json("{\"decision\":\"approve\",\"reason\":\"well deserved\"}"), "admin");
        assertEquals(200, approved.getStatusCode(), approved.getBody());
        assertEquals("approved", json(approved).get("status").asText());
        assertEquals(300_000, h.budgets.get("vip").reserved());
        APIGatewayV2HTTPResponse small = call(ApiEvents.request("POST", "/v1/admin/members/{memberId}/rewards", "m_ad1")
                .json("{\"itemId\":\"sticker\",\"grantId\":\"grant-sticker-01\",\"reason\":\"helped at the meetup\"}"), "manager");
        assertEquals(201, small.getStatusCode(), small.getBody());

        JsonNode managers = json(call(ApiEvents.request("GET", "/v1/admin/rewards/issuances"), "manager"));
        JsonNode analysts = json(call(ApiEvents.request("GET", "/v1/admin/rewards/issuances"), "analyst"));
        assertEquals(2, managers.get("items").size());
        assertEquals("m_ad1", managers.at("/items/0/memberId").asText());
        assertTrue(analysts.at("/items/0/memberId").isNull() || analysts.at("/items/0/memberId").isMissingNode());
        assertTrue(analysts.at("/items/0/reason").isNull() || analysts.at("/items/0/reason").isMissingNode());
        JsonNode totals = json(call(ApiEvents.request("GET", "/v1/admin/rewards/totals"), "analyst"));
        assertEquals(2, totals.at("/total/count").asLong());
        assertEquals(300_100, totals.at("/total/cost").asLong());
        APIGatewayV2HTTPResponse csv = call(ApiEvents.request("GET", "/v1/admin/rewards/export"), "analyst");
        assertTrue(csv.getHeaders().get("content-type").startsWith("text/csv"));
        assertFalse(csv.getBody().contains("m_ad1"), "no member id in an analyst's export");
        assertEquals(3, csv.getBody().strip().split("\n").length, "header and two rows");
    }
}
