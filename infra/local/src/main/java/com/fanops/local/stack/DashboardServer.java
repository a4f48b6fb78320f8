package com.fanops.local.stack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the admin-ui build as S3 + CloudFront do in AWS, plus {@code /config.json}: the endpoints the
 * dashboard talks to (in AWS the deploy step writes the same file from the stack outputs).
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

    DashboardServer(int port, Path root, Map<String, Object> settings) throws IOException {
        super(port);
        this.root = root.toAbsolutePath().normalize();
        this.config = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings);
        server.createContext("/", this::serve);
        start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "text/plain", "method not allowed".getBytes());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.json")) {
                exchange.getResponseHeaders().set("cache-control", "no-store");
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
            exchange.getResponseHeaders().set("cache-control", "no-cache");
            exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
            reply(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
        }
    }
}
