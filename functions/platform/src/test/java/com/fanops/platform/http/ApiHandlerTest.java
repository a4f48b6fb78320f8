package com.fanops.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.auth.Role;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

    record Address(String city) {
    }

    record Order(String id, int quantity, List<Address> shipTo) {
    }

    static final class Handler extends ApiHandler {
        Handler() {
            route("POST /orders", req -> ApiResponse.json(201, req.bodyAs(Order.class, 1024)));
            route("GET /boom", req -> {
                throw new IllegalStateException("secret detail");
            });
            route("POST /limited", req -> {
                throw new com.fanops.platform.limits.RateLimitedException(42);
            });
            route("GET /v1/admin/things", req -> ApiResponse.json(200, Map.of("by", req.caller().requireAny(Role.MANAGER).username())));
        }
    }

    private final Handler handler = new Handler();

    private JsonNode problem(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void aRateLimitIsA429WithRetryAfter() throws Exception {
        var response = handler.handleRequest(ApiEvents.request("POST", "/limited").build(), null);
        assertEquals(429, response.getStatusCode());
        assertEquals("42", response.getHeaders().get("retry-after"));
        assertEquals(Problem.BASE + "rate-limited", problem(response).get("type").asText());
    }

    @Test
    void validBodyIsParsed() {
        var response = handler.handleRequest(ApiEvents.request("POST", "/orders")
                .json("{\"id\":\"o1\",\"quantity\":2,\"shipTo\":[{\"city\":\"Hangzhou\"}]}").build(), null);
        assertEquals(201, response.getStatusCode());
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        var response = handler.handleRequest(ApiEvents.request("POST", "/orders").json("{\"id\":\"o1\",\"quantity\":1,\"colour\":\"red\"}").build(), null);
        assertEquals(400, response.getStatusCode());
        JsonNode body = problem(response);
        assertEquals("colour", body.at("/errors/0/field").asText());
        assertEquals("unknown field", body.at("/errors/0/message").asText());
    }

    @Test
    void wrongTypeIsNamedWithItsPath() throws Exception {
        var response = handler.handleRequest(ApiEvents.request("POST", "/orders")
                .json("{\"id\":\"o1\",\"quantity\":\"two\"}").build(), null);
        assertEquals("quantity", problem(response).at("/errors/0/field").asText());
        var nested = handler.handleRequest(ApiEvents.request("POST", "/orders")
                .json("{\"id\":\"o1\",\"quantity\":1,\"shipTo\":[{\"city\":3}]}").build(), null);
        assertEquals("shipTo[0].city", problem(nested).at("/errors/0/field").asText());
    }

    @Test
    void malformedJsonWrongMediaTypeOversizeAndNonUtf8AreClientErrors() throws Exception {
        assertEquals("body", problem(handler.handleRequest(ApiEvents.request("POST", "/orders").json("{\"id\":").build(), null))
                .at("/errors/0/field").asText());
        var text = ApiEvents.request("POST", "/orders").json("{}").header("content-type", "text/plain").build();
        assertEquals(415, handler.handleRequest(text, null).getStatusCode());
        var big = ApiEvents.request("POST", "/orders").json("{\"id\":\"" + "x".repeat(2000) + "\"}").build();
        assertEquals(413, handler.handleRequest(big, null).getStatusCode());
        APIGatewayV2HTTPEvent latin1 = ApiEvents.request("POST", "/orders").json("").build();
        latin1.setBody(Base64.getEncoder().encodeToString("{\"id\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
        latin1.setIsBase64Encoded(true);
        var response = handler.handleRequest(latin1, null);
        assertEquals(400, response.getStatusCode());
        assertTrue(problem(response).at("/errors/0/message").asText().contains("UTF-8"));
    }

    @Test
    void unexpectedFaultIsA500WithCorrelationIdAndNoDetailLeak() throws Exception {
        var response = handler.handleRequest(ApiEvents.request("GET", "/boom").header("x-correlation-id", "corr-123456").build(), null);
        assertEquals(500, response.getStatusCode());
        JsonNode body = problem(response);
        assertEquals("corr-123456", body.path("correlationId").asText());
        assertEquals("corr-123456", response.getHeaders().get("x-correlation-id"));
        assertFalse(response.getBody().contains("secret detail"));
    }

    @Test
    void anonymousIs401AndWrongRoleIs403() {
        assertEquals(401, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/things").build(), null).getStatusCode());
        assertEquals(403, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/things")
                .operator("a@x", List.of("analyst")).build(), null).getStatusCode());
        assertEquals(200, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/things")
                .operator("m@x", List.of("analyst", "manager")).build(), null).getStatusCode());
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        var response = handler.handleRequest(ApiEvents.request("GET", "/nowhere").build(), null);
        assertEquals(404, problem(response).path("status").asInt());
    }
}
