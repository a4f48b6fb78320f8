package com.fanops.local.stack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Serves the admin-ui build as S3 + CloudFront do in AWS, plus {@code /config.json}: the endpoints the
 * dashboard talks to (in AWS the deploy step writes the same file from the stack outputs). Every answer carries the
 * security headers of the distribution's response headers policy in template.yaml, with the same strict
 * Content-Security-Policy; its connect-src names the API and Cognito origins of that config.
 */
final class DashboardServer extends SimpleHttp {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"), Map.entry("map", "application/json"));

    private final Path root;
    private final byte[] config;
    private final String contentSecurityPolicy;

    DashboardServer(int port, Path root, Map<String, Object> settings) throws IOException {
        super(port);
        this.root = root.toAbsolutePath().normalize();
        this.config = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings);
        this.contentSecurityPolicy = contentSecurityPolicy(settings);
        server.createContext("/", this::serve);
        start();
    }

    /** The dashboard's policy: its own files only, no inline script or style, API and Cognito calls to their origins. */
    static String contentSecurityPolicy(Map<String, Object> settings) {
        String connect = Stream.of("apiUrl", "cognitoEndpoint").map(settings::get).filter(Objects::nonNull)
                .map(url -> origin(url.toString())).distinct().collect(Collectors.joining(" "));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                + (connect.isEmpty() ? "" : " " + connect)
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("content-security-policy", contentSecurityPolicy);
            headers.set("x-frame-options", "DENY");
            headers.set("referrer-policy", "no-referrer");
            headers.set("x-content-type-options", "nosniff");
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "text/plain", "method not allowed".getBytes());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.json")) {
                headers.set("cache-control", "no-store");
                reply(exchange, 200, "application/json", config);
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root)) {
                reply(exchange, 404, "text/plain", "not found".getBytes());
                return;
            }
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                reply(exchange, 404, "text/plain", "not found".getBytes());
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            // Revalidated on every load, so a page loads the files of the newest deploy (README: Deploy to AWS with SAM).
            headers.set("cache-control", "no-cache");
            reply(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
        }
    }
}
