package com.fanops.rewards.handler;

import static com.fanops.rewards.testing.Items.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.rewards.domain.CallbackSignature;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.testing.RewardsHarness;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublicRewardsHandlerTest {

    private static final String SECRET = "fulfilment-test-secret";
    private static RewardsHarness h;
    private static PublicRewardsHandler handler;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(Instant.parse("2026-06-10T04:00:00Z"));
        h.budgets.create("manager", "shop", "Shop", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 100_000L);
        h.catalogue(item("mug", RewardType.GIFT, 100L, 500, "shop", true, MemberLimits.none(), null),
                item("badge", RewardType.BADGE, 10L, 0, null, false, MemberLimits.none(), null));
        h.stock.change("mug", 5);
        h.member("m_bee1", Instant.parse("2026-01-01T00:00:00Z"), false);
        h.points("m_bee1", 300);
        handler = new PublicRewardsHandler(h.rewards, SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static APIGatewayV2HTTPResponse redeem(String token, String key, String body) {
        ApiEvents req = ApiEvents.request("POST", "/v1/members/{memberId}/redemptions", "m_bee1").json(body);
        if (token != null) {
            req.header("authorization", "Bearer " + token);
        }
        if (key != null) {
            req.header("idempotency-key", key);
        }
        return handler.handleRequest(req.build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void aMemberRedeemsOnceWithAnIdempotencyKeyAndSeesTheRewardOnTheirPage() throws Exception {
        APIGatewayV2HTTPResponse first = redeem("token-m_bee1", "redeem-key-0001", "{\"itemId\":\"mug\"}");
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse again = redeem("token-m_bee1", "redeem-key-0001", "{\"itemId\":\"mug\"}");
        assertEquals(200, again.getStatusCode(), "a retry answers the first redemption");
        assertEquals(json(first).get("issuanceId"), json(again).get("issuanceId"));
        assertEquals(200, json(again).get("balance").asLong(), "paid once");

        var page = handler.handleRequest(ApiEvents.request("GET", "/v1/members/{memberId}/rewards", "m_bee1")
                .header("authorization", "Bearer token-m_bee1").build(), null);
        JsonNode own = json(page);
        assertEquals("mug", own.at("/rewards/0/itemId").asText());
        assertEquals("Gift mug", own.at("/rewards/0/name/en").asText());
        assertEquals(2, own.get("redeemable").size());

        String issuanceId = json(first).get("issuanceId").asText();
        String body = "{\"status\":\"fulfilled\",\"reason\":\"shipped SF123\"}";
        var unsigned = handler.handleRequest(ApiEvents.request("POST", "/v1/rewards/fulfilment/{issuanceId}", issuanceId).json(body).build(), null);
        assertEquals(401, unsigned.getStatusCode());
        long t = h.clock.instant().getEpochSecond();
        var stale = handler.handleRequest(ApiEvents.request("POST", "/v1/rewards/fulfilment/{issuanceId}", issuanceId).json(body)
                .header(CallbackSignature.HEADER, CallbackSignature.sign(SECRET, t - 3600, body)).build(), null);
        assertEquals(401, stale.getStatusCode(), "an old signature cannot be replayed");
        var signed = handler.handleRequest(ApiEvents.request("POST", "/v1/rewards/fulfilment/{issuanceId}", issuanceId).json(body)
                .header(CallbackSignature.HEADER, CallbackSignature.sign(SECRET, t, body)).build(), null);
        assertEquals(200, signed.getStatusCode(), signed.getBody());
        assertEquals("fulfilled", json(signed).get("status").asText());
        assertEquals(500, h.budgets.get("shop").confirmed(), "fulfilment confirms the reservation");
        assertEquals(0, h.budgets.get("shop").reserved());
    }

    @Test
    void badRedemptionsAre4xxProblemsNamingTheFieldAndWriteNothing() throws Exception {
        Map<String, Integer> before = h.itemCounts();
        assertEquals(401, redeem(null, "redeem-key-0002", "{\"itemId\":\"mug\"}").getStatusCode());
        assertEquals(401, redeem("token-other", "redeem-key-0002", "{\"itemId\":\"mug\"}").getStatusCode());
        APIGatewayV2HTTPResponse noKey = redeem("token-m_bee1", null, "{\"itemId\":\"mug\"}");
        assertEquals(400, noKey.getStatusCode());
        assertEquals("idempotency-key", json(noKey).at("/errors/0/field").asText());
        APIGatewayV2HTTPResponse unknown = redeem("token-m_bee1", "redeem-key-0003", "{\"itemId\":\"no-such-item\"}");
        assertEquals(422, unknown.getStatusCode());
        assertEquals("https://fanops.dev/problems/unknown-item", json(unknown).get("type").asText());
        assertEquals("itemId", json(unknown).at("/errors/0/field").asText());
        assertTrue(unknown.getHeaders().get("content-type").startsWith("application/problem+json"));
        assertEquals(400, redeem("token-m_bee1", "redeem-key-0004", "{\"itemId\":\"mug\",\"extra\":1}").getStatusCode());
        assertEquals(400, redeem("token-m_bee1", "redeem-key-0005", "{\"itemId\":42}").getStatusCode());
        assertEquals(before, h.itemCounts(), "nothing written");
    }
}
