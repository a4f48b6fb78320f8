package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplaintsSweepHandlerTest {

    ComplaintsHarness h;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(Instant.parse("2026-11-24T02:00:00Z"));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void aRunWorksAsOfItsScheduledTimeAndTwiceChangesNothingMore() {
        h.intake.submit(new ComplaintForm("Li", "li@example.com", "en", null, "privacy", "My data was shared.", null, null), "k", null, "1.2.3.4");
        Ticket t = h.drain();
        ComplaintsSweepHandler handler = new ComplaintsSweepHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.SITE, ComplaintsHarness.ZONE, h.clock);
        String at = t.due().firstResponse().toString();
        Map<String, Object> run = handler.handleRequest(Map.of("scheduledTime", at, "executionId", "x"), null);
        assertEquals(at, run.get("at"));
        assertEquals(1, run.get("escalated"));
        assertEquals(0, handler.handleRequest(Map.of("scheduledTime", at), null).get("escalated"));
        assertEquals(1, h.bus.of(SlaBreached.class).size());
        assertEquals("high", h.bus.of(SlaBreached.class).get(0).priority(), "privacy complaints are high by default");
    }
}
