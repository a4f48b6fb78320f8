package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operators' routes against DynamoDB Local: roles, the work on a ticket, refusals that write nothing, settings. */
class ComplaintsAdminHandlerTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;
    ComplaintsAdminHandler handler;
    Ticket ticket;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
        handler = new ComplaintsAdminHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "AuditTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.ZONE, h.clock);
        h.intake.submit(new ComplaintForm("Han Meimei", "han@example.com", "en", null, "product", "Broken on arrival.", null, null), "k",
                null, "1.2.3.4");
        ticket = h.drain();
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

    ApiEvents on(String method, String suffix) {
        return ApiEvents.request(method, "/v1/admin/complaints/{ticketId}" + suffix, ticket.ticketId());
    }

    @Test
    void agentsSeeTheWholeTicketAndAnalystsASummaryWithoutPersonalData() throws Exception {
        var agent = call(on("GET", ""), "agent");
        assertEquals(200, agent.getStatusCode(), agent.getBody());
        assertEquals("Han Meimei", json(agent).get("name").asText());
        assertEquals("han@example.com", json(agent).get("contact").get("value").asText());
        assertEquals("running", json(agent).get("sla").get("state").asText());
        var analyst = call(on("GET", ""), "analyst");
        assertEquals(200, analyst.getStatusCode());
        for (String secret : List.of("Han Meimei", "han@example.com", "Broken on arrival")) {
            assertFalse(analyst.getBody().contains(secret), analyst.getBody());
        }
        var queue = call(ApiEvents.request("GET", "/v1/admin/complaints").query("status", "acknowledged"), "analyst");
        assertEquals(ticket.ticketNumber(), json(queue).get("items").get(0).get("ticketNumber").asText());
        assertEquals(401, call(on("GET", ""), null).getStatusCode());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/complaints").query("status", "sleeping"), "agent").getStatusCode());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/complaints/{ticketId}", "nope"), "agent").getStatusCode());
        assertEquals(404, call(ApiEvents.request("GET", "/v1/admin/complaints/{ticketId}", "t_0000000000000000000000ff"), "agent").getStatusCode());
    }

    @Test
    void anAgentWorksTheTicketToResolution() throws Exception {
        assertEquals(200, call(on("POST", "/assignee").json("{\"assignee\":\"agent@fanops.local\"}"), "agent").getStatusCode());
        var reply = call(on("POST", "/replies").json("{\"text\":\"We are on it.\"}"), "agent");
        assertEquals(200, reply.getStatusCode(), reply.getBody());
        assertEquals("investigating", json(reply).get("status").asText());
        assertEquals("ticket_reply", h.sent.get(1).kind());
        assertEquals(ticket.ticketId(), h.sent.get(1).ticketId(), "a complainant who is no member is written to as the ticket's recipient");
        assertEquals(200, call(on("POST", "/record").json("{\"responsibleParty\":\"warehouse\",\"findings\":\"Packed badly.\"}"), "manager")
                .getStatusCode());
        var resolved = call(on("POST", "/resolve").json("{\"resolution\":\"Replaced.\",\"upheld\":true,\"rectification\":\"Packing training\"}"),
                "agent");
        assertEquals(200, resolved.getStatusCode(), resolved.getBody());
        assertEquals("resolved", json(resolved).get("status").asText());
        assertEquals(1, h.bus.of(ComplaintResolved.class).size());
        assertEquals(403, call(on("POST", "/reopen"), "analyst").getStatusCode());
        assertEquals(200, call(on("POST", "/reopen"), "agent").getStatusCode());
        assertEquals(5, h.items("AuditTable"), "assign, reply, record, resolve, reopen; the refused reopen is not audited");
    }

    @Test
    void aTransitionNotAllowedIsA409AndBadBodiesAre400sAndNothingIsWritten() throws Exception {
        long before = h.tickets.history(ticket.ticketId()).size();
        var closed = call(on("POST", "/status").json("{\"status\":\"closed\"}"), "agent");
        assertEquals(409, closed.getStatusCode());
        assertEquals("status", json(closed).get("errors").get(0).get("field").asText());
        var unknown = call(on("POST", "/status").json("{\"status\":\"sleeping\"}"), "agent");
        assertEquals(400, unknown.getStatusCode());
        var noUpheld = call(on("POST", "/resolve").json("{\"resolution\":\"x\"}"), "agent");
        assertEquals("upheld", json(noUpheld).get("errors").get(0).get("field").asText());
        var extra = call(on("POST", "/replies").json("{\"text\":\"x\",\"cc\":\"boss\"}"), "agent");
        assertEquals(400, extra.getStatusCode());
        assertEquals(before, h.tickets.history(ticket.ticketId()).size());
        assertEquals(0, h.items("AuditTable"));
    }

    @Test
    void adminsChangeTheVersionedSettingsAndOthersCannot() throws Exception {
        var sla = call(ApiEvents.request("GET", "/v1/admin/complaint-settings/{name}", "sla"), "agent");
        assertEquals(200, sla.getStatusCode());
        assertEquals(0, json(sla).get("version").asInt());
        String body = "{\"basedOn\":0,\"calendar\":{\"timeZone\":\"Asia/Shanghai\",\"hours\":{\"monday\":[\"09:00-12:00\",\"13:00-18:00\"]},"
                + "\"holidays\":[\"2026-12-25\"],\"workdays\":[\"2026-12-27\"],\"workdayHours\":[\"09:00-17:00\"]}}";
        assertEquals(403, call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "calendar").json(body), "manager").getStatusCode());
        var saved = call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "calendar").json(body), "admin");
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        assertEquals(1, json(saved).get("version").asInt());
        assertEquals(409, call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "calendar").json(body), "admin").getStatusCode());
        var bad = call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "calendar")
                .json(body.replace("\"basedOn\":0", "\"basedOn\":1").replace("13:00-18:00", "11:00-18:00")), "admin");
        assertEquals(400, bad.getStatusCode());
        assertEquals("calendar.hours.monday[1]", json(bad).get("errors").get(0).get("field").asText());
        var history = call(ApiEvents.request("GET", "/v1/admin/complaint-settings/{name}/history", "calendar"), "agent");
        assertEquals(2, json(history).get("items").size());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/complaint-settings/{name}", "weather"), "agent").getStatusCode());
    }

    @Test
    void theDaysSatisfactionFigures() throws Exception {
        var stats = call(ApiEvents.request("GET", "/v1/admin/complaint-stats").query("day", "2026-11-24"), "analyst");
        assertEquals(200, stats.getStatusCode());
        assertFalse(json(stats).has("csat"), "no answers: no csat (fields without a value are left out)");
        assertEquals(0, json(stats).get("answers").asInt());
    }
}
