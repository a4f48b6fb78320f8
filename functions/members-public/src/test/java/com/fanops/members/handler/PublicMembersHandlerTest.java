package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.members.domain.ConsentChanged;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.store.NoticeStore;
import com.fanops.members.domain.Purpose;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicMembersHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    /** One key source per deployment: the keyring's wrapped keys are only readable with it. */
    private static final InMemoryDataKeys KEYS = new InMemoryDataKeys();
    private static final com.fanops.testing.RecordedEvents BUS = new com.fanops.testing.RecordedEvents("com.fanops.members.domain");
    private static final List<Object> EVENTS = BUS.all();
    private static PublicMembersHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new PublicMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "EventOutboxTable", KEYS, BUS, CLOCK,
                ZoneId.of("Asia/Shanghai"), 14, 15);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A complete form answer against the notices currently published (as the form would show them). */
    private static String signUpJson(String contactField, String contact, String extra) {
        var current = new NoticeStore(dynamo.client(), "ConfigTable", CLOCK).current();
        return "{\"nickname\":\"小李\",\"" + contactField + "\":\"" + contact + "\",\"region\":\"Hangzhou\",\"channel\":\"wechat\","
                + "\"locale\":\"zh-CN\",\"consents\":[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":"
                + current.get(Purpose.MEMBERSHIP).version() + "},{\"purpose\":\"marketing\",\"granted\":true,\"noticeVersion\":"
                + current.get(Purpose.MARKETING).version() + "},{\"purpose\":\"personalisation\",\"granted\":false,\"noticeVersion\":"
                + current.get(Purpose.PERSONALISATION).version() + "}]" + extra + "}";
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPResponse signUp(String json) {
        return call(ApiEvents.request("POST", "/v1/members").json(json).build());
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    private static int memberItems() {
        return dynamo.client().scan(b -> b.tableName("MembersTable").select("COUNT")).count();
    }

    @Test
    void signUpCreatesTheMemberItsLedgerAndAJoinedEvent() throws Exception {
        var response = signUp(signUpJson("email", "Li.Lei@Example.COM", ",\"birthday\":\"1990-05-01\",\"interests\":[\"running\"]"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode created = body(response);
        String memberId = created.path("memberId").asText();
        String token = created.path("memberToken").asText();
        assertEquals("active", created.path("status").asText());

        var consents = call(ApiEvents.request("GET", "/v1/members/{memberId}/consents", memberId)
                .header("authorization", "Bearer " + token).build());
        assertEquals(200, consents.getStatusCode(), consents.getBody());
        JsonNode ledger = body(consents).path("ledger");
        assertEquals(3, ledger.size());
        assertTrue(ledger.toString().contains("\"proofHash\""));
        assertEquals(true, body(consents).at("/current/marketing/granted").asBoolean());
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof MemberJoined j && j.memberId().equals(memberId)));
    }

    @Test
    void noTableHoldsPlaintextPersonalData() {
        assertEquals(201, signUp(signUpJson("phone", "138 0013 8000", ",\"birthday\":\"1991-02-03\"")).getStatusCode());
        assertEquals(201, signUp(signUpJson("email", "wang.fang@example.cn", "")).getStatusCode());
        for (String table : List.of("MembersTable", "ConfigTable")) {
            String dump = dynamo.client().scan(b -> b.tableName(table)).items().toString();
            for (String secret : List.of("13800138000", "wang.fang", "小李", "1991-02-03", "Hangzhou-x")) {
                assertFalse(dump.contains(secret), table + " holds " + secret);
            }
        }
    }

    @Test
    void withdrawalIsOneRequestAppendsToTheLedgerAndPublishesConsentChanged() throws Exception {
        JsonNode created = body(signUp(signUpJson("email", "withdraw@example.com", "")));
        String memberId = created.path("memberId").asText();
        var response = call(ApiEvents.request("POST", "/v1/members/{memberId}/consents", memberId)
                .header("authorization", "Bearer " + created.path("memberToken").asText())
                .json("{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":false,\"noticeVersion\":1}]}").build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(false, body(response).at("/current/marketing/granted").asBoolean());
        assertEquals(4, body(response).path("ledger").size(), "the grant stays in the ledger; the withdrawal is a new entry");
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof ConsentChanged c && c.memberId().equals(memberId)
                && c.purpose().equals("marketing") && !c.granted()));
    }

    @Test
    void exportReturnsEverythingHeldAndErasureWaitsForADecisionWithADeadline() throws Exception {
        JsonNode member = body(signUp(signUpJson("email", "export.me@example.com", ",\"birthday\":\"1988-08-08\"")));
        String id = member.path("memberId").asText();
        String bearer = "Bearer " + member.path("memberToken").asText();
        var export = call(ApiEvents.request("POST", "/v1/members/{memberId}/requests", id).header("authorization", bearer)
                .json("{\"type\":\"export\"}").build());
        assertEquals(201, export.getStatusCode(), export.getBody());
        JsonNode data = body(export);
        assertEquals("export.me@example.com", data.at("/member/contact").asText());
        assertEquals("1988-08-08", data.at("/member/birthday").asText());
        assertEquals(3, data.path("consentLedger").size());
        assertEquals(1, data.path("statusHistory").size());
        assertEquals("COMPLETED", data.at("/request/status").asText());

        var erasure = call(ApiEvents.request("POST", "/v1/members/{memberId}/requests", id).header("authorization", bearer)
                .json("{\"type\":\"erasure\"}").build());
        assertEquals(202, erasure.getStatusCode(), erasure.getBody());
        assertEquals("2026-12-07T02:00:00Z", body(erasure).path("deadline").asText(), "15 days to answer");
        var status = call(ApiEvents.request("GET", "/v1/members/{memberId}/requests/{requestId}", id, body(erasure).path("requestId").asText())
                .header("authorization", bearer).build());
        assertEquals("OPEN", body(status).path("status").asText());
        assertEquals(400, call(ApiEvents.request("POST", "/v1/members/{memberId}/requests", id).header("authorization", bearer)
                .json("{\"type\":\"forget-me-not\"}").build()).getStatusCode());
    }

    @Test
    void aMemberWhoLeftCannotChangeConsents() throws Exception {
        JsonNode member = body(signUp(signUpJson("email", "leaver@example.com", "")));
        String id = member.path("memberId").asText();
        String bearer = "Bearer " + member.path("memberToken").asText();
        assertEquals(200, call(ApiEvents.request("POST", "/v1/members/{memberId}/leave", id).header("authorization", bearer).build())
                .getStatusCode());
        assertEquals(409, call(ApiEvents.request("POST", "/v1/members/{memberId}/consents", id).header("authorization", bearer)
                .json("{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":true,\"noticeVersion\":1}]}").build()).getStatusCode());
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof com.fanops.members.domain.MemberStatusChanged c && c.memberId().equals(id)
                && c.to().equals("left")));
    }

    @Test
    void withAdmissionReviewOnANewMemberWaitsAndNoJoinedEventIsSent() throws Exception {
        var settings = new com.fanops.members.store.MemberSettingsStore(dynamo.client(), "ConfigTable", CLOCK);
        var review = settings.change(new com.fanops.members.domain.MemberSettings("review"), settings.currentVersion().version(),
                "admin@brand.cn");
        try {
            JsonNode created = body(signUp(signUpJson("email", "pending@example.com", "")));
            assertEquals("pending", created.path("status").asText());
            String id = created.path("memberId").asText();
            assertFalse(EVENTS.stream().anyMatch(e -> e instanceof MemberJoined j && j.memberId().equals(id)));
        } finally {
            settings.change(com.fanops.members.domain.MemberSettings.defaults(), review.version(), "admin@brand.cn");
        }
        assertEquals("active", body(signUp(signUpJson("email", "after.review@example.com", ""))).path("status").asText());
    }

    @Test
    void whenTheBusIsDownTheSignUpStandsAndItsEventWaitsInTheOutbox() throws Exception {
        PublicMembersHandler busDown = new PublicMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "EventOutboxTable",
                KEYS, (source, type, detail, time) -> {
                    throw new IllegalStateException("EventBridge unreachable");
                }, CLOCK, ZoneId.of("Asia/Shanghai"), 14, 15);
        var response = busDown.handleRequest(ApiEvents.request("POST", "/v1/members")
                .json(signUpJson("email", "bus.down@example.com", "")).build(), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        String id = body(response).path("memberId").asText();
        var waiting = dynamo.client().scan(b -> b.tableName("EventOutboxTable")).items();
        assertTrue(waiting.stream().anyMatch(i -> i.get("detailType").s().equals("MemberJoined") && i.get("detail").s().contains(id)),
                "the relay will publish it: " + waiting + " " + response.getBody());
    }

    @Test
    void aWrongOrMissingMemberTokenIs401() throws Exception {
        String memberId = body(signUp(signUpJson("email", "token@example.com", ""))).path("memberId").asText();
        assertEquals(401, call(ApiEvents.request("GET", "/v1/members/{memberId}/consents", memberId).build()).getStatusCode());
        assertEquals(401, call(ApiEvents.request("GET", "/v1/members/{memberId}/consents", memberId)
                .header("authorization", "Bearer nope").build()).getStatusCode());
        assertEquals(401, call(ApiEvents.request("GET", "/v1/members/{memberId}/consents", "m_unknown")
                .header("authorization", "Bearer nope").build()).getStatusCode());
    }

    @Test
    void twentySimultaneousSignUpsWithOneContactCreateExactlyOneMember() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(pool.submit(() -> {
                go.await();
                return signUp(signUpJson("email", "same.person@example.com", "")).getStatusCode();
            }));
        }
        go.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<Integer> status : statuses) {
            int s = status.get();
            created += s == 201 ? 1 : 0;
            conflicts += s == 409 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(19, conflicts);
    }

    @Test
    void aMinorJoinsOnlyWithAGuardiansConsent() throws Exception {
        var refused = signUp(signUpJson("email", "kid@example.com", ",\"birthday\":\"2015-01-01\""));
        assertEquals(422, refused.getStatusCode());
        assertEquals("guardian", body(refused).at("/errors/0/field").asText());
        var accepted = signUp(signUpJson("email", "kid@example.com", ",\"birthday\":\"2015-01-01\","
                + "\"guardian\":{\"name\":\"李雷\",\"phone\":\"13900139000\",\"consent\":true}"));
        assertEquals(201, accepted.getStatusCode(), accepted.getBody());
    }

    @Test
    void aNewNoticeVersionRefusesConsentToTheOldOne() throws Exception {
        String staleForm = signUpJson("email", "stale@example.com", "");
        int published = new NoticeStore(dynamo.client(), "ConfigTable", CLOCK).publish(Purpose.PERSONALISATION,
                Map.of("zh-CN", "新版个性化分析说明", "en", "New personalisation notice"), "admin@brand.cn").version();
        int before = memberItems();
        var stale = signUp(staleForm);
        assertEquals(409, stale.getStatusCode(), stale.getBody());
        assertEquals("https://fanops.dev/problems/outdated-notice", body(stale).path("type").asText());
        assertEquals(before, memberItems());
        var notices = call(ApiEvents.request("GET", "/v1/notices").query("locale", "en").build());
        assertTrue(notices.getBody().contains("New personalisation notice"), notices.getBody());
        String fresh = signUpJson("email", "fresh@example.com", "");
        assertTrue(fresh.contains("\"personalisation\",\"granted\":false,\"noticeVersion\":" + published));
        assertEquals(201, signUp(fresh).getStatusCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing contact            | {"nickname":"a","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | email
            malformed email            | {"nickname":"a","email":"not-an-email","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | email
            malformed phone            | {"nickname":"a","phone":"12345","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | phone
            both email and phone       | {"nickname":"a","email":"a@b.cn","phone":"13800138000","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | email
            unknown purpose            | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":1},{"purpose":"lottery","granted":true,"noticeVersion":1}]} | 400 | consents[1].purpose
            membership not granted     | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","consents":[{"purpose":"membership","granted":false,"noticeVersion":1}]} | 422 | consents
            unknown notice version     | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","consents":[{"purpose":"membership","granted":true,"noticeVersion":9}]} | 400 | consents.membership.noticeVersion
            birthday in the future     | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","birthday":"2030-01-01","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | birthday
            unknown field              | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","idCard":"x","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | idCard
            wrong type                 | {"nickname":"a","email":"a@b.cn","region":"r","channel":"web","consents":[{"purpose":"membership","granted":"yes","noticeVersion":1}]} | 400 | consents[0].granted
            unknown channel            | {"nickname":"a","email":"a@b.cn","region":"r","channel":"fax","consents":[{"purpose":"membership","granted":true,"noticeVersion":1}]} | 400 | channel
            """)
    void badInputIsAProblemNamingTheFieldAndNothingIsWritten(String name, String json, int status, String field) throws Exception {
        int before = memberItems();
        var response = signUp(json);
        assertEquals(status, response.getStatusCode(), name + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertTrue(body(response).path("errors").toString().contains("\"field\":\"" + field + "\""), response.getBody());
        assertEquals(before, memberItems(), name + " wrote something");
    }

    @Test
    void oversizedNonUtf8AndDuplicateBodiesAreRefusedWithoutWriting() throws Exception {
        int before = memberItems();
        assertEquals(413, signUp(signUpJson("email", "big@example.com", ",\"region2\":\"" + "x".repeat(20_000) + "\"")).getStatusCode());
        APIGatewayV2HTTPEvent latin1 = ApiEvents.request("POST", "/v1/members").json("").build();
        latin1.setBody(Base64.getEncoder().encodeToString(signUpJson("email", "caf\u00e9@example.com", "").getBytes(StandardCharsets.ISO_8859_1)));
        latin1.setIsBase64Encoded(true);
        assertEquals(400, call(latin1).getStatusCode());
        assertEquals(before, memberItems());
        assertEquals(201, signUp(signUpJson("email", "dup@example.com", "")).getStatusCode());
        int afterFirst = memberItems();
        var duplicate = signUp(signUpJson("email", " DUP@example.com ", ""));
        assertEquals(409, duplicate.getStatusCode());
        assertFalse(duplicate.getBody().contains("dup@example.com"), "the answer does not echo the contact");
        assertEquals(afterFirst, memberItems());
    }

    private static int profiles() {
        return dynamo.client().scan(b -> b.tableName("MembersTable").filterExpression("sk = :p")
                .expressionAttributeValues(Map.of(":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE")))).count();
    }

    private static APIGatewayV2HTTPResponse signUp(String json, String idempotencyKey) {
        return call(ApiEvents.request("POST", "/v1/members").header("idempotency-key", idempotencyKey).json(json).build());
    }

    @Test
    void aSignUpRetriedWithTheSameKeyCreatesOneMemberAndGetsTheSameLink() throws Exception {
        String json = signUpJson("email", "retry.me@example.com", "");
        int before = profiles();
        var first = signUp(json, "key-retry-1");
        assertEquals(201, first.getStatusCode(), first.getBody());
        // The same body with other spacing and key order is the same sign-up.
        var again = signUp(" " + json.replace("\"region\":\"Hangzhou\",", "") .replace("}]}", "}],\"region\":\"Hangzhou\"}"), "key-retry-1");
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals(body(first).path("memberId").asText(), body(again).path("memberId").asText());
        assertEquals(body(first).path("memberToken").asText(), body(again).path("memberToken").asText(), "the same private link");
        assertEquals(body(first).path("status").asText(), body(again).path("status").asText());
        assertEquals(before + 1, profiles(), "one member");
        var consents = call(ApiEvents.request("GET", "/v1/members/{memberId}/consents", body(again).path("memberId").asText())
                .header("authorization", "Bearer " + body(again).path("memberToken").asText()).build());
        assertEquals(200, consents.getStatusCode(), "the replayed link opens the member's page");
        String memberId = body(first).path("memberId").asText();
        assertEquals(1, EVENTS.stream().filter(e -> e instanceof MemberJoined j && j.memberId().equals(memberId)).count(), "announced once");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() throws Exception {
        assertEquals(201, signUp(signUpJson("email", "first.body@example.com", ""), "key-other-body").getStatusCode());
        int before = profiles();
        var other = signUp(signUpJson("email", "second.body@example.com", ""), "key-other-body");
        assertEquals(422, other.getStatusCode(), other.getBody());
        assertEquals("application/problem+json", other.getHeaders().get("content-type"));
        assertTrue(body(other).path("type").asText().endsWith("idempotency-key-reused"), other.getBody());
        assertEquals(before, profiles());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "   ", "caf\u00e9", "line\nbreak"})
    void anInvalidIdempotencyKeyIsABadRequestNamingTheHeader(String key) throws Exception {
        var response = signUp(signUpJson("email", "bad.key@example.com", ""), key);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("Idempotency-Key", body(response).at("/errors/0/field").asText(), response.getBody());
    }

    @Test
    void aKeyOfMoreThan128CharactersIsABadRequest() throws Exception {
        var response = signUp(signUpJson("email", "long.key@example.com", ""), "k".repeat(129));
        assertEquals(400, response.getStatusCode());
        assertEquals("Idempotency-Key", body(response).at("/errors/0/field").asText());
        assertEquals(201, signUp(signUpJson("email", "long.key@example.com", ""), "k".repeat(128)).getStatusCode());
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneMemberAndAllGetItsAnswer() throws Exception {
        String json = signUpJson("email", "eight.tries@example.com", "");
        int before = profiles();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return signUp(json, "key-concurrent");
                }));
            }
            go.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            java.util.Set<String> tokens = new java.util.HashSet<>();
            for (Future<APIGatewayV2HTTPResponse> answer : answers) {
                APIGatewayV2HTTPResponse r = answer.get();
                assertEquals(201, r.getStatusCode(), r.getBody());
                ids.add(body(r).path("memberId").asText());
                tokens.add(body(r).path("memberToken").asText());
            }
            assertEquals(1, ids.size(), ids.toString());
            assertEquals(1, tokens.size());
            assertEquals(before + 1, profiles());
        } finally {
            pool.shutdownNow();
        }
    }
}
