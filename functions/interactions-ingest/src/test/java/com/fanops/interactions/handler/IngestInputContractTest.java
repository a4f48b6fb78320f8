package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The platform's body contract on the ingestion route: what the parser alone can tell is refused for the whole batch,
 * naming the event, before anything is queued. (The per-event rules - amounts, currencies, activity ids - are the
 * engagement domain's and tested with the handler.)
 */
class IngestInputContractTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final List<Interaction> QUEUED = new CopyOnWriteArrayList<>();
    private static LocalDynamo dynamo;
    private static IngestHandler handler;
    private static String apiKey;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        handler = new IngestHandler(dynamo.client(), "ConfigTable", "InteractionsTable", "MembersTable", QUEUED::addAll, clock,
                Duration.ofDays(30));
        apiKey = new ChannelKeys(dynamo.client(), "ConfigTable", clock).create("web", "site", "admin").apiKey();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static final String OK = "{\"eventId\":\"c-1\",\"memberId\":\"m_a1\",\"type\":\"comment\",\"occurredAt\":\"2026-11-22T01:00:00Z\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            null event                 | {"events":[null]}                                                       | events[0]
            null after a valid event   | {"events":[OK,null]}                                                    | events[1]
            infinite amount            | {"events":[OK,{"eventId":"p","type":"purchase","amount":1e309}]}        | events[1].amount
            minus infinite amount      | {"events":[{"eventId":"p","type":"purchase","amount":-1e309}]}         | events[0].amount
            U+FFFF in activityId       | {"events":[OK,{"eventId":"a","activityId":"x\\uffff"}]}                | events[1].activityId
            lone surrogate activityId  | {"events":[{"eventId":"a","activityId":"\\ud800"}]}                    | events[0].activityId
            NUL in eventId             | {"events":[{"eventId":"a\\u0000"}]}                                    | events[0].eventId
            duplicate key              | {"events":[{"eventId":"a","eventId":"b"}]}                             | events[0].eventId
            events not an array        | {"events":{"eventId":"a"}}                                             | events
            an event not an object     | {"events":["c-1"]}                                                     | events[0]
            trailing tokens            | {"events":[OK]}{"events":[OK]}                                         | body
            """)
    void malformedBatchesAreRefusedWholeAndNothingIsQueued(String name, String body, String field) throws Exception {
        QUEUED.clear();
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.request("POST", "/v1/interactions")
                .header("x-api-key", apiKey).json(body.replace("OK", OK)).build(), null);
        assertEquals(400, response.getStatusCode(), name + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        String errors = Json.mapper().readTree(response.getBody()).path("errors").toString();
        assertTrue(errors.contains("\"field\":\"" + field + "\""), name + ": expected " + field + " in " + errors);
        assertTrue(QUEUED.isEmpty(), name + " queued something");
    }
}
