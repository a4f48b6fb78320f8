package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pulse routes of the operators' function: who may start and read, the answers' shape, refusals that write nothing. */
class PulseAdminRoutesTest {

    ComplaintsHarness h;
    ComplaintsAdminHandler handler;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(Instant.parse("2026-11-24T02:00:00Z"));
        handler = new ComplaintsAdminHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "AuditTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.ZONE, h.clock);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    APIGatewayV2HTTPResponse call(ApiEvents e, String role) {
        if (role != null) {
            e.operator(role + "@fanops.local", List.of(role));
        }
        return handler.handleRequest(e.build(), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void managersStartAPulseAndEveryRoleReadsIt() throws Exception {
        var started = call(ApiEvents.request("POST", "/v1/admin/pulses")
                .json("{\"sampleSize\": 300, \"question\": {\"zh-CN\": \"您喜欢我们的社区吗？\", \"en\": \"Do you like our community?\"}}"), "manager");
        assertEquals(202, started.getStatusCode(), started.getBody());
        String pulseId = json(started).get("pulseId").asText();
        assertTrue(pulseId.matches("p_[0-9a-f]{24}"), pulseId);
        assertEquals("sampling", json(started).get("status").asText());
        assertEquals("2026-12-01T02:00:00Z", json(started).get("closesAt").asText(), "7 days by default");
        assertEquals(1, h.items("AuditTable"), "the start is audited");

        for (String role : List.of("admin", "manager", "agent", "analyst")) {
            var list = call(ApiEvents.request("GET", "/v1/admin/pulses"), role);
            assertEquals(200, list.getStatusCode(), role);
            assertEquals(pulseId, json(list).get("items").get(0).get("pulseId").asText());
            var one = call(ApiEvents.request("GET", "/v1/admin/pulses/{pulseId}", pulseId), role);
            assertEquals("Do you like our community?", json(one).get("question").get("en").asText());
            assertEquals(0, json(one).get("answered").asLong());
            assertTrue(json(one).get("distribution").has("5"));
        }
        assertEquals(404, call(ApiEvents.request("GET", "/v1/admin/pulses/{pulseId}", "p_0000000000000000000000ff"), "agent").getStatusCode());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/pulses/{pulseId}", "nope"), "agent").getStatusCode());
    }

    @Test
    void agentsAndAnalystsCannotStartOneAndBadInputNamesItsField() throws Exception {
        long before = h.items("ComplaintsTable");
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/pulses").json("{\"sampleSize\": 10}"), "agent").getStatusCode());
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/pulses").json("{\"sampleSize\": 10}"), "analyst").getStatusCode());
        assertEquals(401, call(ApiEvents.request("POST", "/v1/admin/pulses").json("{\"sampleSize\": 10}"), null).getStatusCode());
        var big = call(ApiEvents.request("POST", "/v1/admin/pulses").json("{\"sampleSize\": 10001, \"closesInDays\": 0}"), "admin");
        assertEquals(400, big.getStatusCode());
        assertEquals("application/problem+json", big.getHeaders().get("content-type"));
        assertEquals("sampleSize", json(big).get("errors").get(0).get("field").asText());
        assertEquals("closesInDays", json(big).get("errors").get(1).get("field").asText());
        var unknown = call(ApiEvents.request("POST", "/v1/admin/pulses").json("{\"sampleSize\": 10, \"members\": [\"m_1\"]}"), "admin");
        assertEquals(400, unknown.getStatusCode(), unknown.getBody());
        assertEquals(before, h.items("ComplaintsTable"));
        assertEquals(0, h.items("AuditTable"));
    }
}
