package com.fanops.messaging.handler;

import static com.fanops.messaging.handler.MessagingStack.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.messaging.domain.Message;
import com.fanops.testing.ApiEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every messaging route under the input contract: who may call it, and a 400 naming the field with no table touched. */
class MessagingApiInputTest {

    private static MessagingStack stack;
    private static String memberId;
    private static Message message;

    @BeforeAll
    static void start() {
        stack = new MessagingStack(null);
        memberId = stack.member("Guo Jing", true);
        message = stack.sentCare(memberId, "dormant:2026-11-21", "s", "b");
        stack.tokenOf(message.messageId());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static ApiEvents get(String path, String... values) {
        return ApiEvents.request("GET", path, values);
    }

    @Test
    void eachRouteIsOpenToItsRolesOnly() {
        String index = "A".repeat(43);
        Map<String, Supplier<ApiEvents>> routes = new LinkedHashMap<>();
        routes.put("admin manager", () -> get("/v1/admin/messaging/templates"));
        routes.put("admin manager ", () -> get("/v1/admin/messaging/templates/history"));
        routes.put("admin manager  ", () -> ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"welcome\",\"locale\":\"en\"}"));
        routes.put("admin manager   ", () -> get("/v1/admin/messaging/policy"));
        routes.put("admin manager    ", () -> get("/v1/admin/messaging/policy/history"));
        routes.put("admin manager     ", () -> get("/v1/admin/messaging/suppressions"));
        routes.put("admin manager agent analyst", () -> get("/v1/admin/messaging/messages"));
        routes.put("admin manager agent", () -> get("/v1/admin/members/{memberId}/messages", memberId));
        routes.put("admin manager agent ", () -> get("/v1/admin/messages/{messageId}", message.messageId()));
        routes.put("admin manager analyst", () -> get("/v1/admin/messaging/stats"));
        routes.put("admin", () -> get("/v1/admin/messaging/webhook-secret"));
        routes.forEach((allowed, request) -> {
            List<String> roles = List.of(allowed.strip().split(" "));
            for (String role : List.of("admin", "manager", "agent", "analyst")) {
                int status = stack.as(role, request.get()).getStatusCode();
                String what = role + " " + request.get().build().getRouteKey();
                if (roles.contains(role)) {
                    assertEquals(true, status == 200 || status == 404, what + " answered " + status);
                } else {
                    assertEquals(403, status, what);
                }
            }
            assertEquals(401, stack.anonymous(request.get()).getStatusCode(), request.get().build().getRouteKey());
        });
        List<Integer> before = stack.counts();
        for (String role : List.of("manager", "agent", "analyst")) {
            assertEquals(403, stack.as(role, ApiEvents.request("PUT", "/v1/admin/messaging/policy").json("{\"basedOn\":0}")).getStatusCode());
            assertEquals(403, stack.as(role, ApiEvents.request("POST", "/v1/admin/messaging/webhook-secret")).getStatusCode());
            assertEquals(403, stack.as(role, ApiEvents.request("DELETE", "/v1/admin/messaging/suppressions/{contactIndex}", index))
                    .getStatusCode());
        }
        for (String role : List.of("agent", "analyst")) {
            assertEquals(403, stack.as(role, ApiEvents.request("PUT", "/v1/admin/messaging/templates").json("{\"basedOn\":0}")).getStatusCode());
        }
        assertEquals(before, stack.counts(), "a refused caller wrote");
    }

    @Test
    void badInputOnEveryRouteIsA400NamingTheFieldAndWritesNothing() {
        List<Integer> before = stack.counts();
        String policy = "{\"capCount\":2,\"capDays\":7,\"quietStart\":\"21:00\",\"quietEnd\":\"09:00\",\"webhookUrl\":null,\"webhookKinds\":[]}";
        // Templates and their preview.
        refused("basedOn", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates").json("{\"templates\":{}}")));
        refused("templates", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates").json("{\"basedOn\":0}")));
        refused("templates.welcome", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates")
                .json("{\"basedOn\":0,\"templates\":{}}")));
        refused("templates.welcome.en.subjekt", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates")
                .json("{\"basedOn\":0,\"templates\":{\"welcome\":{\"en\":{\"subjekt\":\"x\"}}}}")));
        refused("basedOn", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates").json("{\"basedOn\":\"one\",\"templates\":{}}")));
        refused("body", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/templates").json("{\"basedOn\":0,")));
        refused("limit", stack.as("admin", get("/v1/admin/messaging/templates/history").query("limit", "0")));
        refused("cursor", stack.as("admin", get("/v1/admin/messaging/templates/history").query("cursor", "not a cursor")));
        refused("cursor", stack.as("admin", get("/v1/admin/messaging/templates/history").query("cursor", "QUJD")));
        refused("kind", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview").json("{\"locale\":\"en\"}")));
        refused("memberId", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"care\",\"locale\":\"en\",\"memberId\":\"../x\"}")));
        refused("template.subject", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"care\",\"locale\":\"en\",\"template\":{\"subject\":\" \",\"body\":\"b\",\"sms\":\"s\"}}")));
        refused("template.sms", stack.as("admin", ApiEvents.request("POST", "/v1/admin/messaging/templates/preview")
                .json("{\"kind\":\"care\",\"locale\":\"zh-CN\",\"template\":{\"subject\":\"s\",\"body\":\"b\",\"sms\":\"" + "字".repeat(500) + "\"}}")));
        // The policy.
        refused("policy.capDays", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json("{\"basedOn\":0,\"policy\":" + policy.replace("\"capDays\":7", "\"capDays\":0") + "}")));
        refused("policy.quietStart", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json("{\"basedOn\":0,\"policy\":" + policy.replace("21:00", "25:00") + "}")));
        refused("policy.webhookKinds[0]", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json("{\"basedOn\":0,\"policy\":" + policy.replace("\"webhookUrl\":null,\"webhookKinds\":[]",
                        "\"webhookUrl\":\"https://b.example.com\",\"webhookKinds\":[\"newsletter\"]") + "}")));
        refused("policy.webhookUrl", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json("{\"basedOn\":0,\"policy\":" + policy.replace("\"webhookUrl\":null", "\"webhookUrl\":\"ftp://b.example.com\"") + "}")));
        refused("policy", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy").json("{\"basedOn\":0}")));
        refused("policy.capCount", stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .json("{\"basedOn\":0,\"policy\":" + policy.replace("\"capCount\":2", "\"capCount\":1e400") + "}")));
        refused("limit", stack.as("admin", get("/v1/admin/messaging/policy/history").query("limit", "201")));
        assertEquals(415, stack.as("admin", ApiEvents.request("PUT", "/v1/admin/messaging/policy")
                .header("content-type", "text/plain")).getStatusCode());
        // The log.
        Map<String, List<String>> bad = Map.of("day", List.of("2026-13-01", "yesterday", "1999-12-31", "2030-01-01"),
                "kind", List.of("CARE", "newsletter"), "status", List.of("SENT", "gone"), "channel", List.of("fax", ""),
                "limit", List.of("-1", "abc", "201"), "cursor", List.of("x".repeat(600), "e30"));
        bad.forEach((name, values) -> values.forEach(value -> refused(name, stack.as("admin", get("/v1/admin/messaging/messages")
                .query(name, value)))));
        refused("memberId", stack.as("admin", get("/v1/admin/members/{memberId}/messages", "m_" + "a".repeat(3000))));
        refused("memberId", stack.as("admin", get("/v1/admin/members/{memberId}/messages", "M_123")));
        refused("cursor", stack.as("admin", get("/v1/admin/members/{memberId}/messages", memberId).query("cursor", "e30")));
        refused("messageId", stack.as("admin", get("/v1/admin/messages/{messageId}", "msg_XYZ")));
        refused("messageId", stack.as("admin", get("/v1/admin/messages/{messageId}", message.messageId() + "0")));
        refused("limit", stack.as("admin", get("/v1/admin/messaging/suppressions").query("limit", "0")));
        refused("contactIndex", stack.as("admin", ApiEvents.request("DELETE", "/v1/admin/messaging/suppressions/{contactIndex}", "x")));
        refused("contactIndex", stack.as("admin", ApiEvents.request("DELETE", "/v1/admin/messaging/suppressions/{contactIndex}",
                "SUPPRESSED#" + "A".repeat(43))));
        refused("day", stack.as("analyst", get("/v1/admin/messaging/stats").query("day", "2026-02-30")));
        assertEquals(before, stack.counts(), "a refused request wrote");
        APIGatewayV2HTTPResponse unknown = stack.as("admin", ApiEvents.request("DELETE", "/v1/admin/messaging/suppressions/{contactIndex}",
                "A".repeat(43)));
        assertEquals(404, unknown.getStatusCode());
        assertEquals(before, stack.counts(), "an unknown address wrote");
    }
}
