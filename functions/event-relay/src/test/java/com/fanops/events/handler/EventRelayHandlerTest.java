package com.fanops.events.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.events.EventOutbox;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventRelayHandlerTest {

    record Ping(String id) {
    }

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void anEventWhosePublishFailedIsRelayedOnceAfterTheGracePeriod() {
        Instant t0 = Instant.parse("2026-11-22T02:00:00Z");
        EventOutbox failing = new EventOutbox(dynamo.client(), "EventOutboxTable", (s, t, d, at) -> {
            throw new IllegalStateException("bus unreachable");
        }, Clock.fixed(t0, ZoneOffset.UTC));
        var staged = failing.stage("fanops.test", new Ping("p-1"));
        dynamo.client().transactWriteItems(b -> b.transactItems(failing.write(staged)));
        failing.flush(List.of(staged));

        List<String> bus = new ArrayList<>();
        EventRelayHandler early = new EventRelayHandler(dynamo.client(), "EventOutboxTable", (s, t, d, at) -> bus.add(t + d),
                Clock.fixed(t0.plusSeconds(30), ZoneOffset.UTC));
        assertEquals(Map.of("relayed", 0), early.handleRequest(Map.of(), null), "a live request may still publish it");
        EventRelayHandler later = new EventRelayHandler(dynamo.client(), "EventOutboxTable", (s, t, d, at) -> bus.add(t + d),
                Clock.fixed(t0.plusSeconds(90), ZoneOffset.UTC));
        assertEquals(Map.of("relayed", 1), later.handleRequest(Map.of(), null));
        assertEquals(Map.of("relayed", 0), later.handleRequest(Map.of(), null), "relayed once");
        assertEquals(List.of("Ping{\"id\":\"p-1\"}"), bus);
    }
}
