package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.json.Json;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.Purchases;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IngestHandlerTest {

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
        apiKey = new ChannelKeys(dynamo.client(), "ConfigTable", clock).create("wechat", "official account", "admin").apiKey();
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_a1"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_a1"), "status", AttributeValue.fromS("active"))));
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_b2"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_b2"), "status", AttributeValue.fromS("active"))));
        // A purchase of 100 CNY the scorer has applied, 30 of it refunded already (the record as the scorer keeps it).
        Map<String, AttributeValue> purchase = new java.util.HashMap<>(Purchases.key("wechat", "p-known"));
        purchase.putAll(Map.of("memberId", AttributeValue.fromS("m_a1"), "amount", AttributeValue.fromN("100"),
                "currency", AttributeValue.fromS("CNY"), "refunded", AttributeValue.fromN("30")));
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(purchase));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static JsonNode post(String key, String events) throws Exception {
        var request = ApiEvents.request("POST", "/v1/interactions");
        if (key != null) {
            request.header("x-api-key", key);
        }
        var response = handler.handleRequest(request
                .json("{\"events\":[" + events + "]}").build(), null);
        JsonNode body = Json.mapper().readTree(response.getBody());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("httpStatus", response.getStatusCode());
        return body;
    }

    @Test
    void validEventsAreQueuedAndTheChannelComesFromTheKey() throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, "{\"eventId\":\"c-1\",\"memberId\":\"m_a1\",\"type\":\"comment\",\"occurredAt\":\"2026-11-22T01:00:00Z\"},"
                + "{\"eventId\":\"p-1\",\"memberId\":\"m_a1\",\"type\":\"purchase\",\"occurredAt\":\"2026-11-22T01:00:00Z\",\"amount\":99.5,\"currency\":\"CNY\"}");
        assertEquals(202, answer.path("httpStatus").asInt());
        assertEquals(2, answer.path("accepted").asInt());
        assertEquals(2, QUEUED.size());
        assertEquals("wechat", QUEUED.get(0).channel());
    }

    @Test
    void aPurchaseAmountMayBeADecimalString() throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, "{\"eventId\":\"p-s\",\"memberId\":\"m_a1\",\"type\":\"purchase\",\"occurredAt\":\"2026-11-22T01:00:00Z\","
                + "\"amount\":\"120.50\",\"currency\":\"CNY\"},{\"eventId\":\"p-e\",\"memberId\":\"m_a1\",\"type\":\"purchase\","
                + "\"occurredAt\":\"2026-11-22T01:00:00Z\",\"amount\":\"1e3\",\"currency\":\"CNY\"}");
        assertEquals(1, answer.path("accepted").asInt(), answer.toString());
        assertEquals(new java.math.BigDecimal("120.50"), QUEUED.get(0).amount());
        assertEquals(1, answer.at("/rejected/0/index").asInt(), "no exponents, no signs: " + answer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type           | {"eventId":"x1","memberId":"m_a1","type":"wink","occurredAt":"2026-11-22T01:00:00Z"} | type
            missing eventId        | {"memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | eventId
            over-long eventId      | {"eventId":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | eventId
            unknown member         | {"eventId":"x2","memberId":"m_nobody","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | memberId
            future occurredAt      | {"eventId":"x3","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T02:10:00Z"} | occurredAt
            too old occurredAt     | {"eventId":"x4","memberId":"m_a1","type":"like","occurredAt":"2026-09-01T00:00:00Z"} | occurredAt
            purchase no amount     | {"eventId":"x5","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","currency":"CNY"} | amount
            negative amount        | {"eventId":"x6","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","amount":-1,"currency":"CNY"} | amount
            non-numeric amount     | {"eventId":"x7","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","amount":"lots","currency":"CNY"} | amount
            refund without purchase| {"eventId":"x8","memberId":"m_a1","type":"refund","occurredAt":"2026-11-22T01:00:00Z","amount":5,"currency":"CNY","refEventId":"nope"} | refEventId
            """)
    void eachBadEventIsRejectedByIndexAndNothingIsQueuedForIt(String name, String event, String field) throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, event + ",{\"eventId\":\"ok-" + name.hashCode() + "\",\"memberId\":\"m_a1\",\"type\":\"like\","
                + "\"occurredAt\":\"2026-11-22T01:00:00Z\"}");
        assertEquals(202, answer.path("httpStatus").asInt());
        assertEquals(1, answer.path("accepted").asInt(), name);
        assertEquals(0, answer.at("/rejected/0/index").asInt());
        assertTrue(answer.at("/rejected/0/errors").toString().contains(field + ":"), answer.toString());
        assertEquals(1, QUEUED.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another member's purchase | m_b2 | 10 | CNY | refEventId: no known purchase
            another currency          | m_a1 | 10 | USD | currency: the purchase was in CNY
            more than is left         | m_a1 | 70.01 | CNY | amount: more than the 70 left to refund
            the rest of it            | m_a1 | 70 | CNY |
            """)
    void aRefundIsCheckedAgainstThePurchaseItNames(String name, String member, String amount, String currency, String problem) throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, "{\"eventId\":\"r-" + name.hashCode() + "\",\"memberId\":\"" + member + "\",\"type\":\"refund\","
                + "\"occurredAt\":\"2026-11-22T01:30:00Z\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"refEventId\":\"p-known\"}");
        assertEquals(202, answer.path("httpStatus").asInt());
        if (problem == null) {
            assertEquals(1, answer.path("accepted").asInt(), answer.toString());
            assertEquals(1, QUEUED.size());
        } else {
            assertEquals(0, answer.path("accepted").asInt(), answer.toString());
            assertTrue(answer.at("/rejected/0/errors").toString().contains(problem), answer.toString());
            assertEquals(0, QUEUED.size());
        }
    }

    @Test
    void aBadKeyIs401AndAnOversizedBatchIs400() throws Exception {
        assertEquals(401, post("fk_not-a-key", "{}").path("httpStatus").asInt());
        assertEquals(401, post(null, "{}").path("httpStatus").asInt());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"eventId\":\"b").append(i).append("\",\"memberId\":\"m_a1\",\"type\":\"like\",")
                    .append("\"occurredAt\":\"2026-11-22T01:00:00Z\"}");
        }
        assertEquals(400, post(apiKey, many.toString()).path("httpStatus").asInt());
    }

    @Test
    void whenTheQueueRefusesTheAnswerIs503AndTheBatchCanBeResent() throws Exception {
        IngestHandler down = new IngestHandler(dynamo.client(), "ConfigTable", "InteractionsTable", "MembersTable", batch -> {
            throw new IllegalStateException("queue unavailable");
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));
        var response = down.handleRequest(ApiEvents.request("POST", "/v1/interactions").header("x-api-key", apiKey)
                .json("{\"events\":[{\"eventId\":\"q1\",\"memberId\":\"m_a1\",\"type\":\"like\",\"occurredAt\":\"2026-11-22T01:00:00Z\"}]}")
                .build(), null);
        assertEquals(503, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
    }
}
