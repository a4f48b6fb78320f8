package com.fanops.complaints.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplaintsIntakeHandlerTest {

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
    void aBatchBecomesTicketsAndOnlyTheBadMessageComesBack() throws Exception {
        ComplaintsIntakeHandler handler = new ComplaintsIntakeHandler(h.dynamo.client(), "ComplaintsTable", "ConfigTable", "InteractionsTable",
                h.keyring, h.outbox, h.sent::add, ComplaintsHarness.SITE, ComplaintsHarness.ZONE, h.clock);
        for (int i = 0; i < 3; i++) {
            h.intake.submit(new ComplaintForm("N" + i, "n" + i + "@example.com", "en", null, "service", "Rude.", null, null), "k" + i, null, "1.2.3.4");
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(message("m" + i, Json.mapper().writeValueAsString(h.queue.get(i))));
        }
        records.add(message("bad", "{not json"));
        records.add(message("again", Json.mapper().writeValueAsString(h.queue.get(0))));
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        var response = handler.handleRequest(event, null);
        assertEquals(List.of("bad"), response.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).toList());
        assertEquals(3, h.tickets.allInStatus(TicketStatus.ACKNOWLEDGED).size());
        assertEquals(3, h.sent.size(), "the redelivered submission is acknowledged once");
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }
}
