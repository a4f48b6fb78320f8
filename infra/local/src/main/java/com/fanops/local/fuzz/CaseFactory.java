package com.fanops.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a route and a seeded random into one case: the route's example as is, or with one thing broken - a field
 * (bad value, dropped, unknown field added, key duplicated), the whole body (malformed, deep, huge, wrong top-level
 * type, wrong content type), a path parameter, a query parameter, or the credential. Routes take turns, so every
 * route of the template gets its share.
 */
final class CaseFactory {

    /** Per case: the fixtures' values plus fresh personal data ({@code nickname}, {@code phone}, {@code email}, {@code uniq}). */
    interface Values {
        Map<String, JsonNode> forCase(int index, Random random);

        List<String> personalKeys();
    }

    static final String MARK = "@@fuzz-mark@@";
    private static final String[] ROLES = {"admin", "manager", "agent", "analyst"};
    private static final String[] WRONG_CREDENTIALS = {"none", "forged-jwt", "garbage-bearer", "garbage-key", "member", "victim",
            "channel", "jwt:admin", "jwt:analyst", "tampered-jwt"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/x-www-form-urlencoded", "", "application/problem+json", "text/csv"};
    private static final int[] DEPTHS = {64, 1000, 10_000, 100_000};
    private static final String[] TAILS = {" {}", "x", ",", "]", "}", "\u0000", " []", "{\"a\":1}"};
    private static final String[] TOPS = {"[]", "null", "\"x\"", "1", "true", "", " ", "[{}]", "[null]"};
    private static final String[] QUERY_NAMES = {"limit", "cursor", "from", "to", "start", "format", "status", "contact", "id",
            "channel", "locale"};

    private final List<FuzzRoute> routes;
    private final Map<String, RouteExample> examples;
    private final Values values;

    CaseFactory(List<FuzzRoute> routes, Map<String, RouteExample> examples, Values values) {
        this.routes = List.copyOf(routes);
        this.examples = examples;
        this.values = values;
    }

    /** The random of case {@code index} in a run with {@code seed}: any case can be made again on its own. */
    static Random randomFor(long seed, int index) {
        return new Random(seed * 1_000_003L + index);
    }

    List<FuzzRoute> routes() {
        return routes;
    }

    FuzzCase next(int index, Random random) {
        FuzzRoute route = routes.get(index % routes.size());
        RouteExample ex = examples.getOrDefault(route.key(), RouteExample.NONE);
        Map<String, JsonNode> v = values.forCase(index, random);
        String credential = natural(route, ex, random);
        JsonNode body = RouteExample.resolve(ex.body(), v);
        Map<String, String> query = new LinkedHashMap<>();
        ex.query().forEach((k, val) -> query.put(k, RouteExample.fill(val, v)));
        Map<String, String> headers = new LinkedHashMap<>();
        ex.headers().forEach((k, val) -> headers.put(k, RouteExample.fill(val, v)));
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (String p : route.params()) {
            String raw = ex.path().getOrDefault(p, v.containsKey(p) ? "${" + p + "}" : "${uniq}");
            pathValues.put(p, RouteExample.fill(raw, v));
        }
        String bodyText = body == null ? null : bodyText(body);
        String kind;
        int roll = random.nextInt(100);
        if (roll < 10) {
            kind = "valid";
        } else if (roll < 45 && body != null && hasFields(body)) {
            String[] broken = breakField(body, random);
            kind = broken[0];
            bodyText = broken[1];
        } else if (roll < 60 && route.sendsBody()) {
            String[] broken = breakBody(bodyText == null ? "{}" : bodyText, headers, random);
            kind = broken[0];
            bodyText = broken[1];
        } else if (roll < 72 && !pathValues.isEmpty()) {
            String p = route.params().get(random.nextInt(route.params().size()));
            pathValues.put(p, FuzzValues.draw(FuzzValues.badParams(), random));
            kind = "path " + p;
        } else if (roll < 86) {
            kind = breakQuery(query, random);
        } else {
            credential = WRONG_CREDENTIALS[random.nextInt(WRONG_CREDENTIALS.length)];
            kind = "credential " + credential;
        }
        if (bodyText != null && !headers.containsKey("content-type")) {
            headers.put("content-type", "application/json");
        }
        String path = route.fill(p -> JsonText.percent(pathValues.get(p)));
        StringBuilder q = new StringBuilder();
        query.forEach((k, val) -> q.append(q.length() == 0 ? "?" : "&").append(JsonText.percent(k.replaceAll("#\\d+$", "")))
                .append('=').append(JsonText.percent(val)));
        byte[] bytes = bodyText == null ? null : bodyText.startsWith("\u0000raw:") ? rawBytes(bodyText) : JsonText.utf8(bodyText);
        List<String> personal = new ArrayList<>();
        String sent = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        for (String key : values.personalKeys()) {
            JsonNode value = v.get(key);
            if (value != null && sent.contains(value.asText())) {
                personal.add(value.asText());
            }
        }
        return new FuzzCase(index, route.key(), kind, route.method(), path + q, headers, bytes, credential, personal);
    }

    private static String natural(FuzzRoute route, RouteExample ex, Random random) {
        if (route.jwt()) {
            // Mostly admin, who may call every admin route, so that cases reach the code behind the role check.
            return "jwt:" + (random.nextInt(10) < 6 ? "admin" : ROLES[random.nextInt(ROLES.length)]);
        }
        return ex.credential() == null || ex.credential().equals("jwt") ? "none" : ex.credential();
    }

    static String bodyText(JsonNode body) {
        // A text example is sent as it is (a CSV upload); an NDJSON route's example is one line; JSON text for everyone else.
        return body.isTextual() ? body.asText() : body.toString();
    }

    private static boolean hasFields(JsonNode body) {
        return body.isContainerNode() && body.size() > 0;
    }

    /** Every non-root node's location: [parent, field name or index]. */
    private static void locations(JsonNode node, List<Object[]> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                out.add(new Object[] {node, f});
                locations(node.get(f), out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Object[] {node, i});
                locations(node.get(i), out);
            }
        }
    }

    /** One field broken; answers {kind, body text}. */
    private static String[] breakField(JsonNode original, Random random) {
        JsonNode body = original.deepCopy();
        List<Object[]> where = new ArrayList<>();
        locations(body, where);
        Object[] at = where.get(random.nextInt(where.size()));
        String name = at[1] instanceof Integer i ? "[" + i + "]" : String.valueOf(at[1]);
        int how = random.nextInt(10);
        if (how == 0 && at[0] instanceof ObjectNode o) {
            o.remove((String) at[1]);
            return new String[] {"drop " + name, body.toString()};
        }
        if (how == 1 && at[0] instanceof ObjectNode o) {
            o.put("zz" + random.nextInt(1000), FuzzValues.draw(FuzzValues.oddStrings(), random));
            return new String[] {"unknown field beside " + name, body.toString()};
        }
        JsonNode was = at[0] instanceof ObjectNode o ? o.get((String) at[1]) : ((JsonNode) at[0]).get((Integer) at[1]);
        String bad = FuzzValues.draw(badFor(was), random);
        // Only an object's key can appear twice; an array element drawn for it is broken as a field instead.
        boolean duplicate = how == 2 && at[0] instanceof ObjectNode;
        if (duplicate) {
            bad = was + ",\"" + at[1] + "\":" + bad;
        }
        set(at, TextNode.valueOf(MARK));
        String kind = (duplicate ? "duplicate " : "field ") + name + "=" + FuzzCase.printable(bad.length() > 40 ? bad.substring(0, 40) + "..." : bad);
        return new String[] {kind, body.toString().replace("\"" + MARK + "\"", bad)};
    }

    /** Values aimed at the field's kind, so that they pass the parser and reach the rules behind it. */
    private static net.jqwik.api.Arbitrary<String> badFor(JsonNode original) {
        if (original.isNumber() || original.isTextual() && original.asText().matches("-?[0-9]+(\\.[0-9]+)?")) {
            return FuzzValues.badForNumber();
        }
        if (original.isTextual()) {
            return FuzzValues.badForText();
        }
        return original.isContainerNode() ? FuzzValues.badForContainer() : FuzzValues.badJsonValues();
    }

    private static void set(Object[] at, JsonNode value) {
        if (at[0] instanceof ObjectNode o) {
            o.set((String) at[1], value);
        } else {
            ((ArrayNode) at[0]).set((Integer) at[1], value);
        }
    }

    /** The whole body broken; answers {kind, body text}. A text starting with NUL+"raw:" is sent as Latin-1 bytes. */
    private static String[] breakBody(String example, Map<String, String> headers, Random random) {
        int depth = DEPTHS[random.nextInt(DEPTHS.length)];
        return switch (random.nextInt(12)) {
            case 0 -> {
                int cut = example.isEmpty() ? 0 : random.nextInt(example.length());
                yield new String[] {"truncated at " + cut, example.substring(0, cut)};
            }
            case 1 -> {
                String tail = TAILS[random.nextInt(TAILS.length)];
                yield new String[] {"trailing " + FuzzCase.printable(tail), example + tail};
            }
            case 2 -> new String[] {"deep arrays " + depth, "[".repeat(depth) + "]".repeat(depth)};
            case 3 -> new String[] {"deep objects " + depth, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)};
            case 4 -> {
                String top = TOPS[random.nextInt(TOPS.length)];
                yield new String[] {"top-level " + (top.isBlank() ? "empty" : top), top};
            }
            case 5 -> {
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                yield new String[] {"random bytes", "\u0000raw:" + new String(junk, StandardCharsets.ISO_8859_1)};
            }
            case 6 -> new String[] {"byte order mark", "\uFEFF" + example};
            case 7 -> new String[] {"single quotes", example.replace('"', '\'')};
            case 8 -> new String[] {"comment", example.length() < 2 ? "/**/" + example : example.charAt(0) + "/* c */" + example.substring(1)};
            case 9 -> {
                String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                headers.put("content-type", type);
                yield new String[] {"content-type " + (type.isEmpty() ? "empty" : type), example};
            }
            case 10 -> new String[] {"huge body", "{\"pad\":\"" + "a".repeat(random.nextBoolean() ? 300_000 : 700_000)
                    + "\"," + (example.length() > 1 ? example.substring(1) : "}")};
            default -> new String[] {"non-finite number", example.length() > 1 && example.startsWith("{")
                    ? "{\"n\":NaN," + example.substring(1) : "NaN"};
        };
    }

    /** One query parameter broken, an unknown one added, or one repeated; answers the kind. */
    private static String breakQuery(Map<String, String> query, Random random) {
        String bad = FuzzValues.draw(FuzzValues.badParams(), random);
        int how = random.nextInt(4);
        if (how == 0 || query.isEmpty()) {
            String name = QUERY_NAMES[random.nextInt(QUERY_NAMES.length)];
            query.put(name, bad);
            return "query " + name;
        }
        List<String> names = new ArrayList<>(query.keySet());
        String name = names.get(random.nextInt(names.size()));
        if (how == 1) {
            query.put(name + "#2", bad); // the suffix keeps the map key apart; it is cut when the URL is built
            return "query " + name + " repeated";
        }
        if (how == 2) {
            query.put("zz" + FuzzValues.draw(FuzzValues.badParams(), random), bad);
            return "query unknown name";
        }
        query.put(name, bad);
        return "query " + name;
    }

    private static byte[] rawBytes(String marked) {
        return marked.substring("\u0000raw:".length()).getBytes(StandardCharsets.ISO_8859_1);
    }
}
