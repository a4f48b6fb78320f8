package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public routes under the input contract: hostile bodies, paths and queries are 400s naming the field, and write nothing. */
class PublicInputContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static PublicMembersHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new PublicMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "EventOutboxTable", new InMemoryDataKeys(),
                new RecordedEvents("com.fanops.members.domain"), CLOCK, ZoneId.of("Asia/Shanghai"), 14, 15);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A valid sign-up with {@code fields} (JSON members, each ending in a comma) put first, replacing the defaults they name. */
    private static String form(String fields) {
        var current = new NoticeStore(dynamo.client(), "ConfigTable", CLOCK).current();
        Map<String, String> base = new LinkedHashMap<>();
        base.put("nickname", "\"Li\"");
        base.put("email", "\"li." + System.nanoTime() + "@example.com\"");
        base.put("region", "\"Hangzhou\"");
        base.put("channel", "\"web\"");
        base.put("consents", "[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":"
                + current.get(Purpose.MEMBERSHIP).version() + "}]");
        StringBuilder out = new StringBuilder("{").append(fields);
        base.forEach((name, value) -> {
            if (!fields.startsWith("\"" + name + "\":") && !fields.contains(",\"" + name + "\":")) {
                out.append('"').append(name).append("\":").append(value).append(',');
            }
        });
        return out.substring(0, out.length() - 1) + "}";
    }

    private static APIGatewayV2HTTPResponse post(String path, String json, String... pathValues) {
        return handler.handleRequest(ApiEvents.request("POST", path, pathValues).json(json).build(), null);
    }

    private static int items() {
        return dynamo.client().scan(b -> b.tableName("MembersTable").select("COUNT")).count();
    }

    private static void refused(APIGatewayV2HTTPResponse response, String field) throws Exception {
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode errors = Json.mapper().readTree(response.getBody()).path("errors");
        assertTrue(errors.toString().contains("\"field\":\"" + field + "\""), "expected " + field + " in " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lone surrogate in nickname   | "nickname":"a\\ud800b",                 | nickname
            lone surrogate in region     | "region":"\\udc00",                     | region
            NUL in region                | "region":"Hang\\u0000zhou",             | region
            C1 control in nickname       | "nickname":"a\\u009bb",                 | nickname
            noncharacter in region       | "region":"x\\uffff",                    | region
            bidi override in nickname    | "nickname":"\\u202egnp.exe",            | nickname
            invisible nickname           | "nickname":"\\u200b\\u200d\\u3000",      | nickname
            nickname too long            | "nickname":"12345678901234567890123456789012345678901",  | nickname
            21 interests                 | "interests":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"], | interests
            NUL in an interest           | "interests":["run\\u0000"],            | interests[0]
            null in interests            | "interests":[null],                     | interests[0]
            birthday in year 1           | "birthday":"0001-01-01",                | birthday
            birthday far away            | "birthday":"9999-12-31",                | birthday
            birthday as a number         | "birthday":19900101,                    | birthday
            huge notice version          | "consents":[{"purpose":"membership","granted":true,"noticeVersion":1e309}], | consents[0].noticeVersion
            null consent                 | "consents":[null],                      | consents[0]
            duplicate nickname           | "nickname":"a","nickname":"b",          | nickname
            wrong type on optional field | "referralCode":12345,                   | referralCode
            """)
    void hostileSignUpFieldsAreRefusedAndNothingIsWritten(String name, String fields, String field) throws Exception {
        int before = items();
        refused(post("/v1/members", form(fields)), field);
        assertEquals(before, items(), name + " wrote something");
    }

    @Test
    void deepTrailingAndHugeBodiesAreRefusedWithoutWriting() throws Exception {
        int before = items();
        refused(post("/v1/members", form("\"guardian\":" + "{\"name\":".repeat(40) + "1" + "}".repeat(40) + ",")), "body");
        refused(post("/v1/members", form("") + "{}"), "body");
        refused(post("/v1/members", "{\"events\":[null]}"), "events");
        assertEquals(before, items());
    }

    @Test
    void textIsStoredAsNfcAndStripped() throws Exception {
        var created = post("/v1/members", form("\"nickname\":\"  Zoe\\u0308 \",\"region\":\"Cafe\\u0301\","));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode member = Json.mapper().readTree(created.getBody());
        var export = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/requests", member.path("memberId").asText())
                .header("authorization", "Bearer " + member.path("memberToken").asText()).json("{\"type\":\"export\"}").build(), null);
        assertEquals(201, export.getStatusCode(), export.getBody());
        JsonNode data = Json.mapper().readTree(export.getBody());
        assertEquals("Zo\u00eb", data.at("/member/nickname").asText());
        assertEquals("Caf\u00e9", data.at("/member/region").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL in nickname            | {"type":"correction","corrections":{"nickname":"a\\u0000"}}       | corrections.nickname
            lone surrogate in region   | {"type":"correction","corrections":{"region":"\\ud800"}}          | corrections.region
            invisible nickname         | {"type":"correction","corrections":{"nickname":"\\u200b"}}        | corrections.nickname
            birthday in year 1         | {"type":"correction","corrections":{"birthday":"0001-01-01"}}     | corrections.birthday
            birthday 140 years ago     | {"type":"correction","corrections":{"birthday":"1886-01-01"}}     | corrections.birthday
            21 interests               | {"type":"correction","corrections":{"interests":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]}} | corrections.interests
            an interest too long       | {"type":"correction","corrections":{"interests":["12345678901234567890123456789012345678901"]}} | corrections.interests[0]
            wrong type                 | {"type":"correction","corrections":{"interests":"running"}}       | corrections.interests
            """)
    void correctionsFollowTheSignUpRulesAndOpenNothing(String name, String json, String field) throws Exception {
        var created = post("/v1/members", form(""));
        JsonNode member = Json.mapper().readTree(created.getBody());
        int before = items();
        var response = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/requests", member.path("memberId").asText())
                .header("authorization", "Bearer " + member.path("memberToken").asText()).json(json).build(), null);
        refused(response, field);
        assertEquals(before, items(), name + " opened a request");
    }

    @Test
    void idsInPathsAreCheckedBeforeAnyRead() throws Exception {
        for (String bad : new String[] {"m_" + "a".repeat(3000), "m_ABC", "x", "m_a\u0000", "m_\ud800"}) {
            refused(handler.handleRequest(ApiEvents.request("GET", "/v1/members/{memberId}/consents", bad)
                    .header("authorization", "Bearer x").build(), null), "memberId");
        }
        var created = Json.mapper().readTree(post("/v1/members", form("")).getBody());
        String id = created.path("memberId").asText();
        String bearer = "Bearer " + created.path("memberToken").asText();
        refused(handler.handleRequest(ApiEvents.request("GET", "/v1/members/{memberId}/requests/{requestId}", id, "r".repeat(5000))
                .header("authorization", bearer).build(), null), "requestId");
        assertEquals(404, handler.handleRequest(ApiEvents.request("GET", "/v1/members/{memberId}/requests/{requestId}", id,
                id + ".0123abcd").header("authorization", bearer).build(), null).getStatusCode());
    }

    @Test
    void queryParametersAreTyped() throws Exception {
        for (String locale : new String[] {"fr", "", "x".repeat(10_000), "en\u0000"}) {
            refused(handler.handleRequest(ApiEvents.request("GET", "/v1/notices").query("locale", locale).build(), null), "locale");
        }
        assertEquals(200, handler.handleRequest(ApiEvents.request("GET", "/v1/notices").query("locale", "en").build(), null).getStatusCode());
    }
}
