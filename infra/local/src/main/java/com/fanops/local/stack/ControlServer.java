package com.fanops.local.stack;

import com.fanops.local.lambda.InvokeResult;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's own controls, used by {@code ./fanops invoke}: fire a schedule with a chosen event time,
 * invoke a function directly, and report status. Loopback only, like everything else.
 */
final class ControlServer extends SimpleHttp {

    private final LocalCloud cloud;

    ControlServer(int port, LocalCloud cloud) throws IOException {
        super(port);
        this.cloud = cloud;
        server.createContext("/_local/status", this::status);
        server.createContext("/_local/schedules/fire", this::fire);
        server.createContext("/_local/functions/", this::invoke);
        start();
    }

    private void status(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, String> endpoints = new LinkedHashMap<>();
            cloud.endpoints().forEach((k, v) -> endpoints.put(k, v.toString()));
            body.put("endpoints", endpoints);
            body.put("schedules", cloud.scheduleRules());
            body.put("functions", cloud.lambda().stats());
            replyJson(exchange, 200, body);
        }
    }

    private void fire(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                replyJson(exchange, 405, Map.of("message", "POST {\"name\":..., \"time\":...}"));
                return;
            }
            Map<?, ?> request = JSON.readValue(readBody(exchange), Map.class);
            Object time = request.get("time");
            Instant at = time == null ? cloud.clock().instant() : OffsetDateTime.parse(String.valueOf(time)).toInstant();
            String rule = cloud.fireSchedule(String.valueOf(request.get("name")), at);
            replyJson(exchange, 200, Map.of("rule", rule, "time", at.toString()));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            replyJson(exchange, 400, Map.of("message", String.valueOf(e.getMessage())));
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length != 5 || !parts[4].equals("invoke") || !exchange.getRequestMethod().equals("POST")) {
                replyJson(exchange, 404, Map.of("message", "POST /_local/functions/{name}/invoke"));
                return;
            }
            byte[] payload = exchange.getRequestBody().readAllBytes();
            InvokeResult result = cloud.invoke(parts[3], payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload);
            if (result.errorType() != null) {
                exchange.getResponseHeaders().set("x-amz-function-error", result.errorType());
            }
            reply(exchange, 200, "application/json", result.payload() == null ? new byte[0] : result.payload());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replyJson(exchange, 503, Map.of("message", "interrupted"));
        } catch (IllegalArgumentException e) {
            replyJson(exchange, 404, Map.of("message", String.valueOf(e.getMessage())));
        }
    }
}
