package com.fanops.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one input contract every route reads through: bodies, path parameters and query parameters. */
class InputContractTest {

    record Consents(Boolean marketing) {
    }

    record Form(String name, Integer count, LocalDate day, List<String> tags, Consents consents, Map<String, String> texts,
                Double rate, Long points, List<Map<String, Object>> events) {
    }

    static final Pattern ID = Pattern.compile("m_[0-9a-f]{1,64}");

    static final class Handler extends ApiHandler {
        Handler() {
            route("POST /forms", req -> ApiResponse.json(200, req.bodyAs(Form.class, 64 * 1024)));
            route("GET /things/{id}", req -> ApiResponse.json(200, Map.of("id", req.pathParam("id", ID))));
            route("GET /days/{day}", req -> ApiResponse.json(200, Map.of("day", req.pathDate("day").toString())));
            route("GET /list", req -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("limit", req.queryInt("limit", 1, 200, 50));
                LocalDate from = req.queryDate("from", LocalDate.of(2021, 1, 1), LocalDate.of(2026, 3, 2), null);
                out.put("from", from == null ? "none" : from.toString());
                String cursor = req.queryCursor("cursor");
                out.put("cursor", cursor == null ? "none" : cursor);
                String q = req.queryText("q", 40);
                out.put("q", q == null ? "none" : q);
                String status = req.queryOneOf("status", List.of("open", "closed"));
                out.put("status", status == null ? "none" : status);
                String id = req.queryMatching("id", ID);
                out.put("id", id == null ? "none" : id);
                return ApiResponse.json(200, out);
            });
        }
    }

    private final Handler handler = new Handler();

    private JsonNode send(String json) throws Exception {
        return answer(handler.handleRequest(ApiEvents.request("POST", "/forms").json(json).build(), null), 400);
    }

    private static JsonNode answer(APIGatewayV2HTTPResponse response, int status) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        if (status >= 400) {
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        }
        return Json.mapper().readTree(response.getBody());
    }

    private static String field(JsonNode problem) {
        return problem.at("/errors/0/field").asText();
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKey() throws Exception {
        assertEquals("name", field(send("{\"name\":\"a\",\"name\":\"b\"}")));
        assertEquals("consents.marketing", field(send("{\"consents\":{\"marketing\":true,\"marketing\":false}}")));
        assertEquals("name", field(send("{\"name\":\"a\",\"count\":1,\"name\":\"b\"}")));
        assertEquals("events[1].id", field(send("{\"events\":[{\"id\":1},{\"id\":2,\"x\":0,\"id\":3}]}")));
        assertEquals("appears twice", send("{\"name\":\"a\",\"name\":\"b\"}").at("/errors/0/message").asText());
    }

    @Test
    void trailingTokensAndNonObjectsAreRefused() throws Exception {
        assertEquals("body", field(send("{\"name\":\"a\"} {\"name\":\"b\"}")));
        assertEquals("body", field(send("{\"name\":\"a\"} x")));
        assertEquals("body", field(send("{\"name\":\"a\"")));
        assertEquals("body", field(send("[{\"name\":\"a\"}]")));
        assertEquals("body", field(send("\"text\"")));
        assertEquals("body", field(send("null")));
    }

    @Test
    void numbersBeyondRangeAreNamedNeverInfinity() throws Exception {
        assertEquals("rate", field(send("{\"rate\":1e309}")));
        assertEquals("rate", field(send("{\"rate\":-1e309}")));
        assertEquals("events[0].amount", field(send("{\"events\":[{\"amount\":1e309}]}")));
        assertEquals("events[0].amount", field(send("{\"events\":[{\"amount\":-1E+309}]}")));
        assertEquals("events[0].amount", field(send("{\"events\":[{\"amount\":1e-999999999}]}")));
        assertEquals("events[0].amount", field(send("{\"events\":[{\"amount\":0e999999999}]}")));
        assertEquals("points", field(send("{\"points\":9223372036854775808}")));
        assertEquals("points", field(send("{\"points\":1.5}")));
        JsonNode ok = answer(handler.handleRequest(ApiEvents.request("POST", "/forms")
                .json("{\"rate\":1e300,\"points\":-9223372036854775808,\"events\":[{\"amount\":120.5}]}").build(), null), 200);
        assertEquals(Long.MIN_VALUE, ok.get("points").asLong());
        assertEquals(120.5, ok.at("/events/0/amount").asDouble());
    }

    @Test
    void wrongTypesOnOptionalFieldsAreNamedNotDropped() throws Exception {
        assertEquals("consents.marketing", field(send("{\"consents\":{\"marketing\":\"yes\"}}")));
        assertEquals("count", field(send("{\"count\":\"3\"}")));
        assertEquals("count", field(send("{\"count\":1.5}")));
        assertEquals("day", field(send("{\"day\":0}")));
        assertEquals("day", field(send("{\"day\":\"\"}")));
        assertEquals("day", field(send("{\"day\":[2026,1,1]}")));
        assertEquals("tags", field(send("{\"tags\":\"one\"}")));
        assertEquals("name", field(send("{\"name\":{}}")));
        assertEquals("consents", field(send("{\"consents\":\"\"}")));
    }

    @Test
    void nullsInsideArraysAndMapsAreNamedByElement() throws Exception {
        JsonNode problem = send("{\"tags\":[\"a\",null]}");
        assertEquals("tags[1]", field(problem));
        assertEquals("must not be null", problem.at("/errors/0/message").asText());
        assertEquals("texts.en", field(send("{\"texts\":{\"en\":null}}")));
        assertEquals("events[0]", field(send("{\"events\":[null]}")));
        assertEquals("events[1]", field(send("{\"events\":[{},null]}")));
    }

    @Test
    void deepNestingAndHugeNumbersAreClientErrors() throws Exception {
        assertEquals("body", field(send("[".repeat(5000) + "]".repeat(5000))));
        assertEquals("body", field(send("{\"consents\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41))));
        assertEquals("body", field(send("{\"count\":" + "9".repeat(100) + "}")));
        assertEquals("count", field(send("{\"count\":99999999999}")));
    }

    @Test
    void datesAreIsoOnlyStrictAndBounded() throws Exception {
        assertEquals("day", field(send("{\"day\":\"2026-02-30\"}")));
        assertEquals("day", field(send("{\"day\":\"0001-01-01\"}")));
        assertEquals("day", field(send("{\"day\":\"+999999999-12-31\"}")));
        assertEquals("day", field(send("{\"day\":\"2026-3-1\"}")));
        assertEquals("day", field(send("{\"day\":\"2026-03-01T00:00:00\"}")));
        JsonNode ok = answer(handler.handleRequest(ApiEvents.request("POST", "/forms").json("{\"day\":\"2024-02-29\"}").build(), null), 200);
        assertEquals("2024-02-29", ok.get("day").asText());
    }

    @Test
    void everyStringPassesTheTextBaselineAndIsNfc() throws Exception {
        assertEquals("name", field(send("{\"name\":\"a\\u0000b\"}")));
        assertEquals("name", field(send("{\"name\":\"\\ud800\"}")));
        assertEquals("tags[0]", field(send("{\"tags\":[\"\\udc00x\"]}")));
        assertEquals("name", field(send("{\"name\":\"a\\u202eb\"}")));
        assertEquals("name", field(send("{\"name\":\"a\\ufdd0\"}")));
        assertEquals("name", field(send("{\"name\":\"a\\u0085\"}")));
        assertEquals("texts.en", field(send("{\"texts\":{\"en\":\"\\u2066x\"}}")));
        assertEquals("events[0].activityId", field(send("{\"events\":[{\"activityId\":\"\\uffff\"}]}")));
        assertEquals("events[0].activityId", field(send("{\"events\":[{\"activityId\":\"a\\ud800b\"}]}")));
        assertEquals("texts", field(send("{\"texts\":{\"e\\u0000n\":\"x\"}}")));
        JsonNode ok = answer(handler.handleRequest(ApiEvents.request("POST", "/forms")
                .json("{\"name\":\"cafe\\u0301\",\"texts\":{\"en\":\"line one\\nline two\"}}").build(), null), 200);
        assertEquals("caf\u00e9", ok.get("name").asText());
    }

    @Test
    void pathParametersAreCheckedForLengthAndShape() throws Exception {
        assertEquals(200, handler.handleRequest(ApiEvents.request("GET", "/things/{id}", "m_0a1b").build(), null).getStatusCode());
        for (String bad : List.of("m_" + "a".repeat(2000), "x", "m_ABC", "m_a/../b", "m_a\u0000")) {
            assertEquals("id", field(answer(handler.handleRequest(ApiEvents.request("GET", "/things/{id}", bad).build(), null), 400)));
        }
        for (String bad : List.of("2026-13-01", "0001-01-01", "+999999999-12-31", "x".repeat(5000))) {
            assertEquals("day", field(answer(handler.handleRequest(ApiEvents.request("GET", "/days/{day}", bad).build(), null), 400)));
        }
    }

    @Test
    void queryParametersAreTypedAndBounded() throws Exception {
        JsonNode ok = answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("limit", "7").query("from", "2025-01-01")
                .query("cursor", "TCMyMDI2").query("q", " caf\u0065\u0301 ").build(), null), 200);
        assertEquals(7, ok.get("limit").asInt());
        assertEquals("2025-01-01", ok.get("from").asText());
        assertEquals("caf\u00e9", ok.get("q").asText());
        assertEquals(50, answer(handler.handleRequest(ApiEvents.request("GET", "/list").build(), null), 200).get("limit").asInt());
        for (String limit : List.of("abc", "-1", "0", "201", "99999999999", "", "1.5", "1,2")) {
            assertEquals("limit", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("limit", limit).build(), null), 400)));
        }
        for (String from : List.of("0001-01-01", "+999999999-12-31", "2020-12-31", "2026-03-03", "yesterday")) {
            assertEquals("from", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("from", from).build(), null), 400)));
        }
        for (String cursor : List.of("not a cursor", "a".repeat(513), "abc=", "x/y")) {
            assertEquals("cursor", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("cursor", cursor).build(), null), 400)));
        }
        for (String q : List.of("a\u0000", "\ud800", "x".repeat(41), "a\nb", "x".repeat(100_000))) {
            assertEquals("q", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("q", q).build(), null), 400)));
        }
        for (String status : List.of("OPEN", "", "x".repeat(5000), "open ")) {
            assertEquals("status", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("status", status).build(), null), 400)));
        }
        for (String id : List.of("m_" + "a".repeat(2000), "m_XYZ", "")) {
            assertEquals("id", field(answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("id", id).build(), null), 400)));
        }
        JsonNode typed = answer(handler.handleRequest(ApiEvents.request("GET", "/list").query("status", "open").query("id", "m_ab").build(), null), 200);
        assertEquals("open", typed.get("status").asText());
        assertEquals("m_ab", typed.get("id").asText());
    }
}
