package com.fanops.complaints.handler;

import static com.fanops.platform.dynamo.Items.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.TicketWork;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The queue's filters (status, priority, category, assignee, SLA state, risk, member) and internal notes, on DynamoDB Local. */
class ComplaintsQueueFiltersTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    static final String MEMBER = "m_a11ce001";
    ComplaintsHarness h;
    ComplaintsAdminHandler handler;
    Ticket normal;
    Ticket urgent;
    Ticket members;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
        handler = new ComplaintsAdminHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "AuditTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.ZONE, h.clock);
        normal = file("a@example.com", null, "product", "Broken on arrival.", "k1");
        urgent = file("b@example.com", null, "delivery", "The courier injured my dog.", "k2");
        h.member(MEMBER, Tier.BRONZE);
        members = file("c@example.com", MEMBER, "service", "Rude staff.", "k3");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    Ticket file(String contact, String memberId, String category, String text, String key) {
        h.intake.submit(new ComplaintForm("Someone", contact, "en", memberId, category, text, null, null), key,
                memberId == null ? null : "Bearer token-" + memberId, "1.2.3.4");
        return h.drain();
    }

    JsonNode queue(String role, String... query) throws Exception {
        APIGatewayV2HTTPResponse r = raw(role, query);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.mapper().readTree(r.getBody());
    }

    APIGatewayV2HTTPResponse raw(String role, String... query) {
        ApiEvents e = ApiEvents.request("GET", "/v1/admin/complaints");
        for (int i = 0; i < query.length; i += 2) {
            e.query(query[i], query[i + 1]);
        }
        e.operator(role + "@fanops.local", List.of(role));
        return handler.handleRequest(e.build(), null);
    }

    static List<String> numbers(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("ticketNumber").asText()));
        return out;
    }

    /** What branch c14-sla's sweep and c14-risk's flagging keep on the ticket item (the shared contract's attributes). */
    void contractAttribute(Ticket t, String name, AttributeValue value) {
        h.dynamo.client().updateItem(b -> b.tableName("ComplaintsTable").key(key("TICKET#" + t.ticketId(), "TICKET"))
                .updateExpression("SET #a = :v").expressionAttributeNames(Map.of("#a", name)).expressionAttributeValues(Map.of(":v", value)));
    }

    @Test
    void theDefaultQueueIsEveryOpenTicketMostUrgentDeadlineFirst() throws Exception {
        JsonNode page = queue("agent");
        assertEquals("open", page.get("status").asText());
        assertEquals(urgent.ticketNumber(), numbers(page).get(0), "the urgent ticket's first response is due first");
        assertEquals(3, numbers(page).size());
        h.work.resolve(normal.ticketId(), "agent", new TicketWork.Resolution("Replaced.", true, null, null, null));
        assertFalse(numbers(queue("agent")).contains(normal.ticketNumber()), "a resolved ticket leaves the open queue");
        assertEquals(List.of(normal.ticketNumber()), numbers(queue("agent", "status", "resolved")));
    }

    @Test
    void priorityCategoryAndAssigneeNarrowTheQueue() throws Exception {
        assertEquals(List.of(urgent.ticketNumber()), numbers(queue("agent", "priority", "urgent")));
        assertEquals(List.of(members.ticketNumber()), numbers(queue("agent", "category", "service")));
        h.work.assign(normal.ticketId(), "lead", "li@fanops.local");
        assertEquals(List.of(normal.ticketNumber()), numbers(queue("agent", "assignee", "li@fanops.local")));
        assertEquals(List.of(), numbers(queue("agent", "assignee", "li@fanops.local", "status", "investigating")));
        assertEquals(List.of(normal.ticketNumber()), numbers(queue("agent", "assignee", "li@fanops.local", "status", "acknowledged",
                "category", "product", "priority", "normal")));
    }

    @Test
    void slaStateAndRiskFilterOnTheContractsAttributesAMissingOneReadingAsOkAndNone() throws Exception {
        contractAttribute(urgent, "slaState", AttributeValue.fromS("breached"));
        contractAttribute(members, "risk", AttributeValue.fromL(List.of(AttributeValue.fromS("keyword"))));
        contractAttribute(normal, "risk", AttributeValue.fromL(List.of()));
        assertEquals(List.of(urgent.ticketNumber()), numbers(queue("agent", "sla", "breached")));
        assertEquals(2, numbers(queue("agent", "sla", "ok")).size(), "no slaState yet is ok");
        assertFalse(numbers(queue("agent", "sla", "ok")).contains(urgent.ticketNumber()));
        assertEquals(List.of(members.ticketNumber()), numbers(queue("analyst", "risk", "true")), "an empty risk list is no risk");
    }

    @Test
    void aMembersTicketsNewestFirstWhateverTheirStatusWithAll() throws Exception {
        h.clock.advance(java.time.Duration.ofMinutes(1)); // newer by its receipt time, not by its (random) id
        Ticket second = file("c@example.com", MEMBER, "product", "Again broken.", "k4");
        assertEquals(List.of(second.ticketNumber(), members.ticketNumber()), numbers(queue("agent", "memberId", MEMBER)));
        h.work.resolve(members.ticketId(), "agent", new TicketWork.Resolution("Sorry.", false, null, null, null));
        assertEquals(List.of(second.ticketNumber()), numbers(queue("agent", "memberId", MEMBER)), "open by default");
        assertEquals(List.of(second.ticketNumber(), members.ticketNumber()), numbers(queue("agent", "memberId", MEMBER, "status", "all")));
        assertEquals(List.of(), numbers(queue("agent", "memberId", "m_0000beef", "status", "all")));
    }

    @Test
    void pagesFollowTheCursorWithoutLossOrRepeat() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null ? queue("agent", "limit", "1") : queue("agent", "limit", "1", "cursor", cursor);
            seen.addAll(numbers(page));
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of(urgent.ticketNumber(), normal.ticketNumber(), members.ticketNumber()).size(), seen.size());
        assertEquals(numbers(queue("agent")), seen);
        JsonNode filtered = queue("agent", "category", "service", "limit", "1");
        assertEquals(List.of(members.ticketNumber()), numbers(filtered));
        assertNull(filtered.get("next"), "the last match ends the list");
    }

    @Test
    void badFilterValuesAre400sNamingTheField() throws Exception {
        String[][] bad = {{"status", "sleeping"}, {"priority", "asap"}, {"category", "weather"}, {"sla", "red"}, {"risk", "yes"},
                {"memberId", "han@example.com"}, {"assignee", "x".repeat(121)}, {"limit", "0"}, {"cursor", "bm9wZQ"}, {"status", "all"}};
        for (String[] q : bad) {
            APIGatewayV2HTTPResponse r = raw("agent", q[0], q[1]);
            assertEquals(400, r.getStatusCode(), q[0] + "=" + q[1] + ": " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("content-type"));
            assertEquals(q[0], Json.mapper().readTree(r.getBody()).get("errors").get(0).get("field").asText(), r.getBody());
        }
        String openCursor = queue("agent", "limit", "1").get("next").asText();
        assertEquals(400, raw("agent", "status", "resolved", "cursor", openCursor).getStatusCode(), "a cursor of another list");
    }

    @Test
    void anInternalNoteIsAHistoryLineNeverSentNorShownToTheComplainantOrAnalysts() throws Exception {
        ApiEvents e = ApiEvents.request("POST", "/v1/admin/complaints/{ticketId}/notes", normal.ticketId()).json("{\"text\":\"Called the warehouse.\"}");
        e.operator("agent@fanops.local", List.of("agent"));
        int sentBefore = h.sent.size();
        APIGatewayV2HTTPResponse r = handler.handleRequest(e.build(), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode history = Json.mapper().readTree(r.getBody()).get("history");
        JsonNode last = history.get(history.size() - 1);
        assertEquals("noted", last.get("action").asText());
        assertEquals("Called the warehouse.", last.get("text").asText());
        assertEquals("agent@fanops.local", last.get("actor").asText());
        assertEquals(sentBefore, h.sent.size(), "nothing goes to the complainant");
        assertFalse(Json.mapper().writeValueAsString(h.views.forComplainant(h.tickets.find(normal.ticketId()).orElseThrow()))
                .contains("warehouse"));
        ApiEvents a = ApiEvents.request("GET", "/v1/admin/complaints/{ticketId}", normal.ticketId());
        a.operator("analyst@fanops.local", List.of("analyst"));
        assertFalse(handler.handleRequest(a.build(), null).getBody().contains("warehouse"));
        ApiEvents empty = ApiEvents.request("POST", "/v1/admin/complaints/{ticketId}/notes", normal.ticketId()).json("{\"text\":\"  \"}");
        empty.operator("agent@fanops.local", List.of("agent"));
        APIGatewayV2HTTPResponse refused = handler.handleRequest(empty.build(), null);
        assertEquals(400, refused.getStatusCode());
        assertEquals("text", Json.mapper().readTree(refused.getBody()).get("errors").get(0).get("field").asText());
        ApiEvents analyst = ApiEvents.request("POST", "/v1/admin/complaints/{ticketId}/notes", normal.ticketId()).json("{\"text\":\"x\"}");
        analyst.operator("analyst@fanops.local", List.of("analyst"));
        assertEquals(403, handler.handleRequest(analyst.build(), null).getStatusCode());
        assertEquals(history.size(), h.tickets.history(normal.ticketId()).size(), "the refused notes wrote nothing");
        assertEquals(1, h.items("AuditTable"));
    }
}
