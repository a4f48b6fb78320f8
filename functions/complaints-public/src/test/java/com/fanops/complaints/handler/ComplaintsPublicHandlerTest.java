package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.ComplaintIntake;
import com.fanops.complaints.app.TicketWork;
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

/** The public routes against DynamoDB Local, with the capability wired by the harness (its queue a list). */
class ComplaintsPublicHandlerTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;
    ComplaintsPublicHandler handler;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
        handler = new ComplaintsPublicHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "MembersTable", "InteractionsTable", "LimitsTable", h.keyring,
                h.outbox, h.queue::add, ComplaintIntake.Limits.of("3/1h", "10/1d"), "", ComplaintsHarness.ZONE, h.clock);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    APIGatewayV2HTTPResponse call(ApiEvents e) {
        return handler.handleRequest(e.build(), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    static ApiEvents file(String body, String key) {
        ApiEvents e = ApiEvents.request("POST", "/v1/complaints").json(body);
        return key == null ? e : e.header("Idempotency-Key", key);
    }

    static final String GOOD = "{\"name\":\"Li Lei\",\"contact\":\"li@example.com\",\"locale\":\"en\",\"category\":\"delivery\","
            + "\"description\":\"The parcel never came.\",\"reference\":\"ORDER-9\",\"attachments\":[\"https://x.example.com/p.jpg\"]}";

    @Test
    void aComplaintIsAcceptedForIntakeAndFollowedThroughItsPrivateLink() throws Exception {
        var r = call(file(GOOD, "k-1"));
        assertEquals(202, r.getStatusCode(), r.getBody());
        assertEquals("email", json(r).get("acknowledgementBy").asText());
        Ticket t = h.drain();
        String link = h.sent.get(0).params().get("statusUrl");
        String token = link.substring(link.indexOf('#') + 1 + t.ticketNumber().length() + 1);

        var status = call(ApiEvents.request("GET", "/v1/complaints/{ticketNumber}", t.ticketNumber()).header("Authorization", "Bearer " + token));
        assertEquals(200, status.getStatusCode(), status.getBody());
        assertEquals("acknowledged", json(status).get("status").asText());
        assertEquals(t.due().firstResponse().toString(), json(status).get("firstResponseDue").asText());
        assertTrue(!status.getBody().contains("li@example.com") && !status.getBody().contains("Li Lei"), "no contact or name in the view");

        var wrong = call(ApiEvents.request("GET", "/v1/complaints/{ticketNumber}", t.ticketNumber())
                .header("Authorization", "Bearer " + token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")));
        assertEquals(401, wrong.getStatusCode());
        assertEquals("authorization", json(wrong).get("errors").get(0).get("field").asText());
        var unknown = call(ApiEvents.request("GET", "/v1/complaints/{ticketNumber}", "C-20261124-0099").header("Authorization", "Bearer " + token));
        assertEquals(401, unknown.getStatusCode(), "an unknown number answers as a wrong token: numbers cannot be probed");

        var reply = call(ApiEvents.request("POST", "/v1/complaints/{ticketNumber}/replies", t.ticketNumber())
                .header("Authorization", "Bearer " + token).json("{\"text\":\"Any news?\"}"));
        assertEquals(200, reply.getStatusCode(), reply.getBody());
        assertEquals("Any news?", json(reply).get("conversation").get(0).get("text").asText());

        var early = call(survey(t, token, "{\"score\":5}"));
        assertEquals(409, early.getStatusCode());
        h.work.resolve(t.ticketId(), "agent", new TicketWork.Resolution("Re-sent.", true, null, null, null));
        var bad = call(survey(t, token, "{\"score\":6}"));
        assertEquals(400, bad.getStatusCode());
        assertEquals("score", json(bad).get("errors").get(0).get("field").asText());
        var notNumber = call(survey(t, token, "{\"score\":\"5\"}"));
        assertEquals(400, notNumber.getStatusCode());
        assertEquals(201, call(survey(t, token, "{\"score\":5,\"comment\":\"Fast.\"}")).getStatusCode());
        assertEquals(409, call(survey(t, token, "{\"score\":4}")).getStatusCode(), "once per ticket");
        assertEquals(1, h.tickets.csat(java.time.LocalDate.of(2026, 11, 24)).answers());
    }

    static ApiEvents survey(Ticket t, String token, String body) {
        return ApiEvents.request("POST", "/v1/complaints/{ticketNumber}/survey", t.ticketNumber()).header("Authorization", "Bearer " + token)
                .json(body);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWrittenOrQueued() throws Exception {
        List<String[]> cases = List.of(
                new String[] {GOOD.replace("The parcel never came.", ""), "description"},
                new String[] {GOOD.replace("\"delivery\"", "\"weather\""), "category"},
                new String[] {GOOD.replace("li@example.com", "call me maybe"), "contact"},
                new String[] {GOOD.replace("[\"https://x.example.com/p.jpg\"]", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]"), "attachments"},
                new String[] {GOOD.replace("https://x.example.com/p.jpg", "http://x.example.com/p.jpg"), "attachments[0]"},
                new String[] {GOOD.replace("\"locale\":\"en\",", "\"locale\":\"en\",\"extra\":1,"), "extra"});
        for (String[] c : cases) {
            var r = call(file(c[0], "k-bad"));
            assertEquals(400, r.getStatusCode(), c[1] + ": " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("content-type"));
            assertTrue(r.getBody().contains("\"field\":\"" + c[1] + "\""), c[1] + ": " + r.getBody());
        }
        var noKey = call(file(GOOD, null));
        assertEquals(400, noKey.getStatusCode());
        assertEquals("Idempotency-Key", json(noKey).get("errors").get(0).get("field").asText());
        var memberWithoutToken = call(file(GOOD.replace("\"locale\":\"en\",", "\"locale\":\"en\",\"memberId\":\"m_0abc\","), "k-m"));
        assertEquals(401, memberWithoutToken.getStatusCode());
        assertEquals("memberId", json(memberWithoutToken).get("errors").get(0).get("field").asText());
        assertTrue(h.queue.isEmpty());
        assertEquals(0, h.items("ComplaintsTable"));
        assertEquals(0, h.items("LimitsTable"));
    }

    @Test
    void aClientIsLimited() {
        for (int i = 0; i < 3; i++) {
            assertEquals(202, call(file(GOOD, "k-" + i)).getStatusCode());
        }
        var limited = call(file(GOOD, "k-4"));
        assertEquals(429, limited.getStatusCode());
        assertTrue(limited.getHeaders().containsKey("retry-after"));
        assertEquals(3, h.queue.size());
    }

    @Test
    void theCategoriesAreTheDomainsList() throws Exception {
        var r = call(ApiEvents.request("GET", "/v1/complaints/categories"));
        assertEquals("[\"product\",\"service\",\"delivery\",\"activity\",\"account\",\"privacy\",\"other\"]", json(r).get("categories").toString());
    }
}
