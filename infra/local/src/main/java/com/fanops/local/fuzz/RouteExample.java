package com.fanops.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A valid request for a route (from {@code fuzz/route-examples.json}): credential kind, body, query, headers and path
 * values with {@code ${name}} placeholders. A route without an example gets {@link #NONE}: generic bodies only.
 */
record RouteExample(String credential, JsonNode body, Map<String, String> query, Map<String, String> headers,
                    Map<String, String> path) {

    static final RouteExample NONE = new RouteExample(null, null, Map.of(), Map.of(), Map.of());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    static final String PROJECT = "/fuzz/route-examples.json";

    static Map<String, RouteExample> load(String resource) {
        try (InputStream in = RouteExample.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no examples resource " + resource);
            }
            JsonNode root = JSON.readTree(in);
            Map<String, RouteExample> out = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("_")) {
                    JsonNode v = e.getValue();
                    out.put(e.getKey(), new RouteExample(v.path("credential").asText(null), v.get("body"), strings(v.get("query")),
                            strings(v.get("headers")), strings(v.get("path"))));
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** A string that is exactly one placeholder becomes that value's JSON (a number, an object); others are filled in. */
    static JsonNode resolve(JsonNode node, Map<String, JsonNode> values) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            Matcher whole = PLACEHOLDER.matcher(node.asText());
            if (whole.matches() && values.containsKey(whole.group(1))) {
                return values.get(whole.group(1)).deepCopy();
            }
            return TextNode.valueOf(fill(node.asText(), values));
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), values)));
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(item -> out.add(resolve(item, values)));
            return out;
        }
        return node.deepCopy();
    }

    static String fill(String text, Map<String, JsonNode> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            JsonNode v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no fuzz fixture value named " + m.group(1));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v.isTextual() ? v.asText() : v.toString()));
        }
        return m.appendTail(b).toString();
    }
}
