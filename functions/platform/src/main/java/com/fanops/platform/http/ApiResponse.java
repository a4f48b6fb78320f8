package com.fanops.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.Map;

/** Response builders for handlers; every response carries the correlation id and is not cacheable. */
public final class ApiResponse {

    private ApiResponse() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return text(status, "application/json", write(body));
    }

    public static APIGatewayV2HTTPResponse created(String location, Object body) {
        APIGatewayV2HTTPResponse response = json(201, body);
        response.getHeaders().put("location", location);
        return response;
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return text(204, "text/plain", "");
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        return text(problem.status(), "application/problem+json", write(problem));
    }

    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        if (Log.correlationId() != null) {
            headers.put("x-correlation-id", Log.correlationId());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private static String write(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
