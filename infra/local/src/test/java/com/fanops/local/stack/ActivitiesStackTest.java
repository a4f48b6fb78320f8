package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * An activity through the local runtime, end to end: an operator creates it, approves it (its budget reserved on the
 * rewards budget) and publishes it over HTTP; members sign up through the real sign-up route and register with their
 * tokens - 3N at once for N seats register exactly N and queue the rest; a cancellation promotes the first waiting, and
 * the confirmation and the promotion reach messaging; the staff check in a member with their current code, twice, and it
 * counts once (one event_attended interaction, scored once); an old code is refused; bad input is a 4xx naming the field
 * with nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class ActivitiesStackTest {

    private static final int SEATS = 4;
    private FixtureStack stack;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(stack.api(path));
        if (bearer != null) {
            b.header("authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return stack.send(b.build());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return SimpleHttp.JSON.readTree(r.body());
    }

    private JsonNode ok(int status, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return json(r);
    }

    /** A member signed up through the public form: {memberId, memberToken}. */
    private JsonNode signUp(int i) throws Exception {
        JsonNode notices = json(stack.send(HttpRequest.newBuilder(stack.api("/v1/notices?locale=en")).build()));
        StringBuilder consents = new StringBuilder();
        for (JsonNode n : notices.path("notices")) {
            consents.append(consents.length() == 0 ? "" : ",").append("{\"purpose\":\"").append(n.path("purpose").asText())
                    .append("\",\"granted\":true,\"noticeVersion\":").append(n.path("version").asInt()).append('}');
        }
        return ok(201, stack.postJson("/v1/members", "{\"nickname\":\"Fan " + i + "\",\"email\":\"fan" + i + "@example.com\","
                + "\"region\":\"Shanghai\",\"channel\":\"web\",\"locale\":\"en\",\"consents\":[" + consents + "]}"));
    }

    private String draft(String theme, long budget, Instant starts) {
        return "{\"theme\":\"" + theme + "\",\"type\":\"offline\",\"place\":\"Store " + theme + "\",\"startsAt\":\"" + starts
                + "\",\"endsAt\":\"" + starts.plus(3, ChronoUnit.HOURS) + "\",\"registrationOpensAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"registrationClosesAt\":\"" + starts + "\",\"capacity\":" + SEATS + ",\"waitingLimit\":20,\"budgetId\":\"stack-acts\","
                + "\"budgetAmount\":" + budget + ",\"owner\":\"Li Na\",\"goals\":{\"participants\":" + SEATS + "}}";
    }

    private int count(String table, String pk, String skPrefix) {
        return stack.dynamoDb.query(b -> b.tableName(stack.cloud.tableName(table)).keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":s", AttributeValue.fromS(skPrefix)))
                .select(Select.COUNT).consistentRead(true)).count();
    }

    private String messages() {
        return stack.dynamoDb.scan(b -> b.tableName(stack.cloud.tableName("MessagesTable"))).items().toString();
    }

    @Test
    void anActivityIsPlannedFilledExactlyPromotedAndCheckedInOnce() throws Exception {
        String manager = stack.signIn("manager");
        String agent = stack.signIn("agent");
        LocalDate today = LocalDate.now();
        ok(201, call("POST", "/v1/admin/rewards/budgets", manager, "{\"budgetId\":\"stack-acts\",\"name\":\"Activities\",\"from\":\""
                + today.minusDays(1) + "\",\"until\":\"" + today.plusDays(60) + "\",\"amount\":100000}"));
        Instant starts = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // Bad input: every bad field named, nothing written.
        int before = ok(200, call("GET", "/v1/admin/activities", agent, null)).path("items").size();
        HttpResponse<String> bad = call("POST", "/v1/admin/activities", manager, draft("Broken", 0, starts).replace("\"capacity\":" + SEATS,
                "\"capacity\":0").replace("\"type\":\"offline\"", "\"type\":\"boat\""));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        List<String> fields = json(bad).path("errors").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("capacity", "type")), fields.toString());
        assertEquals(before, ok(200, call("GET", "/v1/admin/activities", agent, null)).path("items").size(), "nothing written");

        // Plan, approve (the budget reserved on the rewards budget), publish.
        JsonNode a = ok(201, call("POST", "/v1/admin/activities", manager, draft("Meetup", 30_000, starts)));
        String id = a.path("activityId").asText();
        a = ok(200, call("POST", "/v1/admin/activities/" + id + "/status", manager, "{\"to\":\"approved\",\"version\":1}"));
        JsonNode budget = ok(200, call("GET", "/v1/admin/rewards/budgets/stack-acts", manager, null));
        assertTrue(budget.toString().contains("\"reserved\":30000"), "reserved on the rewards budget: " + budget);
        JsonNode greedy = ok(201, call("POST", "/v1/admin/activities", manager, draft("Gala", 80_000, starts.plus(1, ChronoUnit.DAYS))));
        HttpResponse<String> over = call("POST", "/v1/admin/activities/" + greedy.path("activityId").asText() + "/status", manager,
                "{\"to\":\"approved\",\"version\":1}");
        assertEquals(422, over.statusCode(), over.body());
        assertTrue(json(over).path("detail").asText().contains("70000"), over.body());
        assertTrue(ok(200, call("GET", "/v1/admin/rewards/budgets/stack-acts", manager, null)).toString().contains("\"reserved\":30000"),
                "the refused approval reserved nothing");
        ok(200, call("POST", "/v1/admin/activities/" + id + "/status", manager, "{\"to\":\"published\",\"version\":" + a.path("version") + "}"));
        assertEquals(SEATS, ok(200, call("GET", "/v1/activities/" + id, null, null)).path("seatsLeft").asInt());

        // 3N members sign up and register at once: exactly N seats, the rest waiting.
        List<JsonNode> members = new ArrayList<>();
        for (int i = 0; i < 3 * SEATS; i++) {
            members.add(signUp(i));
        }
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (JsonNode m : members) {
            calls.add(stack.http.sendAsync(HttpRequest.newBuilder(stack.api("/v1/members/" + m.path("memberId").asText() + "/activities/" + id
                    + "/registration")).header("authorization", "Bearer " + m.path("memberToken").asText())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> seated = new ArrayList<>();
        List<JsonNode> waiting = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode r = ok(201, calls.get(i).get());
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("memberId", members.get(i).path("memberId").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("memberToken", members.get(i).path("memberToken").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("nickname", "Fan " + i);
            (r.path("status").asText().equals("registered") ? seated : waiting).add(r);
        }
        assertEquals(SEATS, seated.size());
        assertEquals(2 * SEATS, waiting.size());
        JsonNode counts = ok(200, call("GET", "/v1/admin/activities/" + id, manager, null)).path("counts");
        assertEquals(SEATS, counts.path("registered").asInt());
        assertEquals(2 * SEATS, counts.path("waiting").asInt());
        assertEquals(0, ok(200, call("GET", "/v1/activities/" + id, null, null)).path("seatsLeft").asInt());

        // A seated member's code now, to show later that it expires.
        JsonNode checked = seated.get(1);
        String oldCode = ok(200, call("GET", "/v1/members/" + checked.path("memberId").asText() + "/activities/" + id + "/code",
                checked.path("memberToken").asText(), null)).path("code").asText();
        Instant oldCodeAt = Instant.now();

        // A cancellation promotes the first waiting (the lowest ticket); the promotion and the confirmations reach messaging.
        JsonNode leaving = seated.get(0);
        JsonNode cancelled = ok(200, call("DELETE", "/v1/members/" + leaving.path("memberId").asText() + "/activities/" + id + "/registration",
                leaving.path("memberToken").asText(), null));
        assertEquals(1, cancelled.path("promoted").asInt());
        JsonNode first = waiting.stream().min(Comparator.comparingLong(w -> w.path("no").asLong())).orElseThrow();
        String firstId = first.path("memberId").asText();
        JsonNode theirs = ok(200, call("GET", "/v1/members/" + firstId + "/activities", first.path("memberToken").asText(), null));
        assertEquals("registered", theirs.path("items").get(0).path("registration").path("status").asText(), "the first waiting got the seat");
        assertEquals(SEATS, ok(200, call("GET", "/v1/admin/activities/" + id, manager, null)).path("counts").path("registered").asInt());
        FixtureStack.await("the promotion and the confirmations in messaging", Duration.ofSeconds(90),
                () -> messages().contains("activity_promoted") && messages().split("activity_registered", -1).length > 3 * SEATS);
        assertTrue(messages().contains(firstId), "the promoted member's message");

        // The staff scan the member's current code twice: one check-in, one attendance, scored once.
        String memberId = checked.path("memberId").asText();
        String code = ok(200, call("GET", "/v1/members/" + memberId + "/activities/" + id + "/code", checked.path("memberToken").asText(), null))
                .path("code").asText();
        JsonNode scan1 = ok(200, call("POST", "/v1/admin/activities/" + id + "/check-ins", agent, "{\"code\":\"" + code + "\"}"));
        JsonNode scan2 = ok(200, call("POST", "/v1/admin/activities/" + id + "/check-ins", agent, "{\"code\":\"" + code + "\"}"));
        assertTrue(scan1.path("first").asBoolean());
        assertFalse(scan2.path("first").asBoolean());
        assertEquals(checked.path("nickname").asText(), scan1.path("displayName").asText());
        assertEquals(1, ok(200, call("GET", "/v1/admin/activities/" + id, manager, null)).path("counts").path("checkedIn").asInt());
        FixtureStack.await("the attendance scored", Duration.ofSeconds(60), () -> count("InteractionsTable", "MEMBER#" + memberId, "L#") >= 1);
        stack.awaitIdle(Duration.ofSeconds(60));
        assertEquals(1, count("InteractionsTable", "MEMBER#" + memberId, "L#"), "one interaction however often it was scanned");
        JsonNode engagement = ok(200, call("GET", "/v1/admin/members/" + memberId + "/engagement", manager, null));
        assertEquals(50, engagement.path("balance").asLong(), "event_attended's points, once: " + engagement);

        // Bad codes: malformed 400 naming code; an old one refused as expired; nothing counted.
        HttpResponse<String> typo = call("POST", "/v1/admin/activities/" + id + "/check-ins", agent, "{\"code\":\"12\"}");
        assertEquals(400, typo.statusCode());
        assertEquals("code", json(typo).path("errors").get(0).path("field").asText());
        long wait = Duration.ofSeconds(45).minus(Duration.between(oldCodeAt, Instant.now())).toMillis();
        if (wait > 0) {
            Thread.sleep(wait); // a code lives its 30-second step and 10 seconds more
        }
        HttpResponse<String> expired = call("POST", "/v1/admin/activities/" + id + "/check-ins", agent, "{\"code\":\"" + oldCode + "\"}");
        assertEquals(422, expired.statusCode(), expired.body());
        assertTrue(json(expired).path("type").asText().endsWith("code-expired"), expired.body());
        assertEquals(1, ok(200, call("GET", "/v1/admin/activities/" + id, manager, null)).path("counts").path("checkedIn").asInt());
    }
}
