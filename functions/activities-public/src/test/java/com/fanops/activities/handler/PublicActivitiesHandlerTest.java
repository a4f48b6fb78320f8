package com.fanops.activities.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.activities.app.Activities;
import com.fanops.activities.app.ActivityDraft;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.SurveyLinks;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.Segment;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The member routes against DynamoDB Local: the public page shows published activities only; a member with their token
 * registers, waits in order, cancels (the first waiting is promoted and told), shows their code, answers the survey once;
 * concurrent registrations hold the capacity exactly; refusals name their reason and change nothing.
 */
class PublicActivitiesHandlerTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static PublicActivitiesHandler handler;
    private static Activities activities;
    private static ActivityStore activityStore;
    private static RegistrationStore registrations;
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static int places;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(NOW);
        SqsClient sqs = new SqsClient() {
            @Override
            public SendMessageResponse sendMessage(SendMessageRequest r) {
                REQUESTS.add(r.messageBody());
                return SendMessageResponse.builder().messageId("r" + REQUESTS.size()).build();
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
        handler = new PublicActivitiesHandler(dynamo.client(), new PublicActivitiesHandler.Tables("ActivitiesTable", "MembersTable",
                "InteractionsTable", "ConfigTable", "MemberDirectoryTable"), sqs, "http://queue/requests", new InMemoryDataKeys(), ZONE, clock);
        activityStore = new ActivityStore(dynamo.client(), "ActivitiesTable");
        registrations = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        Activities.BudgetLedger none = new Activities.BudgetLedger() {
            public boolean reserve(String b, String a, long amount, Instant at) { return true; }
            public void release(String b, String a, Instant at) { }
            public long available(String b) { return 0; }
        };
        activities = new Activities(activityStore, none, itemIds -> java.util.Map.of(), new AuditLog(dynamo.client(), "AuditTable", clock), clock);
        MemberStore members = new MemberStore(dynamo.client(), "MembersTable");
        for (int i = 0; i < 40; i++) {
            String id = member(i);
            members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "web", "CN-31", "zh-CN", NOW, "email", "idx-" + id, "n", "c",
                    null, null, null, null, MemberToken.sha256("token-" + id), MemberKind.MEMBER),
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

    private static String member(int i) {
        return String.format("m_%04x", 0xb000 + i);
    }

    private static Activity activity(int capacity, int waiting, String audienceTier, boolean publish) {
        return activityFor(capacity, waiting, audienceTier == null ? null : new ActivityDraft.AudienceDraft("tier", audienceTier), publish);
    }

    private static Activity activityFor(int capacity, int waiting, ActivityDraft.AudienceDraft audience, boolean publish) {
        ActivityDraft d = new ActivityDraft("Fan meeting", "Meet the team", "offline", "Store " + ++places, Instant.parse("2026-06-20T02:00:00Z"),
                Instant.parse("2026-06-20T05:00:00Z"), NOW.minusSeconds(3600), Instant.parse("2026-06-19T00:00:00Z"), capacity, waiting,
                audience, null, null, null, "Li Na", null, 0, null, null);
        Activity a = activities.create("manager", d);
        if (!publish) {
            return a;
        }
        a = activities.transition("manager", a.activityId(), a.version(), ActivityStatus.APPROVED);
        return activities.transition("manager", a.activityId(), a.version(), ActivityStatus.PUBLISHED);
    }

    private static APIGatewayV2HTTPResponse as(int member, String method, String path, String activityId) {
        String id = member(member);
        ApiEvents e = activityId == null ? ApiEvents.request(method, path, id) : ApiEvents.request(method, path, id, activityId);
        return handler.handleRequest(e.header("authorization", "Bearer token-" + id).build(), null);
    }

    private static APIGatewayV2HTTPResponse register(int member, String activityId) {
        return as(member, "POST", "/v1/members/{memberId}/activities/{activityId}/registration", activityId);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    private static List<JsonNode> requests(String kind) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String body : REQUESTS) {
            JsonNode r = Json.mapper().readTree(body);
            if (r.get("kind").asText().equals(kind)) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void thePublicPageShowsPublishedActivitiesOnly() throws Exception {
        Activity draft = activity(5, 0, null, false);
        Activity open = activity(5, 0, null, true);
        assertEquals(404, handler.handleRequest(ApiEvents.request("GET", "/v1/activities/{activityId}", draft.activityId()).build(), null).getStatusCode());
        JsonNode page = json(handler.handleRequest(ApiEvents.request("GET", "/v1/activities/{activityId}", open.activityId()).build(), null));
        assertEquals(5, page.get("seatsLeft").asInt());
        assertFalse(page.has("owner"), "no planning data on the public page");
        Set<String> listed = new HashSet<>(json(handler.handleRequest(ApiEvents.request("GET", "/v1/activities").build(), null))
                .get("items").findValuesAsText("activityId"));
        assertTrue(listed.contains(open.activityId()));
        assertFalse(listed.contains(draft.activityId()));
    }

    @Test
    void aMemberRegistersWaitsAndIsPromotedInOrderWithTheirConfirmations() throws Exception {
        Activity a = activity(1, 1, null, true);
        String id = a.activityId();
        REQUESTS.clear();
        APIGatewayV2HTTPResponse first = register(1, id);
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals("registered", json(first).get("status").asText());
        assertEquals(200, register(1, id).getStatusCode(), "a repeat answers the same");
        JsonNode waiting = json(register(2, id));
        assertEquals("waiting", waiting.get("status").asText());
        assertEquals(1, waiting.get("position").asInt());
        APIGatewayV2HTTPResponse full = register(3, id);
        assertEquals(409, full.getStatusCode());
        assertTrue(json(full).get("type").asText().endsWith("waiting-list-full"));
        assertEquals(401, handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/registration",
                member(4), id).header("authorization", "Bearer token-" + member(5)).build(), null).getStatusCode(), "another member's token");

        APIGatewayV2HTTPResponse cancelled = as(1, "DELETE", "/v1/members/{memberId}/activities/{activityId}/registration", id);
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        assertEquals(1, json(cancelled).get("promoted").asInt());
        assertEquals(RegistrationStore.Status.REGISTERED, registrations.get(id, member(2)).orElseThrow().status());
        assertEquals(NOW, registrations.get(id, member(2)).orElseThrow().promotedAt());

        List<JsonNode> confirmations = requests("activity_registered");
        assertEquals(3, confirmations.size(), "two registrations, and the repeat asks again under the same cause");
        assertEquals(2, new HashSet<>(confirmations.stream().map(r -> r.get("cause").asText()).toList()).size());
        assertEquals("waiting", confirmations.get(2).get("params").get("status").asText());
        List<JsonNode> promoted = requests("activity_promoted");
        assertEquals(1, promoted.size());
        assertEquals(member(2), promoted.get(0).get("memberId").asText());

        JsonNode mine = json(as(2, "GET", "/v1/members/{memberId}/activities", null));
        assertEquals("registered", mine.get("items").get(0).get("registration").get("status").asText());
    }

    @Test
    void refusalsNameTheirReasonAndChangeNothing() throws Exception {
        Activity gold = activity(5, 0, "gold", true);
        assertEquals(403, register(6, gold.activityId()).getStatusCode(), "a bronze member and a gold activity");
        Activity open = activity(1, 0, null, true);
        register(7, open.activityId());
        APIGatewayV2HTTPResponse full = register(8, open.activityId());
        assertEquals(409, full.getStatusCode());
        assertTrue(json(full).get("type").asText().endsWith("/full"));
        clock.set(Instant.parse("2026-06-19T00:00:00Z"));
        APIGatewayV2HTTPResponse late = register(9, activity(5, 0, null, true).activityId());
        assertEquals(409, late.getStatusCode(), late.getBody());
        assertTrue(json(late).get("type").asText().endsWith("registration-closed"));
        assertEquals(400, register(9, "not a valid id!").getStatusCode());
        assertEquals(404, register(9, "act_nosuch").getStatusCode());
        assertEquals(1, activityStore.get(open.activityId()).orElseThrow().registered());
        assertTrue(registrations.get(gold.activityId(), member(6)).isEmpty());
    }

    @Test
    void threeTimesTheSeatsAtOnceRegisterExactlyTheSeats() throws Exception {
        int n = 4;
        Activity a = activity(n, 100, null, true);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * n; i++) {
            int m = 20 + i;
            calls.add(pool.submit(() -> {
                go.await();
                return register(m, a.activityId());
            }));
        }
        go.countDown();
        int registered = 0;
        Set<Integer> positions = new HashSet<>();
        for (Future<APIGatewayV2HTTPResponse> f : calls) {
            JsonNode r = json(f.get());
            if (r.get("status").asText().equals("registered")) {
                registered++;
            } else {
                positions.add(r.get("position").asInt());
            }
        }
        pool.shutdown();
        assertEquals(n, registered);
        assertEquals(2 * n, activityStore.get(a.activityId()).orElseThrow().waiting());
        assertEquals(n, activityStore.get(a.activityId()).orElseThrow().registered());
        assertTrue(positions.size() >= 1 && positions.stream().allMatch(p -> p >= 1 && p <= 2 * n), positions.toString());
    }

    @Test
    void theCodeIsShownToASeatAndTheSurveyIsAnsweredOnceByAParticipant() throws Exception {
        Activity a = activity(5, 0, null, true);
        register(10, a.activityId());
        register(11, a.activityId());
        clock.set(a.startsAt().plusSeconds(60));
        APIGatewayV2HTTPResponse code = as(10, "GET", "/v1/members/{memberId}/activities/{activityId}/code", a.activityId());
        assertEquals(200, code.getStatusCode(), code.getBody());
        assertTrue(json(code).get("code").asText().matches("\\d+-\\d{6}"));
        assertEquals(404, as(12, "GET", "/v1/members/{memberId}/activities/{activityId}/code", a.activityId()).getStatusCode());
        registrations.checkIn(a.activityId(), member(10), "staff", clock.instant());

        clock.set(a.endsAt().plusSeconds(3600));
        String id = member(10);
        APIGatewayV2HTTPResponse answered = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/survey",
                id, a.activityId()).header("authorization", "Bearer token-" + id).json("{\"score\":5,\"comment\":\"Great\"}").build(), null);
        assertEquals(201, answered.getStatusCode(), answered.getBody());
        Map<String, AttributeValue> stored = dynamo.client().getItem(g -> g.tableName("ActivitiesTable")
                .key(Map.of("pk", AttributeValue.fromS("ACT#" + a.activityId()), "sk", AttributeValue.fromS("SURVEY#" + id)))).item();
        assertFalse(stored.toString().contains("Great"), "the comment is stored encrypted only: " + stored);
        assertTrue(stored.get("commentEnc").s().startsWith("v1."), stored.toString());
        APIGatewayV2HTTPResponse again = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/survey",
                id, a.activityId()).header("authorization", "Bearer token-" + id).json("{\"score\":1}").build(), null);
        assertEquals(409, again.getStatusCode());
        String other = member(11);
        APIGatewayV2HTTPResponse absent = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/survey",
                other, a.activityId()).header("authorization", "Bearer token-" + other).json("{\"score\":4}").build(), null);
        assertEquals(403, absent.getStatusCode());
        APIGatewayV2HTTPResponse bad = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/survey",
                id, a.activityId()).header("authorization", "Bearer token-" + id).json("{\"score\":9}").build(), null);
        assertEquals(400, bad.getStatusCode());
        assertEquals("score", json(bad).get("errors").get(0).get("field").asText());
    }

    private static APIGatewayV2HTTPResponse byLink(String activityId, String token, String body) {
        ApiEvents e = ApiEvents.request("POST", "/v1/activities/{activityId}/survey", activityId);
        if (token != null) {
            e.header("authorization", "Bearer " + token);
        }
        return handler.handleRequest(e.json(body).build(), null);
    }

    @Test
    void theSurveyLinkAnswersWithoutTheMemberTokenOnceForItsOwnMemberAndActivityOnly() throws Exception {
        Activity a = activity(5, 0, null, true);
        Activity b = activity(5, 0, null, true);
        for (Activity x : List.of(a, b)) {
            register(20, x.activityId());
            register(21, x.activityId());
            registrations.checkIn(x.activityId(), member(20), "staff", x.startsAt().plusSeconds(60));
        }
        SurveyLinks linksA = new SurveyLinks(activityStore.get(a.activityId()).orElseThrow().checkInKey());
        SurveyLinks linksB = new SurveyLinks(activityStore.get(b.activityId()).orElseThrow().checkInKey());
        String mine = linksA.token(a.activityId(), member(20));

        clock.set(a.startsAt().plusSeconds(120));
        assertEquals("survey-not-open", type(byLink(a.activityId(), mine, "{\"score\":5}")));

        clock.set(a.endsAt().plusSeconds(3600));
        // someone else's link, another activity's link, a forged one, none: one and the same 403, whoever the id names
        APIGatewayV2HTTPResponse foreign = byLink(a.activityId(), linksB.token(b.activityId(), member(20)), "{\"score\":1}");
        APIGatewayV2HTTPResponse forged = byLink(a.activityId(), member(20) + "." + "A".repeat(43), "{\"score\":1}");
        APIGatewayV2HTTPResponse forgedNobody = byLink(a.activityId(), "m_ffff." + "A".repeat(43), "{\"score\":1}");
        APIGatewayV2HTTPResponse memberToken = byLink(a.activityId(), "token-" + member(20), "{\"score\":1}");
        APIGatewayV2HTTPResponse none = byLink(a.activityId(), null, "{\"score\":1}");
        for (APIGatewayV2HTTPResponse r : List.of(foreign, forged, forgedNobody, memberToken, none)) {
            assertEquals(403, r.getStatusCode(), r.getBody());
            assertEquals(json(forged).get("detail"), json(r).get("detail"));
        }
        assertEquals(404, byLink("act_nosuch", mine, "{\"score\":5}").getStatusCode());
        // a registered member who did not come is sent no link; one made for them anyway is refused
        assertEquals(403, byLink(a.activityId(), linksA.token(a.activityId(), member(21)), "{\"score\":4}").getStatusCode());
        APIGatewayV2HTTPResponse bad = byLink(a.activityId(), mine, "{\"score\":0}");
        assertEquals(400, bad.getStatusCode());
        assertEquals("score", json(bad).get("errors").get(0).get("field").asText());
        assertEquals(List.of(), new SurveyStore(dynamo.client(), "ActivitiesTable").scores(a.activityId()), "nothing written by the refusals");

        APIGatewayV2HTTPResponse answered = byLink(a.activityId(), mine, "{\"score\":4,\"comment\":\"Lovely\"}");
        assertEquals(201, answered.getStatusCode(), answered.getBody());
        assertEquals(4, json(answered).get("score").asInt());
        APIGatewayV2HTTPResponse replay = byLink(a.activityId(), mine, "{\"score\":4,\"comment\":\"Lovely\"}");
        assertEquals(409, replay.getStatusCode());
        assertEquals("already", type(replay));
        // the private page's route sees the same answer: once per member, whichever way it came
        APIGatewayV2HTTPResponse viaPage = handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/activities/{activityId}/survey",
                member(20), a.activityId()).header("authorization", "Bearer token-" + member(20)).json("{\"score\":2}").build(), null);
        assertEquals(409, viaPage.getStatusCode());
        assertEquals(List.of(4), new SurveyStore(dynamo.client(), "ActivitiesTable").scores(a.activityId()));

        clock.set(b.endsAt().plus(Duration.ofDays(31)));
        assertEquals("survey-closed", type(byLink(b.activityId(), linksB.token(b.activityId(), member(20)), "{\"score\":5}")));
    }

    private static String type(APIGatewayV2HTTPResponse r) throws Exception {
        String t = json(r).path("type").asText();
        return t.substring(t.lastIndexOf('/') + 1);
    }

    @Test
    void aSegmentsActivityTakesItsMembersOnly() throws Exception {
        new SegmentStore(dynamo.client(), "ConfigTable").save(new Segment("web-fans", "Web fans", Map.of("channel", "web"), "manager", NOW,
                "manager", NOW, 1), 0);
        MemberDirectoryStore directory = new MemberDirectoryStore(dynamo.client(), "MemberDirectoryTable", ZONE);
        for (int i : new int[] {13, 14}) {
            directory.put(new DirectoryEntry(member(i), "active", "member", i == 13 ? "web" : "store", NOW, false, 1, "bronze", 0, "potential",
                    0, 0, null, null, null, null, 0));
        }
        Activity a = activityFor(5, 0, new ActivityDraft.AudienceDraft("segment", "web-fans"), true);
        assertEquals(201, register(13, a.activityId()).getStatusCode(), "in the segment");
        assertEquals(403, register(14, a.activityId()).getStatusCode(), "not in it");
        assertEquals(403, register(15, a.activityId()).getStatusCode(), "not in the directory");
        assertEquals(1, activityStore.get(a.activityId()).orElseThrow().registered());
    }
}
