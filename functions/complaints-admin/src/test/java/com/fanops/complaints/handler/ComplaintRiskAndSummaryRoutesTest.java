package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The risk settings, a ticket's risk reasons and the monthly summary through the operators' routes, on DynamoDB Local. */
class ComplaintRiskAndSummaryRoutesTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;
    ComplaintsAdminHandler handler;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
        handler = new ComplaintsAdminHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "AuditTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.ZONE, h.clock);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    APIGatewayV2HTTPResponse call(ApiEvents e, String role) {
        e.operator(role + "@fanops.local", List.of(role));
        return handler.handleRequest(e.build(), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    Ticket file(String contact, String description) {
        h.intake.submit(new ComplaintForm("Han Meimei", contact, "en", null, "product", description, null, null), "k-" + contact, null,
                "1.2.3.4");
        return h.drain();
    }

    @Test
    void theRiskRulesAreAVersionedSettingOnlyAdminsChange() throws Exception {
        var risk = call(ApiEvents.request("GET", "/v1/admin/complaint-settings/{name}", "risk"), "agent");
        assertEquals(200, risk.getStatusCode(), risk.getBody());
        assertEquals(0, json(risk).get("version").asInt());
        assertEquals(3.0, json(risk).get("risk").get("spikeFactor").asDouble());
        assertEquals("gold", json(risk).get("risk").get("lowScoreTier").asText());
        String body = "{\"basedOn\":0,\"risk\":{\"keywords\":[\"媒体\",\"viral\"],\"spikeFactor\":2.5,\"spikeMinimum\":4,"
                + "\"repeatCount\":3,\"repeatDays\":30,\"lowScoreTier\":\"silver\",\"lowScore\":2}}";
        assertEquals(403, call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "risk").json(body), "manager").getStatusCode());
        var bad = call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "risk").json(body.replace("\"repeatDays\":30",
                "\"repeatDays\":0")), "admin");
        assertEquals(400, bad.getStatusCode());
        assertEquals("risk.repeatDays", json(bad).get("errors").get(0).get("field").asText());
        var saved = call(ApiEvents.request("PUT", "/v1/admin/complaint-settings/{name}", "risk").json(body), "admin");
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        assertEquals("silver", json(saved).get("risk").get("lowScoreTier").asText());
        var history = call(ApiEvents.request("GET", "/v1/admin/complaint-settings/{name}/history", "risk"), "agent");
        assertEquals(2, json(history).get("items").size());
    }

    @Test
    void aFlaggedTicketCarriesItsReasonsAndAnUnflaggedOneNone() throws Exception {
        Ticket flagged = file("a@example.com", "A journalist will hear of this.");
        Ticket plain = file("b@example.com", "Broken.");
        var queue = json(call(ApiEvents.request("GET", "/v1/admin/complaints").query("status", "acknowledged"), "analyst"));
        for (JsonNode line : queue.get("items")) {
            if (line.get("ticketId").asText().equals(flagged.ticketId())) {
                assertEquals("[\"keyword\"]", line.get("risk").toString());
            } else {
                assertEquals(plain.ticketId(), line.get("ticketId").asText());
                assertFalse(line.has("risk"), "left out when empty");
            }
        }
        var whole = json(call(ApiEvents.request("GET", "/v1/admin/complaints/{ticketId}", flagged.ticketId()), "agent"));
        assertEquals("risk_flagged", whole.get("history").get(1).get("action").asText());
    }

    @Test
    void theMonthlySummaryIsForAllFourRolesWithoutPersonalDataAsJsonOrCsv() throws Exception {
        file("a@example.com", "Han Meimei's order is broken.");
        for (String role : List.of("agent", "manager", "admin", "analyst")) {
            var r = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("month", "2026-11"), role);
            assertEquals(200, r.getStatusCode(), r.getBody());
            assertEquals("2026-11", json(r).get("month").asText());
            assertEquals(1, json(r).get("total").get("received").asInt());
            assertEquals("product", json(r).get("categories").get(0).get("category").asText());
            assertEquals(1, json(r).get("categories").get(0).get("openAtMonthEnd").asInt());
            assertFalse(r.getBody().contains("Han Meimei") || r.getBody().contains("a@example.com"), r.getBody());
        }
        var csv = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("month", "2026-11").query("format", "csv"), "analyst");
        assertEquals(200, csv.getStatusCode());
        assertTrue(csv.getHeaders().get("content-type").startsWith("text/csv"), csv.getHeaders().toString());
        assertTrue(csv.getBody().startsWith("\uFEFFcategory,received,"), csv.getBody());
        assertTrue(csv.getHeaders().get("content-disposition").contains("complaints-2026-11.csv"));
        for (String bad : List.of("2026-13", "26-11", "2026-11-01", "2030-01")) {
            var r = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("month", bad), "analyst");
            assertEquals(400, r.getStatusCode(), bad);
            assertEquals("month", json(r).get("errors").get(0).get("field").asText(), bad);
        }
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("format", "xlsx"), "analyst").getStatusCode());
    }

    @Test
    void theWeeklyReviewReadsTheSummaryOfAnIsoWeek() throws Exception {
        var now = LocalDate.ofInstant(NOW, ComplaintsHarness.ZONE);
        String thisWeek = String.format("%d-W%02d", now.get(IsoFields.WEEK_BASED_YEAR), now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        file("w@example.com", "The parcel came late this week.");
        var r = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("week", thisWeek), "analyst");
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(thisWeek, json(r).get("week").asText());
        assertTrue(json(r).get("total").get("received").asInt() >= 1, r.getBody());
        var monday = now.with(java.time.DayOfWeek.MONDAY);
        assertEquals(monday.atStartOfDay(ComplaintsHarness.ZONE).toInstant().toString(), json(r).get("from").asText());
        var before = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("week", "2020-W53"), "analyst");
        assertEquals(200, before.getStatusCode(), "2020 has 53 ISO weeks");
        assertEquals(0, json(before).get("total").get("received").asInt());
        for (String bad : List.of("2021-W53", "2026-W00", "2026-W99", "2026-48", "1999-W52", "0000-W01", "2099-W01", "2026-W4")) {
            var refused = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("week", bad), "analyst");
            assertEquals(400, refused.getStatusCode(), bad);
            assertEquals("week", json(refused).get("errors").get(0).get("field").asText(), bad);
        }
        var both = call(ApiEvents.request("GET", "/v1/admin/complaint-summary").query("week", thisWeek).query("month", "2026-11"), "analyst");
        assertEquals(400, both.getStatusCode());
    }
}
