package com.fanops.local.fuzz;

import com.fanops.local.identity.DevUser;
import com.fanops.local.stack.LocalCloud;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the fuzzer's requests refer to, made through the API itself: a token per Cognito group, a channel key, a member
 * with a token and an open request, a second member and key for the destructive routes (leave, revoke), the notice
 * and settings versions in force, and for rewards a budget, a code pool with codes, catalogue items, a grant to read and
 * one to revoke, a pending approval and points to redeem with. Refreshed every so often, since fuzzing ends memberships,
 * revokes keys and rewards, and decides approvals.
 * Each step runs only if the template has its route (the fixture templates have few).
 */
final class Fixtures implements CaseFactory.Values {

    private static final List<String> PERSONAL = List.of("nickname", "phone", "email");
    private static final Set<String> VERSION_FIELDS = Set.of("version", "basedOn", "changedBy", "changedAt");
    private static final int TOO_MANY_REQUESTS = 429;

    private final LocalCloud cloud;
    private final Http http;
    private final Set<String> routes;
    private final ZoneId zone;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final long run;
    private int people;
    private int refreshes;

    Fixtures(LocalCloud cloud, Http http, Set<String> routeKeys, long seed) {
        this.cloud = cloud;
        this.http = http;
        this.routes = routeKeys;
        this.zone = ZoneId.of(cloud.resolver().parameters().getOrDefault("BusinessTimeZone", "UTC"));
        this.run = Math.floorMod(seed, 90L) * 1_000_000L;
    }

    void refresh() throws IOException, InterruptedException {
        if (tokens.isEmpty()) {
            signIn();
        }
        Instant now = cloud.clock().instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        put("today", today);
        put("yesterday", today.minusDays(1));
        put("weekAgo", today.minusDays(7));
        put("monthAgo", today.minusDays(30));
        put("monthStart", today.withDayOfMonth(1).minusMonths(1));
        put("monthAhead", today.plusDays(30));
        values.put("hourAgo", TextNode.valueOf(now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()));
        values.put("weekAgoInstant", TextNode.valueOf(now.minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        Map<String, String> admin = headersFor("jwt:admin");
        if (has("POST /v1/admin/channel-keys")) {
            if (!values.containsKey("apiKey")) {
                values.put("apiKey", http.call("POST", "/v1/admin/channel-keys", admin, "{\"channel\":\"web\",\"name\":\"fuzz\"}").get("apiKey"));
            }
            values.put("victimKeyId", http.call("POST", "/v1/admin/channel-keys", admin, "{\"channel\":\"event\",\"name\":\"fuzz victim\"}")
                    .get("keyId"));
        }
        if (has("GET /v1/notices")) {
            for (JsonNode n : http.call("GET", "/v1/notices?locale=en", Map.of(), null).path("notices")) {
                values.put(n.path("purpose").asText() + "Version", IntNode.valueOf(n.path("version").asInt()));
            }
        }
        // The public routes have per-client abuse limits: past them the fixtures keep the member and request they have.
        if (has("POST /v1/members")) {
            JsonNode member = signUp();
            JsonNode victim = member == null ? null : signUp();
            if (victim != null) {
                values.put("memberId", member.get("memberId"));
                values.put("memberToken", member.get("memberToken"));
                values.put("victimId", victim.get("memberId"));
                values.put("victimToken", victim.get("memberToken"));
            }
        }
        if (has("POST /v1/members/{memberId}/requests") && values.containsKey("memberId")) {
            JsonNode request = limited("POST", "/v1/members/" + text("memberId") + "/requests", headersFor("member"),
                    "{\"type\":\"correction\",\"corrections\":{\"region\":\"Hangzhou\"}}");
            if (request != null) {
                values.put("requestId", request.get("requestId"));
            }
        }
        for (String name : List.of("memberId", "memberToken", "victimId", "victimToken", "requestId")) {
            if (has("POST /v1/members") && !values.containsKey(name)) {
                throw new IllegalStateException("fuzz fixtures: no " + name + " (rate limited from the start?)");
            }
        }
        // The rules body carries its version fields (they are fields of the rules); the targets body does not.
        settings("GET /v1/admin/engagement/rules", "rules", Set.of("basedOn"));
        settings("GET /v1/admin/metrics/targets", "targets", VERSION_FIELDS);
        nested("GET /v1/admin/messaging/templates", "templates");
        nested("GET /v1/admin/messaging/policy", "policy");
        nested("GET /v1/admin/complaint-settings/{name}", "/v1/admin/complaint-settings/sla", "policy", "sla");
        rewards(admin, today);
        activities(admin, now);
        if (has("GET /v1/admin/settings/members")) {
            values.put("settingsVersion", IntNode.valueOf(http.call("GET", "/v1/admin/settings/members", admin, null)
                    .path("current").path("version").asInt()));
        }
    }

    /**
     * What the activities routes refer to: an online activity (no place to take), published, registration open for a month
     * from an hour ago, starting in 40 days; made once (a fuzzed status move may end it: the routes still answer 4xx then).
     */
    private void activities(Map<String, String> admin, Instant now) throws IOException, InterruptedException {
        if (!has("POST /v1/admin/activities") || values.containsKey("activityId")) {
            return;
        }
        Instant opens = now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant starts = now.plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode a = http.call("POST", "/v1/admin/activities", admin, "{\"theme\":\"Fuzz meetup\",\"type\":\"online\",\"startsAt\":\"" + starts
                + "\",\"endsAt\":\"" + starts.plus(2, ChronoUnit.HOURS) + "\",\"registrationOpensAt\":\"" + opens
                + "\",\"registrationClosesAt\":\"" + starts + "\",\"capacity\":1000,\"waitingLimit\":100,\"owner\":\"Fuzz\"}");
        String id = a.get("activityId").asText();
        a = http.call("POST", "/v1/admin/activities/" + id + "/status", admin, "{\"to\":\"approved\",\"version\":" + a.get("version") + "}");
        http.call("POST", "/v1/admin/activities/" + id + "/status", admin, "{\"to\":\"published\",\"version\":" + a.get("version") + "}");
        values.put("activityId", TextNode.valueOf(id));
    }

    /** Every version of the engagement rules (the history, paged, ending with version 0), as the admin API gives them. */
    List<JsonNode> rulesHistory() throws IOException, InterruptedException {
        List<JsonNode> out = new java.util.ArrayList<>();
        if (!has("GET /v1/admin/engagement/rules/history")) {
            return out;
        }
        String cursor = null;
        do {
            JsonNode page = http.call("GET", "/v1/admin/engagement/rules/history?limit=100"
                    + (cursor == null ? "" : "&cursor=" + JsonText.percent(cursor)), headersFor("jwt:admin"), null);
            page.path("items").forEach(out::add);
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null);
        return out;
    }

    /** The version in force ({@code <name>Version}) and its value without the version fields ({@code <name>Value}). */
    private void settings(String route, String name, Set<String> dropped) throws IOException, InterruptedException {
        if (!has(route)) {
            return;
        }
        ObjectNode current = (ObjectNode) http.call("GET", route.substring(4), headersFor("jwt:admin"), null);
        values.put(name + "Version", IntNode.valueOf(current.path("version").asInt()));
        ObjectNode value = current.deepCopy();
        value.remove(dropped);
        values.put(name + "Value", value);
    }

    /** Settings answered with their value under one field (the messaging ones): {@code <name>Version} and {@code <name>Value}. */
    private void nested(String route, String name) throws IOException, InterruptedException {
        nested(route, route.substring(4), name, name);
    }

    /**
     * The same for a route with a path parameter, and settings whose field's name is taken by others ({@code policy}):
     * values named {@code <as>Version} and {@code <as>Value}.
     */
    private void nested(String route, String path, String field, String as) throws IOException, InterruptedException {
        if (!has(route)) {
            return;
        }
        JsonNode current = http.call("GET", path, headersFor("jwt:admin"), null);
        values.put(as + "Version", IntNode.valueOf(current.path("version").asInt()));
        values.put(as + "Value", current.path(field).deepCopy());
    }

    /** The rewards catalogue's fixture items, each as the fuzzer needs it (put back when a fuzzed edit changed it). */
    private static final List<String> REWARD_ITEMS = List.of(
            "{\"itemId\":\"fuzz-badge\",\"type\":\"badge\",\"name\":{\"zh-CN\":\"模糊徽章\",\"en\":\"Fuzz badge\"},\"cost\":0}",
            "{\"itemId\":\"fuzz-coupon\",\"type\":\"coupon\",\"name\":{\"zh-CN\":\"模糊券\",\"en\":\"Fuzz coupon\"},\"pointsPrice\":1,"
                    + "\"cost\":1,\"budgetId\":\"fuzz-budget\",\"codePoolId\":\"fuzz-pool\"}",
            "{\"itemId\":\"fuzz-stock\",\"type\":\"gift\",\"name\":{\"zh-CN\":\"模糊礼品\",\"en\":\"Fuzz gift\"},\"pointsPrice\":1,"
                    + "\"cost\":0,\"limitedStock\":true}",
            "{\"itemId\":\"fuzz-dinner\",\"type\":\"gift\",\"name\":{\"zh-CN\":\"模糊晚宴\",\"en\":\"Fuzz dinner\"},\"cost\":60000,"
                    + "\"budgetId\":\"fuzz-budget\"}");

    /**
     * What the rewards routes refer to: a budget and a code pool (made once; codes added each time, one of them to burn),
     * the fixture items in the catalogue, stock, points for the member to redeem with, a grant to read and one to revoke,
     * a manager's grant awaiting approval, and the catalogue's and rules' versions in force.
     */
    private void rewards(Map<String, String> admin, LocalDate today) throws IOException, InterruptedException {
        if (!has("GET /v1/admin/rewards/catalogue")) {
            return;
        }
        if (!values.containsKey("budgetId")) {
            created("POST", "/v1/admin/rewards/budgets", admin, "{\"budgetId\":\"fuzz-budget\",\"name\":\"Fuzz\",\"from\":\""
                    + today.minusDays(30) + "\",\"until\":\"" + today.plusYears(1) + "\",\"amount\":500000000}");
            created("POST", "/v1/admin/rewards/pools", admin, "{\"poolId\":\"fuzz-pool\",\"name\":\"Fuzz\",\"threshold\":10}");
            values.put("budgetId", TextNode.valueOf("fuzz-budget"));
            values.put("poolId", TextNode.valueOf("fuzz-pool"));
            values.put("itemId", TextNode.valueOf("fuzz-stock"));
        }
        http.call("POST", "/v1/admin/rewards/pools/fuzz-pool/generate", admin,
                "{\"charset\":\"ABCDEFGHJKLMNPQRSTUVWXYZ23456789\",\"prefix\":\"FZ-\",\"length\":12,\"count\":50}");
        String burn = "FZB" + Long.toString(run, 36) + "x" + ++refreshes;
        Map<String, String> csv = new LinkedHashMap<>(admin);
        csv.put("content-type", "text/csv");
        Http.Answer uploaded = http.send("POST", "/v1/admin/rewards/pools/fuzz-pool/codes", csv,
                ("code\n" + burn + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (uploaded.status() != 200) {
            throw new IllegalStateException("fuzz fixture code upload answered " + uploaded.status() + ": " + uploaded.body());
        }
        values.put("burnCode", TextNode.valueOf(burn));
        JsonNode catalogue = http.call("GET", "/v1/admin/rewards/catalogue", admin, null);
        List<JsonNode> items = new java.util.ArrayList<>();
        catalogue.path("items").forEach(items::add);
        boolean changed = false;
        for (String wanted : REWARD_ITEMS) {
            JsonNode want = RouteExample.JSON.readTree(wanted);
            String id = want.path("itemId").asText();
            int at = java.util.stream.IntStream.range(0, items.size()).filter(i -> items.get(i).path("itemId").asText().equals(id)).findFirst().orElse(-1);
            if (at < 0 || !fixtureFieldsOf(items.get(at), want)) {
                if (at < 0) {
                    items.add(want);
                } else {
                    items.set(at, want);
                }
                changed = true;
            }
        }
        if (changed) {
            var body = RouteExample.JSON.createObjectNode();
            body.put("basedOn", catalogue.path("version").asInt());
            body.set("items", RouteExample.JSON.valueToTree(items));
            catalogue = http.call("PUT", "/v1/admin/rewards/catalogue", admin, body.toString());
        }
        values.put("catalogueVersion", IntNode.valueOf(catalogue.path("version").asInt()));
        values.put("catalogueValue", catalogue.path("items").deepCopy());
        rewardRules(admin);
        http.call("POST", "/v1/admin/rewards/items/fuzz-stock/stock", admin, "{\"delta\":20,\"reason\":\"fuzz restock\"}");
        if (!values.containsKey("memberId")) {
            return;
        }
        String member = "/v1/admin/members/" + text("memberId");
        http.call("POST", member + "/points/adjustments", admin,
                "{\"points\":500,\"reason\":\"fuzz points to redeem\",\"adjustmentId\":\"fz-rw-" + run + "-" + refreshes + "\"}");
        for (String name : List.of("issuanceId", "victimIssuanceId")) {
            JsonNode granted = http.call("POST", member + "/rewards", admin, "{\"itemId\":\"fuzz-badge\",\"grantId\":\"fz-" + name + "-" + run
                    + "-" + refreshes + "\",\"reason\":\"fuzz fixture\"}");
            values.put(name, granted.path("issuance").path("issuanceId"));
        }
        // A fuzzed rules edit may have moved the threshold (admins may): put it back under the dinner's cost once.
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonNode pending = http.call("POST", member + "/rewards", headersFor("jwt:manager"), "{\"itemId\":\"fuzz-dinner\",\"grantId\":"
                    + "\"fz-approval-" + run + "-" + refreshes + "-" + attempt + "\",\"reason\":\"fuzz fixture\"}");
            if (pending.path("approval").path("approvalId").isTextual()) {
                values.put("approvalId", pending.path("approval").path("approvalId"));
                return;
            }
            JsonNode now = http.call("GET", "/v1/admin/rewards/rules", admin, null);
            var body = RouteExample.JSON.createObjectNode();
            body.put("basedOn", now.path("version").asInt());
            body.set("rules", now.path("rules"));
            body.put("approvalAbove", 50_000);
            http.call("PUT", "/v1/admin/rewards/rules", admin, body.toString());
            rewardRules(admin);
        }
        throw new IllegalStateException("fuzz fixture: a manager's grant above the threshold did not wait for approval");
    }

    private void rewardRules(Map<String, String> admin) throws IOException, InterruptedException {
        JsonNode rules = http.call("GET", "/v1/admin/rewards/rules", admin, null);
        values.put("rewardRulesVersion", IntNode.valueOf(rules.path("version").asInt()));
        values.put("rewardRulesValue", rules.path("rules").deepCopy());
        values.put("approvalAbove", rules.path("approvalAbove").deepCopy());
    }

    /** Whether the item has every field the fixture sets, as the fixture sets it. */
    private static boolean fixtureFieldsOf(JsonNode item, JsonNode want) {
        var fields = want.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().equals(item.path(f.getKey()))) {
                return false;
            }
        }
        return item.path("active").asBoolean(true) && item.path("tiers").isEmpty()
                && java.util.stream.Stream.of("showFrom", "showUntil", "redeemFrom", "redeemUntil").allMatch(w -> item.path(w).isNull()
                || item.path(w).isMissingNode());
    }

    /** A fixture call that makes something once: 201, or 409 when a previous refresh made it. */
    private void created(String method, String path, Map<String, String> headers, String json) throws IOException, InterruptedException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "application/json");
        Http.Answer a = http.send(method, path, h, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (a.status() != 201 && a.status() != 409) {
            throw new IllegalStateException("fuzz fixture " + method + " " + path + " answered " + a.status() + ": " + a.body());
        }
    }

    private JsonNode signUp() throws IOException, InterruptedException {
        String phone = String.format("137%08d", run + ++people);
        return limited("POST", "/v1/members", Map.of(), "{\"nickname\":\"Fixture\",\"phone\":\"" + phone + "\",\"region\":\"Suzhou\","
                + "\"channel\":\"web\",\"consents\":[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":"
                + values.getOrDefault("membershipVersion", IntNode.valueOf(1)) + "}]}");
    }

    /** A fixture call that may meet an abuse limit: null on 429, the answer on 2xx, an exception otherwise. */
    private JsonNode limited(String method, String path, Map<String, String> headers, String json) throws IOException, InterruptedException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "application/json");
        Http.Answer a = http.send(method, path, h, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (a.status() == TOO_MANY_REQUESTS) {
            return null;
        }
        if (a.status() / 100 != 2) {
            throw new IllegalStateException("fuzz fixture " + method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    private void signIn() throws IOException, InterruptedException {
        var clients = cloud.template().ofType("AWS::Cognito::UserPoolClient");
        if (clients.isEmpty()) {
            return;
        }
        String clientId = cloud.names().ref(clients.get(0));
        for (DevUser user : cloud.devUsers()) {
            String body = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + clientId + "\",\"AuthParameters\":{\"USERNAME\":\""
                    + user.username() + "\",\"PASSWORD\":\"" + user.password() + "\"}}";
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(cloud.endpoints().get("cognito"))
                    .header("content-type", "application/x-amz-json-1.1")
                    .header("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String token = RouteExample.JSON.readTree(r.body()).path("AuthenticationResult").path("IdToken").asText();
            for (String group : user.groups()) {
                tokens.putIfAbsent(group, token);
            }
        }
    }

    /** The headers that carry a credential of that kind (see {@link CaseFactory}). */
    Map<String, String> headersFor(String credential) {
        String admin = tokens.getOrDefault("admin", "x.y.z");
        return switch (credential) {
            case "none" -> Map.of();
            case "member" -> Map.of("authorization", "Bearer " + text("memberToken"));
            case "victim" -> Map.of("authorization", "Bearer " + text("victimToken"));
            case "channel" -> Map.of("x-api-key", text("apiKey"));
            case "forged-jwt" -> Map.of("authorization", "Bearer " + b64("{\"alg\":\"none\"}") + "."
                    + b64("{\"sub\":\"x\",\"cognito:groups\":[\"admin\"],\"token_use\":\"id\"}") + ".");
            case "tampered-jwt" -> {
                String[] parts = admin.split("\\.");
                yield Map.of("authorization", "Bearer " + (parts.length == 3
                        ? parts[0] + "." + b64("{\"sub\":\"x\",\"cognito:groups\":[\"admin\"]}") + "." + parts[2] : admin));
            }
            case "garbage-bearer" -> Map.of("authorization", "Bearer ' OR 1=1 --");
            case "garbage-key" -> Map.of("x-api-key", "fk_" + "0".repeat(64));
            default -> {
                if (!credential.startsWith("jwt:")) {
                    throw new IllegalArgumentException("unknown credential " + credential);
                }
                String token = tokens.get(credential.substring(4));
                yield token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
            }
        };
    }

    @Override
    public Map<String, JsonNode> forCase(int index, Random random) {
        Map<String, JsonNode> out = new LinkedHashMap<>(values);
        String tag = Integer.toString(index, 36) + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
        out.put("uniq", TextNode.valueOf(tag));
        out.put("nickname", TextNode.valueOf("Fz" + tag + "nick"));
        out.put("phone", TextNode.valueOf(String.format("139%08d", run + index)));
        out.put("email", TextNode.valueOf("fz." + tag + "@example.org"));
        return out;
    }

    @Override
    public List<String> personalKeys() {
        return PERSONAL;
    }

    String text(String name) {
        JsonNode v = values.get(name);
        return v == null ? "none" : v.asText();
    }

    private void put(String name, LocalDate day) {
        values.put(name, TextNode.valueOf(day.toString()));
    }

    private boolean has(String route) {
        return routes.contains(route);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
