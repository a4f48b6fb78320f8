package com.fanops.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The cases the fuzzer makes, on the project's template.yaml and its route examples. */
class CaseFactoryTest {

    private static final List<FuzzRoute> ROUTES = FuzzRoute.of(Template.load(Path.of("../../template.yaml")));
    private static final Map<String, RouteExample> EXAMPLES = RouteExample.load(RouteExample.PROJECT);

    /** Every value the examples refer to, as the fixtures would give them. */
    private static final CaseFactory.Values VALUES = new CaseFactory.Values() {
        @Override
        public Map<String, JsonNode> forCase(int index, Random random) {
            Map<String, JsonNode> v = new LinkedHashMap<>();
            for (String name : List.of("memberId", "victimId", "requestId", "victimKeyId", "today", "yesterday", "weekAgo", "monthAgo",
                    "monthStart", "hourAgo", "weekAgoInstant", "memberToken", "victimToken", "apiKey", "monthAhead", "budgetId", "poolId", "itemId",
                    "burnCode", "issuanceId", "victimIssuanceId", "approvalId")) {
                v.put(name, TextNode.valueOf(name.equals("memberId") || name.equals("victimId") ? "m_0123abcd" : "v-" + name));
            }
            for (String name : List.of("membershipVersion", "marketingVersion", "personalisationVersion", "rulesVersion",
                    "targetsVersion", "settingsVersion", "templatesVersion", "policyVersion", "catalogueVersion", "rewardRulesVersion", "approvalAbove", "slaVersion")) {
                v.put(name, IntNode.valueOf(1));
            }
            v.put("rulesValue", RouteExample.JSON.createObjectNode().put("halfLifeDays", 30));
            v.put("targetsValue", RouteExample.JSON.createObjectNode().put("conversion", 0.1));
            v.put("templatesValue", RouteExample.JSON.createObjectNode().set("welcome", RouteExample.JSON.createObjectNode()));
            v.put("policyValue", RouteExample.JSON.createObjectNode().put("capCount", 2));
            v.put("catalogueValue", RouteExample.JSON.createArrayNode().add(RouteExample.JSON.createObjectNode().put("itemId", "fuzz-badge")));
            v.put("rewardRulesValue", RouteExample.JSON.createArrayNode());
            v.put("slaValue", RouteExample.JSON.createObjectNode().put("diamondPercent", 50));
            v.put("uniq", TextNode.valueOf("u" + index));
            v.put("nickname", TextNode.valueOf("Fz" + index + "nick"));
            v.put("phone", TextNode.valueOf(String.format("139%08d", index)));
            v.put("email", TextNode.valueOf("fz." + index + "@example.org"));
            return v;
        }

        @Override
        public List<String> personalKeys() {
            return List.of("nickname", "phone", "email");
        }
    };

    private static FuzzCase make(int index, long seed) {
        return new CaseFactory(ROUTES, EXAMPLES, VALUES).next(index, CaseFactory.randomFor(seed, index));
    }

    @Property(tries = 200)
    void theSameSeedMakesTheSameCase(@ForAll @IntRange(max = 5000) int index, @ForAll long seed) {
        FuzzCase a = make(index, seed);
        FuzzCase b = make(index, seed);
        assertEquals(a.describe(), b.describe());
        assertArrayEquals(a.body(), b.body());
        assertEquals(a.headers(), b.headers());
    }

    @Property(tries = 300)
    void everyCaseIsARequestTheClientCanSendOnItsRoute(@ForAll @IntRange(max = 5000) int index, @ForAll long seed) {
        FuzzCase c = make(index, seed);
        assertEquals(ROUTES.get(index % ROUTES.size()).key(), c.route());
        assertTrue(c.pathAndQuery().startsWith("/"), c.describe());
        assertTrue(c.pathAndQuery().chars().allMatch(ch -> ch > 0x20 && ch < 0x7F), "a URL of printable ASCII: " + c.describe());
        java.net.URI.create("http://127.0.0.1" + c.pathAndQuery());
        assertTrue(c.pathAndQuery().length() < 64 * 1024, "a URL a client could send: " + c.pathAndQuery().length() + " chars");
        String sent = new String(c.body() == null ? new byte[0] : c.body(), StandardCharsets.UTF_8);
        assertFalse(!c.kind().equals("random bytes") && java.util.regex.Pattern.compile("\\$\\{[A-Za-z]+}").matcher(sent).find(),
                "every placeholder filled: " + c.describe());
    }

    @Example
    void routesTakeTurnsSoEveryRouteOfTheTemplateIsFuzzed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ROUTES.size(); i++) {
            seen.add(make(i, 1).route());
        }
        assertEquals(ROUTES.size(), seen.size());
        assertTrue(ROUTES.size() >= 39, "every HttpApi event of template.yaml: " + ROUTES.size());
    }

    @Example
    void everyExampleNamesARouteOfTheTemplate() {
        Set<String> keys = new HashSet<>();
        ROUTES.forEach(r -> keys.add(r.key()));
        assertEquals(Set.of(), EXAMPLES.keySet().stream().filter(k -> !keys.contains(k)).collect(java.util.stream.Collectors.toSet()));
    }

    @Example
    void validCasesAreTheExampleWithItsPersonalDataTracked() throws Exception {
        int index = ROUTES.indexOf(ROUTES.stream().filter(r -> r.key().equals("POST /v1/members")).findFirst().orElseThrow());
        FuzzCase valid = null;
        for (int i = index; valid == null; i += ROUTES.size()) {
            FuzzCase c = make(i, 3);
            valid = c.kind().equals("valid") ? c : null;
        }
        JsonNode body = RouteExample.JSON.readTree(valid.body());
        assertEquals(1, body.path("consents").get(0).path("noticeVersion").asInt(), "a number placeholder becomes a number");
        assertEquals(List.of(body.path("nickname").asText(), body.path("phone").asText()), valid.personal());
        assertTrue(valid.headers().get("idempotency-key").startsWith("fz-"));
    }

    @Example
    void brokenCasesBreakOneThingEachKind() {
        Map<String, FuzzCase> byKind = new LinkedHashMap<>();
        for (int i = 0; i < 4000; i++) {
            FuzzCase c = make(i, 11);
            byKind.putIfAbsent(c.kind().split("[ =]")[0], c);
        }
        assertTrue(byKind.keySet().containsAll(List.of("valid", "field", "drop", "unknown", "duplicate", "path", "query", "credential",
                "truncated", "deep", "top-level", "content-type")), byKind.keySet().toString());
        FuzzCase dup = byKind.get("duplicate");
        String name = dup.kind().split(" ")[1].split("=")[0];
        String text = new String(dup.body(), StandardCharsets.UTF_8);
        assertTrue(text.indexOf("\"" + name + "\":") != text.lastIndexOf("\"" + name + "\":"), "the key twice: " + dup.describe());
    }

    @Example
    void oddStringsReachTheWireAsTheyAre() {
        assertEquals("\"\\ud800x\"", JsonText.quote("\uD800x"));
        assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, JsonText.utf8("\uD800"));
        assertArrayEquals("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), JsonText.utf8("\uD83D\uDE00"));
        assertEquals("%00%E2%80%AEa%2Fb", JsonText.percent("\u0000\u202Ea/b"));
    }
}
