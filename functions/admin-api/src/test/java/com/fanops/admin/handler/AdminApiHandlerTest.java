package com.fanops.admin.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.core.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminApiHandlerTest {

    private final AdminApiHandler handler = new AdminApiHandler();

    private JsonNode me(List<String> groups) throws Exception {
        var response = handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").operator("op@brand.cn", groups).build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void analystSeesMetricsOnlyAndNoPersonalData() throws Exception {
        JsonNode me = me(List.of("analyst"));
        assertEquals("[\"metrics\"]", me.path("areas").toString());
        assertEquals(false, me.path("seesPersonalData").asBoolean());
        assertEquals("op@brand.cn", me.path("username").asText());
    }

    @Test
    void adminOpensEveryArea() throws Exception {
        assertEquals(7, me(List.of("admin")).path("areas").size());
    }

    @Test
    void agentWorksComplaintsAndMembers() throws Exception {
        assertEquals("[\"members\",\"complaints\"]", me(List.of("agent")).path("areas").toString());
    }

    @Test
    void signedInWithoutAnyFanopsGroupIsForbiddenAndAnonymousUnauthorized() {
        assertEquals(403, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").operator("x@y", List.of("other")).build(), null)
                .getStatusCode());
        assertEquals(401, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/me").build(), null).getStatusCode());
    }
}
