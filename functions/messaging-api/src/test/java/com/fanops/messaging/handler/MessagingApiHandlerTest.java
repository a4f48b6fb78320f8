package com.fanops.messaging.handler;

import static com.fanops.messaging.handler.MessagingStack.json;
import static com.fanops.messaging.handler.MessagingStack.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.ConsentChanged;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Purpose;
import com.fanops.messaging.domain.DefaultTemplates;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.store.Suppressions;
import com.fanops.messaging.store.WebhookSecrets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fanops.platform.limits.RateLimit;
import com.fanops.platform.settings.StaleSettingsException;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The messaging API's behaviour as an operator or a member would notice it, against DynamoDB Local. */
class MessagingApiHandlerTest {

    private static MessagingStack stack;

    @BeforeAll
    static void start() {
        stack = new MessagingStack(new RateLimit("unsubscribe-client", 5, Duration.ofMinutes(10)));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static ObjectNode defaults() {
        return (ObjectNode) Json.mapper().valueToTree(DefaultTemplates.get());
    }

    private static String templatesBody(Object basedOn, JsonNode templates) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("basedOn", Json.mapper().valueToTree(basedOn));
        body.set("templates", templates);
        return body.toString();
    }

    private static List<ConsentEntry> marketingLedger(String memberId) {
        return stack.members.ledger(memberId).stream().filter(e -> e.purpose() == Purpose.MARKETING).toList();
    }

    @Test
    void templatesAreVersionedWithTheirPlaceholdersAndAStaleEditIsRefused() {
        JsonNode current = json(stack.as("manager", ApiEvents.request("GET", "/v1/admin/messaging/templates")));
        int version = current.path("version").asInt();
        assertEquals("Welcome to the community, {{nickname}}", current.path("templates").path("welcome").path("en").path("subject").asText());
        JsonNode care = null;
        for (JsonNode k : current.path("kinds")) {
            if (k.path("kind").asText().equals("care")) {
                care = k;
            }
        }
        assertEquals("marketing", care.path("purpose").asText());
        assertTrue(care.path("placeholders").toString().contains("unsubscribeUrl"), care.toString());

        ObjectNode changed = defaults();
        ((ObjectNode) changed.path("care").path("en")).put("subject", "Long time no see, {{nickname}}");
        APIGatewayV2HTTPResponse saved = stack.as("manager", ApiEvents.request("PUT", "/v1/admin/messaging/templates")
                .json(templatesBody(version, changed)));
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        assertEquals(version + 1, json(saved).path("version").asInt());
        assertEquals("manager@brand.cn", json(saved).path("changedBy").asText());
        assertEquals("Long time no see, {{nickname}}", json(stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/templates")))
                .path("templates").path("care").path("en").path("subject").asText());

        APIGatewayV2HTTPResponse stale = stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates")
                .json(templatesBody(version, changed)));
        assertEquals(409, stale.getStatusCode(), stale.getBody());
        assertEquals(StaleSettingsException.TYPE, json(stale).path("type").asText());

        JsonNode history = json(stack.as("manager", ApiEvents.request("GET", "/v1/admin/messaging/templates/history").query("limit", "1")));
        assertEquals(version + 1, history.path("items").get(0).path("version").asInt());
        assertTrue(history.path("items").get(0).path("templates").has("care"));
        assertEquals(version, history.path("items").get(1).path("version").asInt(), history.toString());
        assertTrue(audited("messaging.templates.change", "v" + (version + 1)));
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingItsFieldAndSavesNothing() {
        JsonNode before = json(stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/templates")));
        ObjectNode changed = defaults();
        ((ObjectNode) changed.path("care").path("en")).put("body", "Hello {{nickname}}, your {{points}} points");
        APIGatewayV2HTTPResponse response = stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates")
                .json(templatesBody(before.path("version").asInt(), changed)));
        refused("templates.care.en.body", response);
        assertTrue(json(response).path("errors").toString().contains("{{points}}"), response.getBody());
        assertEquals(before.path("version"), json(stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/templates"))).path("version"));
    }

    @Test
    void thePolicyIsChangedByAdminsOnlyAndItsFieldsAreChecked() {
        JsonNode current = json(stack.as("manager", ApiEvents.request("GET", "/v1/admin/messaging/policy")));
        int version = current.path("version").asInt();
        assertEquals(2, current.path("policy").path("capCount").asInt());
        String body = "{\"basedOn\":" + version + ",\"policy\":{\"capCount\":3,\"capDays\":7,\"quietStart\":\"22:00\",\"quietEnd\":\"08:00\","
                + "\"webhookUrl\":\"https://brand.example.com/hook\",\"webhookKinds\":[\"care\"]}}";
        assertEquals(403, stack.as("manager", ApiEvents.request("PUT", "/v1/admin/messaging/policy").json(body)).getStatusCode());
        refused("policy.capCount", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json(body.replace("\"capCount\":3", "\"capCount\":-1"))));
        refused("policy.webhookUrl", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json(body.replace("https://brand.example.com/hook", "http://brand.example.com/hook"))));
        APIGatewayV2HTTPResponse loopback = stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json(body.replace("https://brand.example.com/hook", "http://127.0.0.1:9000/hook")));
        assertEquals(201, loopback.getStatusCode(), loopback.getBody());
        assertEquals(version + 1, json(loopback).path("version").asInt());
        assertEquals(409, stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy").json(body)).getStatusCode());
        JsonNode history = json(stack.as("manager", ApiEvents.request("GET", "/v1/admin/messaging/policy/history")));
        assertEquals(3, history.path("items").get(0).path("policy").path("capCount").asInt());
        assertEquals(0, history.path("items").get(history.path("items").size() - 1).path("version").asInt());
        assertTrue(audited("messaging.policy.change", "v" + (version + 1)));
    }

    @Test
    void aPreviewRendersSampleValuesOrTheNamedMembersNickname() {
        JsonNode sample = json(stack.as("manager", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"care\",\"locale\":\"en\"}")));
        assertTrue(sample.path("subject").asText().endsWith("Xiao Ming"), sample.toString());
        assertTrue(sample.path("text").asText().contains("45 days"), sample.toString());
        assertTrue(sample.path("text").asText().contains("https://fans.example.com/unsubscribe.html#sample"), "marketing carries its link");
        assertTrue(sample.path("html").asText().startsWith("<!doctype html>"));
        assertTrue(sample.path("smsSegments").asInt() >= 1);
        JsonNode zh = json(stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"welcome\",\"locale\":\"zh-CN\"}")));
        assertEquals("欢迎加入社区，小明", zh.path("subject").asText());

        String memberId = stack.member("Zhou Jie", false);
        JsonNode named = json(stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"tier_changed\",\"locale\":\"en\",\"memberId\":\"" + memberId + "\","
                        + "\"template\":{\"subject\":\"{{nickname}} is {{tier}}\",\"body\":\"Now {{tier}}\",\"sms\":\"{{tier}}\"}}")));
        assertEquals("Zhou Jie is Gold", named.path("subject").asText(), named.toString());

        refused("template.body", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"welcome\",\"locale\":\"en\",\"template\":{\"subject\":\"Hi\",\"body\":\"{{points}}\",\"sms\":\"Hi\"}}")));
        refused("kind", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"newsletter\",\"locale\":\"en\"}")));
        refused("locale", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"welcome\",\"locale\":\"fr\"}")));
        assertEquals(404, stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"welcome\",\"locale\":\"en\",\"memberId\":\"m_ffff\"}")).getStatusCode());
    }

    @Test
    void theWebhookSecretIsShownOnceAndNeverAudited() {
        assertEquals(404, stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/webhook-secret")).getStatusCode());
        APIGatewayV2HTTPResponse created = stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/webhook-secret"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String secret = json(created).path("secret").asText();
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
        APIGatewayV2HTTPResponse shown = stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/webhook-secret"));
        assertEquals(200, shown.getStatusCode());
        assertEquals(json(created).path("createdAt"), json(shown).path("createdAt"));
        assertFalse(shown.getBody().contains(secret), "the secret is shown only when made");
        assertEquals(List.of("createdAt"), iterable(json(shown).fieldNames()));
        assertTrue(audited("messaging.webhook-secret.create", "webhook"));
        assertFalse(auditText().contains(secret), "the audit names no secret");
        // The sender signs with exactly what was shown.
        WebhookSecrets secrets = new WebhookSecrets(stack.dynamo.client(), "ConfigTable", stack.cipher, MessagingStack.CLOCK);
        assertEquals(secret, new String(secrets.current().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(403, stack.as("manager", ApiEvents.request("POST", "/v1/admin/messaging/webhook-secret")).getStatusCode());
    }

    @Test
    void oneClickWithdrawsMarketingOnceHoweverOftenItIsClicked() {
        String memberId = stack.member("Li Na", true);
        Message care = stack.sentCare(memberId, "dormant:2026-11-20", "We miss you, Li Na", "Hello Li Na");
        String token = stack.tokenOf(care.messageId());
        long before = unsubscribedToday();

        APIGatewayV2HTTPResponse first = stack.click(token, "203.0.113.1", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals("{\"unsubscribed\":true,\"kind\":\"care\"}", first.getBody());
        APIGatewayV2HTTPResponse second = stack.click(token, "203.0.113.1", null, null);
        assertEquals(first.getBody(), second.getBody(), "a second click answers the same");
        APIGatewayV2HTTPResponse fromThePage = stack.click(token, "203.0.113.1", "application/json", "{}");
        assertEquals(200, fromThePage.getStatusCode(), fromThePage.getBody());

        List<ConsentEntry> marketing = marketingLedger(memberId);
        assertEquals(2, marketing.size(), "the grant and one withdrawal: " + marketing);
        ConsentEntry withdrawal = marketing.stream().filter(e -> !e.granted()).findFirst().orElseThrow();
        assertEquals("unsubscribe-link", withdrawal.source());
        assertEquals("member", withdrawal.actor());
        assertFalse(stack.members.profile(memberId).orElseThrow().consents().get("marketing").granted());
        assertEquals(1, stack.events.of(ConsentChanged.class).stream().filter(e -> e.memberId().equals(memberId)).count());
        assertEquals(before + 1, unsubscribedToday(), "counted once in the day's figures");
    }

    @Test
    void aForgedOrMalformedTokenIsRefusedAndWritesNothing() {
        String memberId = stack.member("Wang Fang", true);
        String token = stack.tokenOf(stack.sentCare(memberId, "dormant:2026-11-19", "s", "b").messageId());
        List<Integer> before = stack.counts();
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(9));
        raw[raw.length - 1] ^= 1;
        String forged = token.substring(0, 9) + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        APIGatewayV2HTTPResponse response = stack.click(forged, "203.0.113.2", null, null);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals(404, stack.click("zzzzzzzz" + token.substring(8), "203.0.113.2", null, null).getStatusCode(), "an unknown key id");
        refused("token", stack.click(token + "x", "203.0.113.2", null, null));
        refused("token", stack.click("../../etc", "203.0.113.2", null, null));
        refused("List-Unsubscribe", stack.click(token, "203.0.113.2", "application/x-www-form-urlencoded", "List-Unsubscribe=All"));
        refused("List-Unsubscribe", stack.click(token, "203.0.113.2", "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click&all=yes"));
        refused("List-Unsubscribe", stack.click(token, "203.0.113.2", "application/json", "{\"List-Unsubscribe\":\"Everything\"}"));
        refused("body", stack.click(token, "203.0.113.2", "application/json", "[1]"));
        refused("List-Unsubscribe", stack.click(token, "203.0.113.2", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nOne-Click\r\n--b--"));
        assertEquals(415, stack.click(token, "203.0.113.2", "text/plain", "please").getStatusCode());
        assertEquals(before, stack.counts(), "a refused unsubscribe wrote");
        assertTrue(stack.members.profile(memberId).orElseThrow().consents().get("marketing").granted());
    }

    @Test
    void theMultipartFormMailClientsMaySendIsTaken() {
        String memberId = stack.member("Chen Yu", true);
        String token = stack.tokenOf(stack.sentCare(memberId, "dormant:2026-11-18", "s", "b").messageId());
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xyz--\r\n";
        APIGatewayV2HTTPResponse response = stack.click(token, "203.0.113.3", "multipart/form-data; boundary=xyz", body);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertFalse(stack.members.profile(memberId).orElseThrow().consents().get("marketing").granted());
    }

    @Test
    void aMemberWhoseMembershipEndedIsToldTheSameAndNothingIsWritten() {
        String memberId = stack.member("Liu Yang", true);
        String token = stack.tokenOf(stack.sentCare(memberId, "dormant:2026-11-17", "s", "b").messageId());
        var profile = stack.members.profile(memberId).orElseThrow();
        stack.members.changeStatus(profile, com.fanops.members.domain.MemberStatus.LEFT, "member left", null, "member",
                MessagingStack.CLOCK.instant(), List.of());
        List<Integer> before = stack.counts();
        APIGatewayV2HTTPResponse response = stack.click(token, "203.0.113.4", null, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, marketingLedger(memberId).size());
        // Only the client's rate-limit window may have been counted.
        assertEquals(before.subList(0, 5), stack.counts().subList(0, 5));
    }

    @Test
    void unsubscribesPastTheClientLimitAreRefusedWithoutWriting() {
        String memberId = stack.member("Zhao Lei", true);
        String token = stack.tokenOf(stack.sentCare(memberId, "dormant:2026-11-16", "s", "b").messageId());
        int status = 200;
        int calls = 0;
        while (status == 200 && calls < 20) {
            status = stack.click(token, "198.51.100.7", null, null).getStatusCode();
            calls++;
        }
        assertEquals(429, status);
        assertEquals(6, calls, "five in the window, the sixth refused");
        List<Integer> before = stack.counts();
        APIGatewayV2HTTPResponse refused = stack.click(token, "198.51.100.7", null, null);
        assertEquals(429, refused.getStatusCode());
        assertTrue(refused.getHeaders().containsKey("retry-after"));
        assertEquals(before, stack.counts());
        assertEquals(200, stack.click(token, "198.51.100.8", null, null).getStatusCode(), "another client is not limited");
    }

    @Test
    void theLogShowsContentToEditorsMetadataToAgentsAndNoMemberToAnalysts() {
        String memberId = stack.member("Sun Mei", true);
        Message sent = stack.sentCare(memberId, "dormant:2026-11-15", "We miss you, Sun Mei", "Hello Sun Mei, come back");
        String path = "/v1/admin/messages/{messageId}";
        JsonNode forManager = json(stack.as("manager", ApiEvents.request("GET", path, sent.messageId())));
        assertEquals("We miss you, Sun Mei", forManager.path("content").path("subject").asText(), forManager.toString());
        assertEquals("Hello Sun Mei, come back", forManager.path("content").path("body").asText());
        assertEquals("marketing", forManager.path("basis").path("purpose").asText());
        assertEquals(List.of("queued", "sending", "sent"), forManager.path("history").findValuesAsText("status"));
        JsonNode forAgent = json(stack.as("agent", ApiEvents.request("GET", path, sent.messageId())));
        assertEquals(memberId, forAgent.path("memberId").asText());
        assertFalse(forAgent.has("content"), forAgent.toString());
        assertEquals(403, stack.as("analyst", ApiEvents.request("GET", path, sent.messageId())).getStatusCode());
        assertEquals(404, stack.as("admin", ApiEvents.request("GET", path, "msg_" + "0".repeat(32))).getStatusCode());

        JsonNode day = json(stack.as("analyst", ApiEvents.request("GET", "/v1/admin/messaging/messages").query("day", "2026-11-22")
                .query("kind", "care").query("status", "sent").query("channel", "email")));
        assertFalse(day.path("items").isEmpty(), day.toString());
        day.path("items").forEach(i -> assertFalse(i.has("memberId") || i.has("cause"), i.toString()));
        JsonNode dayForAgent = json(stack.as("agent", ApiEvents.request("GET", "/v1/admin/messaging/messages").query("day", "2026-11-22")));
        assertTrue(dayForAgent.path("items").findValuesAsText("memberId").contains(memberId));
        assertTrue(json(stack.as("agent", ApiEvents.request("GET", "/v1/admin/messaging/messages").query("day", "2026-11-21")))
                .path("items").isEmpty());

        JsonNode ofMember = json(stack.as("agent", ApiEvents.request("GET", "/v1/admin/members/{memberId}/messages", memberId)));
        assertEquals(List.of(sent.messageId()), ofMember.path("items").findValuesAsText("messageId"));
        assertEquals(404, stack.as("agent", ApiEvents.request("GET", "/v1/admin/members/{memberId}/messages", "m_fff")).getStatusCode());

        stack.log.forget(memberId);
        JsonNode erased = json(stack.as("admin", ApiEvents.request("GET", path, sent.messageId())));
        assertTrue(erased.has("content") && erased.path("content").isNull(), erased.toString());
    }

    @Test
    void theDaysFiguresCountByKindWithTheirRates() {
        String memberId = stack.member("He Ping", true);
        Message sent = stack.sentCare(memberId, "dormant:2026-11-14", "s", "b");
        JsonNode before = json(stack.as("analyst", ApiEvents.request("GET", "/v1/admin/messaging/stats").query("day", "2026-11-22")));
        stack.log.reported(sent, com.fanops.messaging.domain.DeliveryStatus.DELIVERED, null, MessagingStack.CLOCK.instant());
        JsonNode after = json(stack.as("analyst", ApiEvents.request("GET", "/v1/admin/messaging/stats").query("day", "2026-11-22")));
        assertEquals("2026-11-22", after.path("day").asText());
        JsonNode care = after.path("byKind").path("care");
        assertEquals(before.path("byKind").path("care").path("delivered").asLong() + 1, care.path("delivered").asLong());
        assertEquals(0, after.path("byKind").path("welcome").path("sent").asLong(), "every kind is listed");
        assertEquals(List.of("requested", "sent", "delivered", "bounced", "complained", "failed", "suppressed", "deferred"),
                iterable(care.fieldNames()));
        long sentAll = 0;
        long delivered = 0;
        for (JsonNode k : (Iterable<JsonNode>) () -> after.path("byKind").elements()) {
            sentAll += k.path("sent").asLong();
            delivered += k.path("delivered").asLong();
        }
        assertEquals((double) delivered / sentAll, after.path("deliveryRate").asDouble(), 1e-9);
        assertEquals(403, stack.as("agent", ApiEvents.request("GET", "/v1/admin/messaging/stats")).getStatusCode());
    }

    @Test
    void aSuppressedAddressIsListedAndTakenOffByAnAdminOnce() {
        Suppressions suppressions = new Suppressions(stack.dynamo.client(), "MessagesTable", new CapacityMeter());
        String index = stack.cipher.blindIndex("bounced@example.cn");
        suppressions.add(index, "bounce", MessagingStack.CLOCK.instant(), null, null);
        JsonNode list = json(stack.as("manager", ApiEvents.request("GET", "/v1/admin/messaging/suppressions")));
        assertTrue(list.path("items").findValuesAsText("contactIndex").contains(index), list.toString());
        String path = "/v1/admin/messaging/suppressions/{contactIndex}";
        assertEquals(403, stack.as("manager", ApiEvents.request("DELETE", path, index)).getStatusCode());
        assertEquals(200, stack.as("admin", ApiEvents.request("DELETE", path, index)).getStatusCode());
        assertFalse(suppressions.has(index));
        assertEquals(404, stack.as("admin", ApiEvents.request("DELETE", path, index)).getStatusCode());
        assertTrue(audited("messaging.suppression.remove", index));
    }

    private static long unsubscribedToday() {
        return json(stack.as("admin", ApiEvents.request("GET", "/v1/admin/messaging/stats").query("day", "2026-11-22")))
                .path("unsubscribed").asLong();
    }

    private static boolean audited(String action, String target) {
        return stack.dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .anyMatch(i -> action.equals(i.get("action").s()) && target.equals(i.get("target").s()));
    }

    private static String auditText() {
        return stack.dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
