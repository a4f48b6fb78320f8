package com.fanops.activities.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.activities.domain.CheckInCodes;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.json.Json;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Texts;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.CatalogueStore;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The operator routes against DynamoDB Local: roles, bad input named with nothing written, the budget allocated at
 * approval and refused over what is left, registrations masked for analysts, the staff check-in counting once with one
 * attendance interaction, the evaluation as JSON and CSV, the year's plan.
 */
class ActivitiesAdminHandlerTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static ActivitiesAdminHandler handler;
    private static BudgetStore budgets;
    private static ActivityStore activityStore;
    private static RegistrationStore registrations;
    private static EvaluationStore evaluations;
    private static final List<String> QUEUED = new CopyOnWriteArrayList<>();
    private static int places;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(NOW);
        InMemoryDataKeys keys = new InMemoryDataKeys();
        SqsClient sqs = new SqsClient() {
            @Override
            public SendMessageResponse sendMessage(SendMessageRequest r) {
                QUEUED.add(r.messageBody());
                return SendMessageResponse.builder().messageId("m" + QUEUED.size()).build();
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
        handler = new ActivitiesAdminHandler(dynamo.client(), new ActivitiesAdminHandler.Tables("ActivitiesTable", "RewardsTable",
                "MembersTable", "ConfigTable", "AuditTable"), sqs, "http://queue/interactions", keys, ZONE, clock);
        budgets = new BudgetStore(dynamo.client(), "RewardsTable");
        activityStore = new ActivityStore(dynamo.client(), "ActivitiesTable");
        registrations = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        evaluations = new EvaluationStore(dynamo.client(), "ActivitiesTable");
        budgets.create("fan-days", "Fan days", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 10_000, "manager", NOW);
        FieldCipher cipher = new FieldCipher(new Keyring(dynamo.client(), "ConfigTable", keys, clock));
        MemberStore members = new MemberStore(dynamo.client(), "MembersTable");
        for (String id : List.of("m_a1", "m_a2", "m_a3")) {
            members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "web", "CN-31", "zh-CN", NOW, "email", "idx-" + id,
                    cipher.encrypt(id, "nickname", "Nick " + id), cipher.encrypt(id, "contact", id + "@example.com"), null, null, null, null,
                    MemberToken.sha256("token-" + id), MemberKind.MEMBER),
                    List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, NOW, 1, "web", "zh-CN", "proof", "form", "member", null)), null, List.of());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void now() {
        clock.set(NOW);
    }

    private static APIGatewayV2HTTPResponse call(ApiEvents req, String role) {
        return handler.handleRequest(req.operator(role + "@fanops.local", List.of(role)).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    /** A draft's body: an offline activity on 20 June at a place of its own, registration open from yesterday. */
    private static String draft(String place, long budget, String theme) {
        return "{\"theme\":\"" + theme + "\",\"type\":\"offline\",\"place\":\"" + place + "\",\"startsAt\":\"2026-06-20T02:00:00Z\","
                + "\"endsAt\":\"2026-06-20T05:00:00Z\",\"registrationOpensAt\":\"2026-06-09T00:00:00Z\","
                + "\"registrationClosesAt\":\"2026-06-19T00:00:00Z\",\"capacity\":2,\"waitingLimit\":5,\"audience\":{\"kind\":\"everyone\"},"
                + (budget > 0 ? "\"budgetId\":\"fan-days\",\"budgetAmount\":" + budget + "," : "")
                + "\"owner\":\"Li Na\",\"goals\":{\"participants\":2}}";
    }

    private static JsonNode created(long budget) throws Exception {
        APIGatewayV2HTTPResponse r = call(ApiEvents.request("POST", "/v1/admin/activities").json(draft("Hall " + ++places, budget, "Tea")), "manager");
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r);
    }

    private static JsonNode move(JsonNode a, String to) throws Exception {
        APIGatewayV2HTTPResponse r = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/status", a.get("activityId").asText())
                .json("{\"to\":\"" + to + "\",\"version\":" + a.get("version").asLong() + "}"), "manager");
        assertEquals(200, r.getStatusCode(), r.getBody());
        return json(r);
    }

    @Test
    void badInputIsNamedAndNothingIsWrittenAndRolesAreLeastPrivilege() throws Exception {
        int before = json(call(ApiEvents.request("GET", "/v1/admin/activities"), "analyst")).get("items").size();
        APIGatewayV2HTTPResponse bad = call(ApiEvents.request("POST", "/v1/admin/activities").json(
                "{\"theme\":\"\",\"type\":\"boat\",\"capacity\":0,\"startsAt\":\"2026-06-20T02:00:00Z\",\"endsAt\":\"2026-06-19T02:00:00Z\"}"), "manager");
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getHeaders().get("content-type").startsWith("application/problem+json"));
        Set<String> fields = new HashSet<>(json(bad).get("errors").findValuesAsText("field"));
        assertTrue(fields.containsAll(List.of("theme", "type", "capacity", "endsAt", "owner")), fields.toString());
        assertEquals(400, call(ApiEvents.request("POST", "/v1/admin/activities").json("{\"capacity\":\"many\"}"), "manager").getStatusCode());
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/activities").json(draft("Hall X", 0, "Tea")), "agent").getStatusCode());
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/activities").json(draft("Hall X", 0, "Tea")), "analyst").getStatusCode());
        assertEquals(401, handler.handleRequest(ApiEvents.request("GET", "/v1/admin/activities").build(), null).getStatusCode());
        assertEquals(before, json(call(ApiEvents.request("GET", "/v1/admin/activities"), "analyst")).get("items").size(), "nothing written");
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/activities").query("from", "2026-13-01"), "manager").getStatusCode());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/activities").query("from", "2026-06-01").query("to", "2026-05-01"), "manager")
                .getStatusCode());
        assertEquals(404, call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}", "act_nosuch"), "manager").getStatusCode());
    }

    @Test
    void aPrizeMustNameAnItemOfTheRewardsCatalogueInForceAndNotWithdrawn() throws Exception {
        String withPrizes = draft("Hall Prize", 0, "Tea").replace("\"goals\"", "\"prizes\":[{\"itemId\":\"badge-tea\",\"topN\":3},"
                + "{\"itemId\":\"old-mug\",\"topN\":10}],\"goals\"");
        int before = json(call(ApiEvents.request("GET", "/v1/admin/activities"), "analyst")).get("items").size();
        APIGatewayV2HTTPResponse none = call(ApiEvents.request("POST", "/v1/admin/activities").json(withPrizes), "manager");
        assertEquals(400, none.getStatusCode(), none.getBody());
        assertEquals(Set.of("prizes[0].itemId", "prizes[1].itemId"), new HashSet<>(json(none).get("errors").findValuesAsText("field")));

        CatalogueStore catalogue = new CatalogueStore(dynamo.client(), "ConfigTable", clock, Duration.ZERO);
        catalogue.change(new Catalogue(List.of(item("badge-tea", true), item("old-mug", false))), catalogue.currentVersion().version(), "manager");
        APIGatewayV2HTTPResponse withdrawn = call(ApiEvents.request("POST", "/v1/admin/activities").json(withPrizes), "manager");
        assertEquals(400, withdrawn.getStatusCode(), withdrawn.getBody());
        JsonNode errors = json(withdrawn).get("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("prizes[1].itemId", errors.get(0).get("field").asText());
        assertTrue(errors.get(0).get("message").asText().contains("withdrawn"), errors.toString());
        assertEquals(before, json(call(ApiEvents.request("GET", "/v1/admin/activities"), "analyst")).get("items").size(), "nothing written");

        String badgeOnly = draft("Hall Prize", 0, "Tea").replace("\"goals\"", "\"prizes\":[{\"itemId\":\"badge-tea\",\"topN\":3}],\"goals\"");
        APIGatewayV2HTTPResponse created = call(ApiEvents.request("POST", "/v1/admin/activities").json(badgeOnly), "manager");
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("badge-tea", json(created).get("prizes").get(0).get("itemId").asText());
    }

    private static CatalogueItem item(String id, boolean active) {
        return new CatalogueItem(id, RewardType.BADGE, new Texts("徽章 " + id, "Badge " + id), null, null, null, null, null, List.of(), null,
                0L, null, false, null, null, null, null, null, active);
    }

    @Test
    void approvalAllocatesTheBudgetAndRefusesWhatTheBudgetHasNotLeft() throws Exception {
        long available = budgets.get("fan-days").orElseThrow().available();
        JsonNode a = created(3_000);
        JsonNode approved = move(a, "approved");
        assertEquals("approved", approved.get("status").asText());
        assertEquals(available - 3_000, budgets.get("fan-days").orElseThrow().available(), "reserved on the rewards budget");

        JsonNode greedy = created(available);
        APIGatewayV2HTTPResponse refused = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/status",
                greedy.get("activityId").asText()).json("{\"to\":\"approved\",\"version\":1}"), "manager");
        assertEquals(422, refused.getStatusCode(), refused.getBody());
        assertTrue(json(refused).get("detail").asText().contains(String.valueOf(available - 3_000)), "says what is left");
        assertEquals("draft", json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}", greedy.get("activityId").asText()),
                "agent")).get("status").asText(), "nothing changed");

        JsonNode redrafted = move(approved, "draft");
        assertEquals(available, budgets.get("fan-days").orElseThrow().available(), "sent back to draft: the budget back");
        approved = move(redrafted, "approved");
        assertEquals(available - 3_000, budgets.get("fan-days").orElseThrow().available(), "approved again: reserved again");
        move(approved, "cancelled");
        assertEquals(available, budgets.get("fan-days").orElseThrow().available(), "a withdrawal gives the budget back");
        assertEquals(400, call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/status", a.get("activityId").asText())
                .json("{\"to\":\"flying\",\"version\":1}"), "manager").getStatusCode());
        assertEquals(409, call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/status", greedy.get("activityId").asText())
                .json("{\"to\":\"approved\",\"version\":7}"), "manager").getStatusCode(), "a stale version");
    }

    @Test
    void aSaveNeedsTheVersionReadAndAPlaceCannotBeDoubleBooked() throws Exception {
        JsonNode a = created(0);
        String id = a.get("activityId").asText();
        String place = a.get("place").asText();
        APIGatewayV2HTTPResponse saved = call(ApiEvents.request("PUT", "/v1/admin/activities/{activityId}", id)
                .json(draft(place, 0, "Green tea").replace("}}", "},\"version\":1}")), "manager");
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        assertEquals(2, json(saved).get("version").asLong());
        assertEquals("Green tea", json(saved).get("theme").asText());
        assertEquals(409, call(ApiEvents.request("PUT", "/v1/admin/activities/{activityId}", id)
                .json(draft(place, 0, "Black tea").replace("}}", "},\"version\":1}")), "manager").getStatusCode());
        APIGatewayV2HTTPResponse clash = call(ApiEvents.request("POST", "/v1/admin/activities").json(draft(place.toUpperCase(), 0, "Clash")), "manager");
        assertEquals(409, clash.getStatusCode());
        assertTrue(json(clash).get("detail").asText().contains(id));
    }

    @Test
    void registrationsAreMaskedForAnalystsAndTheStaffCheckInCountsOnceWithOneAttendance() throws Exception {
        JsonNode a = move(move(created(0), "approved"), "published");
        String id = a.get("activityId").asText();
        Instant starts = Instant.parse("2026-06-20T02:00:00Z");
        for (String m : List.of("m_a1", "m_a2", "m_a3")) {
            registrations.register(id, m, starts, NOW);
        }
        JsonNode page1 = json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/registrations", id).query("limit", "2"), "agent"));
        assertEquals(2, page1.get("items").size());
        assertEquals("Nick m_a1", page1.get("items").get(0).get("displayName").asText());
        JsonNode page2 = json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/registrations", id)
                .query("limit", "2").query("cursor", page1.get("next").asText()), "agent"));
        assertEquals("m_a3", page2.get("items").get(0).get("memberId").asText());
        assertEquals("waiting", page2.get("items").get(0).get("status").asText());
        JsonNode analyst = json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/registrations", id), "analyst"));
        assertEquals(3, analyst.get("items").size());
        analyst.get("items").forEach(i -> assertFalse(i.hasNonNull("displayName"), "no names for analysts"));
        assertEquals(1, json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/registrations", id).query("status", "waiting"),
                "manager")).get("items").size());
        JsonNode counts = json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}", id), "manager")).get("counts");
        assertEquals(2, counts.get("registered").asLong());
        assertEquals(1, counts.get("waiting").asLong());

        clock.set(starts.plusSeconds(65));
        ActivityStore.Stored stored = activityStore.get(id).orElseThrow();
        String code = new CheckInCodes(stored.checkInKey()).current(registrations.get(id, "m_a1").orElseThrow().no(), clock.instant()).text();
        QUEUED.clear();
        APIGatewayV2HTTPResponse first = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/check-ins", id).json("{\"code\":\"" + code + "\"}"), "agent");
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertTrue(json(first).get("first").asBoolean());
        assertEquals("Nick m_a1", json(first).get("displayName").asText());
        APIGatewayV2HTTPResponse second = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/check-ins", id).json("{\"code\":\"" + code + "\"}"), "manager");
        assertFalse(json(second).get("first").asBoolean());
        assertEquals(json(first).get("checkedInAt"), json(second).get("checkedInAt"), "the second scan answers with the first");
        assertEquals(1, activityStore.get(id).orElseThrow().checkedIn());
        Set<String> eventIds = new HashSet<>();
        for (String body : QUEUED) {
            JsonNode e = Json.mapper().readTree(body).get("events");
            assertEquals(1, e.size(), "one interaction a message");
            assertEquals("EVENT_ATTENDED", e.get(0).get("type").asText());
            eventIds.add(e.get(0).get("channel").asText() + "#" + e.get(0).get("eventId").asText());
        }
        assertEquals(Set.of("activities#attended:" + id + ":m_a1"), eventIds, "one event id however often it is sent");

        clock.advance(Duration.ofMinutes(5));
        APIGatewayV2HTTPResponse old = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/check-ins", id).json("{\"code\":\"" + code + "\"}"), "agent");
        assertEquals(422, old.getStatusCode());
        assertTrue(json(old).get("type").asText().endsWith("code-expired"));
        APIGatewayV2HTTPResponse typo = call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/check-ins", id).json("{\"code\":\"12\"}"), "agent");
        assertEquals(400, typo.getStatusCode());
        assertEquals("code", json(typo).get("errors").get(0).get("field").asText());
        assertEquals(403, call(ApiEvents.request("POST", "/v1/admin/activities/{activityId}/check-ins", id).json("{\"code\":\"" + code + "\"}"),
                "analyst").getStatusCode());

        JsonNode mine = json(call(ApiEvents.request("GET", "/v1/admin/members/{memberId}/activities", "m_a1"), "analyst"));
        JsonNode line = mine.get("items").get(0);
        assertEquals(id, line.get("activityId").asText());
        assertEquals("registered", line.get("registration").get("status").asText());
        assertTrue(line.get("registration").hasNonNull("checkedInAt"));
    }

    @Test
    void theEvaluationIsNotFoundUntilComputedThenReadsAsJsonAndAsCsvWithTheThemeQuoted() throws Exception {
        String theme = "Tea, \\\"green\\\" and\\nblack";
        APIGatewayV2HTTPResponse c = call(ApiEvents.request("POST", "/v1/admin/activities").json(draft("Hall " + ++places, 0, theme)), "manager");
        assertEquals(400, c.getStatusCode(), "a theme is one line");
        c = call(ApiEvents.request("POST", "/v1/admin/activities").json(draft("Hall " + ++places, 0, "=Tea, \\\"green\\\"")), "manager");
        assertEquals(201, c.getStatusCode(), c.getBody());
        String id = json(c).get("activityId").asText();
        APIGatewayV2HTTPResponse none = call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/evaluation", id), "analyst");
        assertEquals(404, none.getStatusCode());
        assertTrue(json(none).get("type").asText().endsWith("not-evaluated"));

        LocalDate end = LocalDate.parse("2026-06-20");
        Evaluation e = Evaluation.of(new Evaluation.Input(end, end.plusDays(10), List.of(new Evaluation.Seat("m_a1", true),
                new Evaluation.Seat("m_a2", false)), Set.of("m_a1", "m_a2"), Set.of("h1"), Map.of("m_a1", List.of(end.plusDays(8))),
                Map.of("m_a1", 990L), List.of(5, 4), 2_000, null));
        evaluations.put(new EvaluationStore.Report(id, e, NOW, end.plusDays(10), false));
        JsonNode report = json(call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/evaluation", id), "analyst"));
        assertEquals(1, report.get("report").get("participants").asLong());
        assertEquals(4.5, report.get("report").get("satisfaction").asDouble());
        assertFalse(report.get("final").asBoolean());

        APIGatewayV2HTTPResponse csv = call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/evaluation", id).query("format", "csv"), "manager");
        assertEquals(200, csv.getStatusCode());
        assertTrue(csv.getHeaders().get("content-type").startsWith("text/csv"));
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerForListOf(String.class)
                .readValues(csv.getBody())) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(List.of("section", "figure", "value"), rows.get(0));
        assertTrue(rows.contains(List.of("activity", "theme", "'=Tea, \"green\"")), "quoted, and not a formula");
        assertTrue(rows.contains(List.of("attendance", "participants", "1")));
        assertTrue(rows.contains(List.of("satisfaction", "mean", "4.5")));
        assertEquals(403, call(ApiEvents.request("GET", "/v1/admin/activities/{activityId}/evaluation", id), "agent").getStatusCode());
    }

    @Test
    void theYearPlanCountsActivitiesByTheirMonthAgainstTheTarget() throws Exception {
        JsonNode plan = json(call(ApiEvents.request("GET", "/v1/admin/activities/plan").query("year", "2026"), "analyst"));
        assertEquals(2026, plan.get("year").asInt());
        assertEquals(10, plan.get("target").asInt());
        assertEquals(12, plan.get("months").size());
        assertEquals("2026-06", plan.get("months").get(5).get("month").asText());
        long june = plan.get("months").get(5).get("planned").asLong();
        created(0);
        JsonNode again = json(call(ApiEvents.request("GET", "/v1/admin/activities/plan").query("year", "2026"), "manager"));
        assertEquals(june + 1, again.get("months").get(5).get("planned").asLong());
        assertEquals(400, call(ApiEvents.request("GET", "/v1/admin/activities/plan").query("year", "twenty"), "manager").getStatusCode());
        assertEquals(403, call(ApiEvents.request("GET", "/v1/admin/activities/plan"), "agent").getStatusCode());
    }
}
