package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminApiHandlerTest {

    private static com.fanops.testing.LocalDynamo dynamo;
    private static AdminApiHandler handler;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        dynamo = com.fanops.testing.LocalDynamo.start();
        dynamo.createTablesFromTemplate(java.nio.file.Path.of("../../template.yaml"));
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable", detail -> { },
                java.time.ZoneId.of("Asia/Shanghai"), java.time.Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void onlyAdminsCreateChannelKeysWhichWorkUntilRevoked() throws Exception {
        var keys = new com.fanops.engagement.store.ChannelKeys(dynamo.client(), "ConfigTable", java.time.Clock.systemUTC());
        assertEquals(403, handler.handleRequest(ApiEvents.request("POST", "/v1/admin/channel-keys").operator("m@b", List.of("manager"))
                .json("{\"channel\":\"wechat\",\"name\":\"official account\"}").build(), null).getStatusCode());
        assertEquals(400, handler.handleRequest(ApiEvents.request("POST", "/v1/admin/channel-keys").operator("a@b", List.of("admin"))
                .json("{\"channel\":\"fax\",\"name\":\"x\"}").build(), null).getStatusCode());
        var created = handler.handleRequest(ApiEvents.request("POST", "/v1/admin/channel-keys").operator("a@b", List.of("admin"))
                .json("{\"channel\":\"wechat\",\"name\":\"official account\"}").build(), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode key = Json.mapper().readTree(created.getBody());
        String apiKey = key.path("apiKey").asText();
        assertEquals(java.util.Optional.of("wechat"), keys.channelFor(apiKey));
        org.junit.jupiter.api.Assertions.assertFalse(dynamo.client().scan(b -> b.tableName("ConfigTable")).items().toString().contains(apiKey),
                "only the hash is stored");
        JsonNode listed = listKeys(key.path("keyId").asText());
        assertEquals("wechat", listed.path("channel").asText());
        assertEquals("official account", listed.path("name").asText());
        assertEquals("a@b", listed.path("createdBy").asText());
        assertFalse(listed.has("revokedAt"), listed.toString());
        assertEquals(403, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/channel-keys").operator("m@b", List.of("manager")).build(), null)
                .getStatusCode());
        assertEquals(200, handler.handleRequest(ApiEvents.request("DELETE", "/v1/admin/channel-keys/{keyId}", key.path("keyId").asText())
                .operator("a@b", List.of("admin")).build(), null).getStatusCode());
        assertEquals(java.util.Optional.empty(), keys.channelFor(apiKey));
        assertTrue(listKeys(key.path("keyId").asText()).path("revokedAt").isTextual(), "the list shows when it was revoked");
        assertEquals(404, handler.handleRequest(ApiEvents.request("DELETE", "/v1/admin/channel-keys/{keyId}", "0123abcd-456")
                .operator("a@b", List.of("admin")).build(), null).getStatusCode(), "well-formed, unknown");
        assertEquals(400, handler.handleRequest(ApiEvents.request("DELETE", "/v1/admin/channel-keys/{keyId}", "nosuchkey")
                .operator("a@b", List.of("admin")).build(), null).getStatusCode(), "not a key id at all");
    }

    private JsonNode listKeys(String keyId) throws Exception {
        var response = handler.handleRequest(ApiEvents.request("GET", "/v1/admin/channel-keys").operator("a@b", List.of("admin")).build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertFalse(response.getBody().contains("fk_") || response.getBody().contains("hash"), "no key and no hash: " + response.getBody());
        for (JsonNode item : Json.mapper().readTree(response.getBody()).path("items")) {
            if (item.path("keyId").asText().equals(keyId)) {
                return item;
            }
        }
        throw new AssertionError(keyId + " not listed: " + response.getBody());
    }

    private JsonNode me(List<String> groups) throws Exception {
        var response = handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").operator("op@brand.cn", groups).build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void analystSeesMetricsRewardsAndActivitiesWithoutPersonalData() throws Exception {
        JsonNode me = me(List.of("analyst"));
        assertEquals("[\"metrics\",\"rewards\",\"activities\"]", me.path("areas").toString());
        assertEquals(false, me.path("seesPersonalData").asBoolean());
        assertEquals("op@brand.cn", me.path("username").asText());
    }

    @Test
    void adminOpensEveryArea() throws Exception {
        assertEquals(7, me(List.of("admin")).path("areas").size());
    }

    @Test
    void agentWorksComplaintsMembersAndCheckIns() throws Exception {
        assertEquals("[\"members\",\"complaints\",\"activities\"]", me(List.of("agent")).path("areas").toString());
    }

    @Test
    void signedInWithoutAnyFanopsGroupIsForbiddenAndAnonymousUnauthorized() {
        assertEquals(403, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").operator("x@y", List.of("other")).build(), null)
                .getStatusCode());
        assertEquals(401, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").build(), null).getStatusCode());
    }
}
