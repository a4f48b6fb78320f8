package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.ComplaintIntake;
import com.fanops.complaints.app.Pulses;
import com.fanops.complaints.store.PulseLinks;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.members.store.AdmittedMembers;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pulse routes of the public function, through a sampled member's private link. */
class PulsePublicRoutesTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;
    ComplaintsPublicHandler handler;
    String pulseId;
    String token;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
        handler = new ComplaintsPublicHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "MembersTable", "InteractionsTable", "LimitsTable", h.keyring,
                h.outbox, h.queue::add, ComplaintIntake.Limits.of("3/1h", "10/1d"), "", ComplaintsHarness.ZONE, h.clock);
        h.member("m_00aa", Tier.BRONZE);
        Pulses pulses = new Pulses(new PulseStore(h.dynamo.client(), "ComplaintsTable"), h.cipher, new PulseLinks(h.keyring, ComplaintsHarness.SITE),
                h.sent::add, new AdmittedMembers(h.dynamo.client(), "MembersTable", 2)::forEach, ComplaintsHarness.ZONE, h.clock);
        pulseId = pulses.start(new Pulses.Start(5, null, 3), "manager@fanops.local", null).pulseId();
        pulses.drawPending(NOW);
        String url = h.sent.get(0).params().get("pulseUrl");
        token = url.substring(url.indexOf('#') + 1 + pulseId.length() + 1);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    APIGatewayV2HTTPResponse answer(String body, String bearer) {
        return handler.handleRequest(ApiEvents.request("POST", "/v1/pulses/{pulseId}/answers", pulseId).header("authorization", bearer)
                .json(body).build(), null);
    }

    @Test
    void theLinkOpensTheQuestionAndAnswersOnce() throws Exception {
        var question = handler.handleRequest(ApiEvents.request("GET", "/v1/pulses/{pulseId}", pulseId)
                .header("authorization", "Bearer " + token).build(), null);
        assertEquals(200, question.getStatusCode(), question.getBody());
        assertEquals("open", json(question).get("status").asText());
        assertTrue(json(question).get("question").get("zh-CN").asText().contains("满意"));
        assertFalse(json(question).get("answered").asBoolean());

        var bad = answer("{\"score\": 0}", "Bearer " + token);
        assertEquals(400, bad.getStatusCode());
        assertEquals("score", json(bad).get("errors").get(0).get("field").asText());
        var first = answer("{\"score\": 5, \"comment\": \"Friendly place.\"}", "Bearer " + token);
        assertEquals(201, first.getStatusCode(), first.getBody());
        var second = answer("{\"score\": 1}", "Bearer " + token);
        assertEquals(409, second.getStatusCode());
        assertTrue(json(second).get("type").asText().endsWith("pulse-answered"));

        var forged = answer("{\"score\": 5}", "Bearer " + token.substring(0, token.length() - 2) + "AA");
        assertEquals(401, forged.getStatusCode());
        assertEquals("authorization", json(forged).get("errors").get(0).get("field").asText());
        assertEquals(401, answer("{\"score\": 5}", null).getStatusCode());
    }

    @Test
    void afterClosingTheAnswerIsGone() throws Exception {
        h.clock.set(NOW.plus(Duration.ofDays(3)));
        var late = answer("{\"score\": 4}", "Bearer " + token);
        assertEquals(410, late.getStatusCode(), late.getBody());
        assertTrue(json(late).get("type").asText().endsWith("pulse-closed"));
    }
}
