package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.json.Json;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionBatch;
import com.fanops.engagement.domain.InteractionType;
import java.math.BigDecimal;
import java.util.ArrayList;
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
        return postBody(key, "{\"events\":[" + events + "]}");
    }

    private static JsonNode postBody(String key, String json) throws Exception {
        var request = ApiEvents.request("POST", "/v1/interactions");
        if (key != null) {
            request.header("x-api-key", key);
        }
        var response = handler.handleRequest(request.json(json).build(), null);
        JsonNode body = Json.mapper().readTree(response.getBody());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("httpStatus", response.getStatusCode());
        if (response.getStatusCode() >= 400) {
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        }
        return body;
    }

    private static String like(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"memberId\":\"m_a1\",\"type\":\"like\",\"occurredAt\":\"2026-11-22T01:00:00Z\"}";
    }

    private static String purchase(String eventId, String amount, String currency) {
        return "{\"eventId\":\"" + eventId + "\",\"memberId\":\"m_a1\",\"type\":\"purchase\",\"occurredAt\":\"2026-11-22T01:00:00Z\","
                + "\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}";
    }

    private static int items(String table) {
        return dynamo.client().scan(b -> b.tableName(table).select("COUNT")).count();
    }

    /** The answer is a 400 naming exactly these fields, and nothing was queued or written. */
    private static void refusedWholly(JsonNode answer, int itemsBefore, String... fields) {
        assertEquals(400, answer.path("httpStatus").asInt(), answer.toString());
        List<String> named = new ArrayList<>();
        answer.path("errors").forEach(f -> named.add(f.path("field").asText()));
        assertEquals(List.of(fields), named, answer.toString());
        assertEquals(List.of(), QUEUED, "nothing of a refused batch is queued");
        assertEquals(itemsBefore, items("InteractionsTable"), "nothing is written");
    }

    @Test
    void validEventsAreQueuedAndTheChannelComesFromTheKey() throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, "{\"eventId\":\"c-1\",\"memberId\":\"m_a1\",\"type\":\"comment\",\"occurredAt\":\"2026-11-22T01:00:00Z\","
                + "\"activityId\":\"spring-2026.launch:1\"}," + purchase("p-1", "99.5", "CNY"));
        assertEquals(202, answer.path("httpStatus").asInt(), answer.toString());
        assertEquals(2, answer.path("accepted").asInt());
        assertEquals(2, QUEUED.size());
        assertEquals("wechat", QUEUED.get(0).channel());
        assertEquals(new BigDecimal("99.5"), QUEUED.get(1).amount());
    }

    @Test
    void aPurchaseAmountMayBeADecimalStringWithoutExponentOrSign() throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, purchase("p-s", "\"120.50\"", "CNY"));
        assertEquals(202, answer.path("httpStatus").asInt(), answer.toString());
        assertEquals(new BigDecimal("120.50"), QUEUED.get(0).amount());
        QUEUED.clear();
        refusedWholly(post(apiKey, purchase("p-e", "\"1e3\"", "CNY")), items("InteractionsTable"), "events[0].amount");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type           | {"eventId":"x1","memberId":"m_a1","type":"wink","occurredAt":"2026-11-22T01:00:00Z"} | type
            missing eventId        | {"memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | eventId
            over-long eventId      | {"eventId":"%s","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | eventId
            unknown member         | {"eventId":"x2","memberId":"m_nobody","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | memberId
            future occurredAt      | {"eventId":"x3","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T02:10:00Z"} | occurredAt
            too old occurredAt     | {"eventId":"x4","memberId":"m_a1","type":"like","occurredAt":"2026-09-01T00:00:00Z"} | occurredAt
            year one               | {"eventId":"x4","memberId":"m_a1","type":"like","occurredAt":"0001-01-01T00:00:00Z"} | occurredAt
            purchase no amount     | {"eventId":"x5","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","currency":"CNY"} | amount
            negative amount        | {"eventId":"x6","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","amount":-1,"currency":"CNY"} | amount
            non-numeric amount     | {"eventId":"x7","memberId":"m_a1","type":"purchase","occurredAt":"2026-11-22T01:00:00Z","amount":"lots","currency":"CNY"} | amount
            amount on a like       | {"eventId":"x9","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","amount":5} | amount
            refund without purchase| {"eventId":"x8","memberId":"m_a1","type":"refund","occurredAt":"2026-11-22T01:00:00Z","amount":5,"currency":"CNY","refEventId":"nope"} | refEventId
            activityId a number    | {"eventId":"xa","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","activityId":7} | activityId
            activityId with NUL    | {"eventId":"xb","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","activityId":"a\\u0000b"} | activityId
            activityId U+FFFF      | {"eventId":"xc","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","activityId":"a\\uffff"} | activityId
            activityId lone surrogate | {"eventId":"xd","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","activityId":"a\\ud800b"} | activityId
            activityId 100 KB      | {"eventId":"xe","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","activityId":"%s"} | activityId
            eventId lone surrogate | {"eventId":"x\\udc00","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z"} | eventId
            unknown field          | {"eventId":"xf","memberId":"m_a1","type":"like","occurredAt":"2026-11-22T01:00:00Z","points":5} | points
            """)
    void oneBadEventRefusesTheWholeBatchNamingItsFieldAndNothingIsQueued(String name, String event, String field) throws Exception {
        QUEUED.clear();
        // JSON escapes (\\u0000) reach the parser as written: the CSV text keeps the backslash.
        String filled = event.contains("\"activityId\":\"%s\"") ? event.formatted("a".repeat(100_000)) : event.formatted("x".repeat(129));
        refusedWholly(post(apiKey, like("ok-" + name.hashCode()) + "," + filled), items("InteractionsTable"), "events[1]." + field);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1e30               | CNY | amount
            1e309              | CNY | amount
            -1e309             | CNY | amount
            1E+2147483647      | CNY | amount
            1e-999999999       | CNY | amount
            0                  | CNY | amount
            0.00               | CNY | amount
            -0.01              | CNY | amount
            0.001              | CNY | amount
            100000.01          | CNY | amount
            100000000.015      | CNY | amount
            0.000001           | XYZ | amount currency
            0.01               | XYZ | currency
            10                 | JPY | currency
            10                 | XAU | currency
            10                 | cny | currency
            15000.01           | USD | amount
            '"NaN"'            | CNY | amount
            '"Infinity"'       | CNY | amount
            '"-5"'             | CNY | amount
            """)
    void amountsOutsideTheCurrencysUnitsOrMaximumAre400(String amount, String currency, String fields) throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, like("ok-a") + "," + purchase("p-bad", amount, currency));
        refusedWholly(answer, items("InteractionsTable"), java.util.Arrays.stream(fields.split(" ")).map(f -> "events[1]." + f).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            100000.00 | CNY
            100000    | CNY
            0.01      | CNY
            1E+3      | CNY
            15000     | USD
            """)
    void amountsWithinTheCurrencysUnitsAndMaximumAreAccepted(String amount, String currency) throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, purchase("p-ok", amount, currency));
        assertEquals(202, answer.path("httpStatus").asInt(), answer.toString());
        assertEquals(0, new BigDecimal(amount).compareTo(QUEUED.get(0).amount()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a null event       | {"events":[null]}                  | events[0]
            no events          | {"events":[]}                      | events
            events missing     | {}                                 | events
            events null        | {"events":null}                    | events
            a number           | {"events":[1]}                     | events[0]
            a string           | {"events":["like"]}                | events[0]
            a list             | {"events":[[]]}                    | events[0]
            events an object   | {"events":{"eventId":"x"}}         | events
            """)
    void aBatchThatIsNotAListOfEventObjectsIs400(String name, String json, String field) throws Exception {
        QUEUED.clear();
        refusedWholly(postBody(apiKey, json), items("InteractionsTable"), field);
    }

    @Test
    void aBatchIsAllOrNothingOneBadEventAmongAHundredQueuesNone() throws Exception {
        QUEUED.clear();
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            events.append(i == 0 ? "" : ",").append(i == 57 ? purchase("big-" + i, "1e30", "CNY") : like("all-" + i));
        }
        refusedWholly(post(apiKey, events.toString()), items("InteractionsTable"), "events[57].amount");
        QUEUED.clear();
        JsonNode fixed = post(apiKey, events.toString().replace("1e30", "88.80"));
        assertEquals(202, fixed.path("httpStatus").asInt(), fixed.toString());
        assertEquals(100, fixed.path("accepted").asInt());
        assertEquals(100, QUEUED.size());
    }

    @Test
    void theLargestBatchFitsOneQueueMessageOfPlainAscii() throws Exception {
        List<Interaction> batch = new ArrayList<>();
        for (int i = 0; i < IngestHandler.MAX_BATCH; i++) {
            String id = ("e" + i + "-").repeat(64).substring(0, 128);
            batch.add(new Interaction("wechat", id, "m_" + "a".repeat(126), InteractionType.REFUND, NOW, new BigDecimal("9999999.9999"),
                    "CNY", id.replace('e', 'a'), id.replace('e', 'p')));
        }
        String body = SqsInteractionQueue.body(batch);
        assertTrue(body.length() < 256 * 1024, "SQS takes messages up to 256 KiB: " + body.length());
        assertTrue(body.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only characters SQS accepts");
        assertEquals(batch, Json.mapper().readValue(body, InteractionBatch.class).events());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another member's purchase | m_b2 | 10 | CNY | no known purchase
            another currency          | m_a1 | 10 | USD | the purchase was in CNY
            more than is left         | m_a1 | 70.01 | CNY | more than the 70 left to refund
            the rest of it            | m_a1 | 70 | CNY |
            """)
    void aRefundIsCheckedAgainstThePurchaseItNames(String name, String member, String amount, String currency, String problem) throws Exception {
        QUEUED.clear();
        JsonNode answer = post(apiKey, "{\"eventId\":\"r-" + name.hashCode() + "\",\"memberId\":\"" + member + "\",\"type\":\"refund\","
                + "\"occurredAt\":\"2026-11-22T01:30:00Z\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"refEventId\":\"p-known\"}");
        if (problem == null) {
            assertEquals(202, answer.path("httpStatus").asInt(), answer.toString());
            assertEquals(1, QUEUED.size());
        } else {
            assertEquals(400, answer.path("httpStatus").asInt(), answer.toString());
            assertTrue(answer.path("errors").toString().contains(problem), answer.toString());
            assertEquals(0, QUEUED.size());
        }
    }

    @Test
    void aBadKeyIs401AndAnOversizedBatchIs400() throws Exception {
        assertEquals(401, post("fk_not-a-key", "{}").path("httpStatus").asInt());
        assertEquals(401, post(null, "{}").path("httpStatus").asInt());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append(like("b" + i));
        }
        QUEUED.clear();
        refusedWholly(post(apiKey, many.toString()), items("InteractionsTable"), "events");
    }

    @Test
    void whenTheQueueRefusesTheAnswerIs503AndSaysNothingWasQueued() throws Exception {
        IngestHandler down = new IngestHandler(dynamo.client(), "ConfigTable", "InteractionsTable", "MembersTable", batch -> {
            throw new IllegalStateException("queue unavailable");
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));
        var response = down.handleRequest(ApiEvents.request("POST", "/v1/interactions").header("x-api-key", apiKey)
                .json("{\"events\":[" + like("q1") + "]}").build(), null);
        assertEquals(503, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertTrue(response.getBody().contains("not queued"), response.getBody());
    }
}
