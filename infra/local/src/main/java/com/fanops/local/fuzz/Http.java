package com.fanops.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The fuzzer's HTTP client for the local API: sends bytes as they are, answers status, content type and body. */
final class Http {

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return RouteExample.JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;

    Http(URI api) {
        this.api = api;
    }

    Answer send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.toString().replaceAll("/$", "") + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), new String(r.body(), StandardCharsets.UTF_8));
    }

    /** For the fixtures: a JSON call that must succeed. */
    JsonNode call(String method, String path, Map<String, String> headers, String json) throws IOException, InterruptedException {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        if (json != null) {
            h.put("content-type", "application/json");
        }
        Answer a = send(method, path, h, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        if (a.status() / 100 != 2) {
            throw new IllegalStateException("fuzz fixture " + method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }
}
