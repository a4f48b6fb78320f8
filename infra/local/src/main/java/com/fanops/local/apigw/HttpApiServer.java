package com.fanops.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An API Gateway HTTP API on loopback: routes, CORS, throttling and JWT authorizers from the template,
 * and the payload format 2.0 event and response mapping, so handlers see what they see in AWS.
 */
public final class HttpApiServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final String apiId;
    private final RouteTable routes;
    private final Map<String, JwtAuthorizerConfig> authorizers;
    private final JwtVerifier verifier;
    private final CorsConfig cors;
    private final FunctionCaller caller;
    private final Clock clock;
    private final TokenBucket throttle;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-api");
        t.setDaemon(true);
        return t;
    });

    public HttpApiServer(int port, String apiId, List<Route> routes, Map<String, JwtAuthorizerConfig> authorizers,
                         JwtVerifier verifier, CorsConfig cors, FunctionCaller caller, Clock clock, Double rateLimit,
                         Integer burstLimit) throws IOException {
        this.apiId = apiId;
        this.routes = new RouteTable(routes);
        this.authorizers = authorizers;
        this.verifier = verifier;
        this.cors = cors;
        this.caller = caller;
        this.clock = clock;
        this.throttle = rateLimit == null ? null : new TokenBucket(rateLimit, burstLimit == null ? rateLimit.intValue() : burstLimit);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    public void mount(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
    }

    public void start() {
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("apigw-requestid", requestId);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (cors != null && method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                preflight(exchange, origin);
                return;
            }
            if (throttle != null && !throttle.tryTake()) {
                send(exchange, 429, origin, message("Too Many Requests"));
                return;
            }
            Optional<RouteTable.Match> match = routes.find(method, path);
            if (match.isEmpty()) {
                send(exchange, 404, origin, message("Not Found"));
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                send(exchange, 413, origin, message("Request Entity Too Large"));
                return;
            }
            Route route = match.get().route();
            Map<String, Object> claims = null;
            if (route.authorizer() != null) {
                claims = authorize(route.authorizer(), exchange.getRequestHeaders());
                if (claims == null) {
                    exchange.getResponseHeaders().set("www-authenticate", "Bearer");
                    send(exchange, 401, origin, message("Unauthorized"));
                    return;
                }
            }
            Map<String, Object> event = event(exchange, route, match.get().pathParameters(), body, claims, requestId);
            FunctionCaller.FunctionReply reply;
            try {
                reply = caller.call(route.functionName(), JSON.writeValueAsBytes(event));
            } catch (Exception e) {
                send(exchange, 500, origin, message("Internal Server Error"));
                return;
            }
            if (reply.errorType() != null) {
                boolean timeout = "Sandbox.Timedout".equals(reply.errorType());
                send(exchange, timeout ? 503 : 500, origin, message(timeout ? "Service Unavailable" : "Internal Server Error"));
                return;
            }
            respond(exchange, origin, reply.payload());
        }
    }

    private Map<String, Object> authorize(String authorizerName, Headers headers) {
        JwtAuthorizerConfig config = authorizers.get(authorizerName);
        if (config == null || verifier == null) {
            return null;
        }
        String header = config.identitySource().replace("$request.header.", "");
        String value = headers.getFirst(header);
        if (value == null || value.isBlank()) {
            return null;
        }
        String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
        return verifier.verify(token, config.issuer(), config.audience()).orElse(null);
    }

    private Map<String, Object> event(HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body,
                                      Map<String, Object> claims, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(key, value, (a, b) -> a + "," + b);
            }
        }
        long now = clock.millis();
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", apiId);
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("domainPrefix", apiId);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(java.time.Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC)));
        context.put("timeEpoch", now);
        if (claims != null) {
            Map<String, String> stringClaims = new LinkedHashMap<>();
            claims.forEach((k, v) -> stringClaims.put(k, claimString(v)));
            Object scope = claims.get("scope");
            context.put("authorizer", Map.of("jwt", Map.of("claims", stringClaims,
                    "scopes", scope == null ? List.of() : List.of(String.valueOf(scope).split(" ")))));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** HTTP APIs pass every claim as a string; arrays become "[a b]". */
    static String claimString(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.contains("x-www-form-urlencoded") || type.contains("csv") || type.contains("ndjson");
    }

    private void respond(HttpExchange exchange, String origin, byte[] payload) throws IOException {
        JsonNode answer = payload == null || payload.length == 0 ? null : JSON.readTree(payload);
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            // Payload 2.0: an answer without statusCode is a 200 JSON body.
            exchange.getResponseHeaders().set("content-type", "application/json");
            send(exchange, 200, origin, payload == null ? new byte[0] : payload);
            return;
        }
        answer.path("headers").fields().forEachRemaining(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        answer.path("multiValueHeaders").fields().forEachRemaining(h -> h.getValue()
                .forEach(v -> exchange.getResponseHeaders().add(h.getKey(), v.asText())));
        answer.path("cookies").forEach(c -> exchange.getResponseHeaders().add("set-cookie", c.asText()));
        String body = answer.path("body").isNull() || answer.path("body").isMissingNode() ? "" : answer.path("body").asText();
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, answer.path("statusCode").asInt(200), origin, bytes);
    }

    private void preflight(HttpExchange exchange, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (origin != null && allowedOrigin(origin) != null) {
            out.set("access-control-allow-origin", allowedOrigin(origin));
            out.set("access-control-allow-methods", String.join(",", cors.allowMethods()));
            out.set("access-control-allow-headers", String.join(",", cors.allowHeaders()));
            if (cors.maxAge() != null) {
                out.set("access-control-max-age", String.valueOf(cors.maxAge()));
            }
            if (cors.allowCredentials()) {
                out.set("access-control-allow-credentials", "true");
            }
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private String allowedOrigin(String origin) {
        if (cors.allowOrigins().contains("*")) {
            return "*";
        }
        return cors.allowOrigins().contains(origin) ? origin : null;
    }

    private void send(HttpExchange exchange, int status, String origin, byte[] body) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (cors != null && origin != null && allowedOrigin(origin) != null) {
            out.set("access-control-allow-origin", allowedOrigin(origin));
            if (!cors.exposeHeaders().isEmpty()) {
                out.set("access-control-expose-headers", String.join(",", cors.exposeHeaders()));
            }
            if (cors.allowCredentials()) {
                out.set("access-control-allow-credentials", "true");
            }
        }
        if (!out.containsKey("content-type") && body.length > 0) {
            out.set("content-type", "application/json");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    private static byte[] message(String text) {
        return ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** API Gateway's throttling: a steady rate with a burst allowance. */
    static final class TokenBucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(double rate, int burst) {
            this.rate = rate;
            this.burst = Math.max(1, burst);
            this.tokens = this.burst;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
