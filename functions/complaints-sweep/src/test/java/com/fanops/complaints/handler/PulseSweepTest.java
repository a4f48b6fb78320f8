package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.app.Pulses;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep draws a started pulse as of its scheduled time; a second run draws nothing more. */
class PulseSweepTest {

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void theSweepDrawsAStartedPulseOnceAndAsksForOneMessagePerSampledMember() {
        for (int i = 0; i < 6; i++) {
            h.member(String.format("m_%04x", i), Tier.BRONZE);
        }
        Pulses pulses = new Pulses(new PulseStore(h.dynamo.client(), "ComplaintsTable"), h.cipher, null, h.sent::add, null,
                ComplaintsHarness.ZONE, h.clock);
        String pulseId = pulses.start(new Pulses.Start(4, null, null), "manager@fanops.local", null).pulseId();
        ComplaintsSweepHandler handler = new ComplaintsSweepHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", h.keyring, h.outbox,
                h.sent::add, ComplaintsHarness.SITE, ComplaintsHarness.ZONE, h.clock, "MembersTable");
        Map<String, Object> run = handler.handleRequest(Map.of("scheduledTime", NOW.plusSeconds(300).toString()), null);
        assertEquals(Map.of("drawn", 1, "sampled", 4L, "requested", 4L), run.get("pulses"));
        assertEquals(Map.of("drawn", 0, "sampled", 0L, "requested", 0L),
                handler.handleRequest(Map.of("scheduledTime", NOW.plusSeconds(600).toString()), null).get("pulses"));
        assertEquals(4, h.sent.stream().filter(m -> m.kind().equals("pulse_survey")).count());
        for (TicketMessages m : h.sent) {
            assertTrue(m.params().get("pulseUrl").startsWith(ComplaintsHarness.SITE + "/pulse.html#" + pulseId + "."), m.params().toString());
            assertEquals("pulse:" + pulseId, m.cause());
        }
        assertEquals("open", pulses.view(pulses.get(pulseId)).get("status"));
    }
}
