package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MemberLimits;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.json.Json;
import com.fanops.platform.limits.ProofOfWork;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public API's abuse defences against DynamoDB Local: limits per client and per contact, the challenge, merging. */
class AbuseLimitsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:03:00Z"), ZoneOffset.UTC);
    private static final InMemoryDataKeys KEYS = new InMemoryDataKeys();
    private static final RecordedEvents BUS = new RecordedEvents("com.fanops.members.domain");
    private static LocalDynamo dynamo;
    private static PublicMembersHandler limited;
    private static PublicMembersHandler challenged;
    private static PublicMembersHandler unlimited;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        MemberLimits.Config limits = MemberLimits.Config.of("30/10m", "5/1h", "6/1h", "4/1d", "10/1h", "8/1h");
        limited = handler(new PublicMembersHandler.Abuse("LimitsTable", limits, 0, "edge-secret"));
        challenged = handler(new PublicMembersHandler.Abuse("LimitsTable", MemberLimits.Config.none(), 8, ""));
        unlimited = handler(PublicMembersHandler.Abuse.none());
    }

    private static PublicMembersHandler handler(PublicMembersHandler.Abuse abuse) {
        return new PublicMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "EventOutboxTable", KEYS, BUS, CLOCK,
                ZoneId.of("Asia/Shanghai"), 14, 15, abuse);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static String form(String email) {
        var current = new NoticeStore(dynamo.client(), "ConfigTable", CLOCK).current();
        return "{\"nickname\":\"Fan\",\"email\":\"" + email + "\",\"region\":\"Hangzhou\",\"channel\":\"web\",\"locale\":\"en\","
                + "\"consents\":[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":" + current.get(Purpose.MEMBERSHIP).version()
                + "},{\"purpose\":\"marketing\",\"granted\":true,\"noticeVersion\":" + current.get(Purpose.MARKETING).version() + "}]}";
    }

    private static APIGatewayV2HTTPResponse signUp(PublicMembersHandler handler, String email, String ip) {
        return handler.handleRequest(ApiEvents.request("POST", "/v1/members").sourceIp(ip).json(form(email)).build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    private static int count(String prefix) {
        return dynamo.client().scan(b -> b.tableName("MembersTable")).items().stream()
                .filter(i -> i.get("pk").s().startsWith(prefix) || i.get("sk").s().startsWith(prefix)).toList().size();
    }

    private static int ledgerLines(String memberId) {
        return dynamo.client().query(b -> b.tableName("MembersTable").keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(java.util.Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MEMBER#" + memberId),
                        ":c", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CONSENT#")))).count();
    }

    @Test
    void threeHundredSignUpsFromOneClientInSecondsMeetTheLimitAndTheAllowedOnesSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String email = "flood" + i + "@example.com";
            calls.add(pool.submit(() -> signUp(limited, email, "203.0.113.9")));
        }
        Set<String> members = new HashSet<>();
        int refused = 0;
        for (Future<APIGatewayV2HTTPResponse> call : calls) {
            APIGatewayV2HTTPResponse response = call.get();
            if (response.getStatusCode() == 201) {
                members.add(body(response).path("memberId").asText());
            } else {
                assertEquals(429, response.getStatusCode(), response.getBody());
                assertEquals("application/problem+json", response.getHeaders().get("content-type"));
                assertEquals("https://fanops.dev/problems/rate-limited", body(response).path("type").asText());
                // The fixed clock is 3 minutes into a 10-minute window.
                assertEquals("420", response.getHeaders().get("retry-after"));
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(30, members.size(), "the allowed sign-ups each made a member");
        assertEquals(270, refused);
        for (String memberId : members) {
            assertEquals(2, ledgerLines(memberId));
        }
        assertEquals(201, signUp(limited, "neighbour@example.com", "203.0.113.10").getStatusCode(), "another client is not held back");
    }

    @Test
    void oneIpv6Slash64IsOneClient() {
        for (int i = 1; i <= 30; i++) {
            assertEquals(201, signUp(limited, "v6-" + i + "@example.com", "2001:db8:9:9::" + Integer.toHexString(i)).getStatusCode());
        }
        assertEquals(429, signUp(limited, "v6-31@example.com", "2001:db8:9:9:ffff::1").getStatusCode());
        assertEquals(201, signUp(limited, "v6-32@example.com", "2001:db8:9:a::1").getStatusCode());
    }

    @Test
    void oneContactIsTriedAtMostFiveTimesAnHourFromAnywhere() throws Exception {
        int claims = count("CONTACT#");
        assertEquals(201, signUp(limited, "probe@example.com", "198.51.100.1").getStatusCode());
        for (int i = 2; i <= 5; i++) {
            assertEquals(409, signUp(limited, "probe@example.com", "198.51.100." + i).getStatusCode());
        }
        var refused = signUp(limited, "Probe@Example.com", "198.51.100.6");
        assertEquals(429, refused.getStatusCode(), "the contact is counted by its blind index, whatever its spelling");
        assertEquals(claims + 1, count("CONTACT#"), "one member, nothing else written");
    }

    @Test
    void badInputIsRefusedBeforeCountingSoItWritesNothing() throws Exception {
        int before = dynamo.client().scan(b -> b.tableName("LimitsTable").select("COUNT")).count();
        for (int i = 0; i < 40; i++) {
            var response = limited.handleRequest(ApiEvents.request("POST", "/v1/members").sourceIp("192.0.2.77")
                    .json("{\"nickname\":\"\",\"email\":\"x\"}").build(), null);
            assertEquals(400, response.getStatusCode());
        }
        assertEquals(before, dynamo.client().scan(b -> b.tableName("LimitsTable").select("COUNT")).count());
        assertEquals(201, signUp(limited, "after.bad@example.com", "192.0.2.77").getStatusCode());
    }

    @Test
    void behindTheEdgeTheViewerAddressCountsOnlyWithTheOriginSecret() throws Exception {
        for (int i = 0; i < 30; i++) {
            var response = limited.handleRequest(ApiEvents.request("POST", "/v1/members").sourceIp("130.176.0.1")
                    .header("cloudfront-viewer-address", "198.18.0." + i + ":5000").header("x-origin-verify", "edge-secret")
                    .json(form("edge" + i + "@example.com")).build(), null);
            assertEquals(201, response.getStatusCode(), "each viewer is its own client, not CloudFront's address");
        }
    }

    // ------------------------------------------------------------------ challenge

    @Test
    void withTheChallengeOnASignUpNeedsAFreshSolutionEachTime() throws Exception {
        JsonNode challenge = body(challenged.handleRequest(ApiEvents.request("GET", "/v1/challenge").build(), null));
        assertEquals(true, challenge.path("required").asBoolean());
        assertEquals(8, challenge.path("difficulty").asInt());
        assertEquals(ProofOfWork.HEADER, challenge.path("header").asText());
        String solution = solve(challenge.path("token").asText(), 8);

        int claims = count("CONTACT#");
        var without = signUp(challenged, "pow@example.com", "192.0.2.1");
        assertEquals(400, without.getStatusCode());
        assertEquals(ProofOfWork.HEADER, body(without).at("/errors/0/field").asText());
        assertEquals(claims, count("CONTACT#"), "nothing written");

        var solved = challenged.handleRequest(ApiEvents.request("POST", "/v1/members").header(ProofOfWork.HEADER, solution)
                .json(form("pow@example.com")).build(), null);
        assertEquals(201, solved.getStatusCode(), solved.getBody());
        var reused = challenged.handleRequest(ApiEvents.request("POST", "/v1/members").header(ProofOfWork.HEADER, solution)
                .json(form("pow2@example.com")).build(), null);
        assertEquals(400, reused.getStatusCode());
        assertTrue(body(reused).at("/errors/0/message").asText().contains("already used"));

        JsonNode off = body(limited.handleRequest(ApiEvents.request("GET", "/v1/challenge").build(), null));
        assertEquals(false, off.path("required").asBoolean());
    }

    /** What signup.js does with Web Crypto. */
    static String solve(String token, int bits) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long counter = 0; ; counter++) {
            byte[] hash = sha.digest((token + ":" + counter).getBytes(StandardCharsets.UTF_8));
            int zeros = 0;
            for (byte b : hash) {
                if (b == 0) {
                    zeros += 8;
                    continue;
                }
                zeros += Integer.numberOfLeadingZeros(b & 0xff) - 24;
                break;
            }
            if (zeros >= bits) {
                return token + ":" + counter;
            }
        }
    }

    // ------------------------------------------------------------------ data-subject requests and consents

    private record Member(String id, String token) {
    }

    private static Member join(String email, String ip) throws Exception {
        JsonNode created = body(signUp(limited, email, ip));
        return new Member(created.path("memberId").asText(), created.path("memberToken").asText());
    }

    private static APIGatewayV2HTTPResponse request(Member m, String json, String ip) {
        return request(limited, m, json, ip);
    }

    private static APIGatewayV2HTTPResponse request(PublicMembersHandler handler, Member m, String json, String ip) {
        return handler.handleRequest(ApiEvents.request("POST", "/v1/members/{memberId}/requests", m.id()).sourceIp(ip)
                .header("authorization", "Bearer " + m.token()).json(json).build(), null);
    }

    private static APIGatewayV2HTTPResponse consents(Member m, String json, String key, String ip) {
        return consents(limited, m, json, key, ip);
    }

    private static APIGatewayV2HTTPResponse consents(PublicMembersHandler handler, Member m, String json, String key, String ip) {
        ApiEvents event = ApiEvents.request("POST", "/v1/members/{memberId}/consents", m.id()).sourceIp(ip)
                .header("authorization", "Bearer " + m.token()).json(json);
        if (key != null) {
            event.header("idempotency-key", key);
        }
        return handler.handleRequest(event.build(), null);
    }

    @Test
    void identicalOpenRequestsMergeEvenWhenSentTogether() throws Exception {
        Member m = join("erase.me@example.com", "192.0.2.20");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> request(unlimited, m, "{\"type\":\"erasure\"}", "192.0.2.21")));
        }
        Set<String> ids = new HashSet<>();
        for (Future<APIGatewayV2HTTPResponse> call : calls) {
            APIGatewayV2HTTPResponse response = call.get();
            assertEquals(202, response.getStatusCode(), response.getBody());
            ids.add(body(response).path("requestId").asText());
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "one open erasure");
        assertEquals(1, requestsOf(m));

        String fix = "{\"type\":\"correction\",\"corrections\":{\"region\":\"Suzhou\"}}";
        String first = body(request(unlimited, m, fix, "192.0.2.21")).path("requestId").asText();
        assertEquals(first, body(request(unlimited, m, fix, "192.0.2.21")).path("requestId").asText(), "the same correction merges");
        String other = body(request(unlimited, m, "{\"type\":\"correction\",\"corrections\":{\"region\":\"Wuxi\"}}", "192.0.2.21"))
                .path("requestId").asText();
        assertTrue(!other.equals(first), "another correction is another request");
        assertEquals(3, requestsOf(m));
    }

    private static int requestsOf(Member m) {
        return dynamo.client().query(b -> b.tableName("MembersTable").keyConditionExpression("pk = :pk AND begins_with(sk, :d)")
                .expressionAttributeValues(java.util.Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MEMBER#" + m.id()),
                        ":d", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DSR#")))).count();
    }

    @Test
    void dataRequestsAreLimitedPerContact() throws Exception {
        Member m = join("exporter@example.com", "192.0.2.30");
        for (int i = 0; i < 4; i++) {
            assertEquals(201, request(m, "{\"type\":\"export\"}", "192.0.2." + (31 + i)).getStatusCode());
        }
        var refused = request(m, "{\"type\":\"export\"}", "192.0.2.40");
        assertEquals(429, refused.getStatusCode());
        assertTrue(Long.parseLong(refused.getHeaders().get("retry-after")) > 0);
        assertEquals(4, requestsOf(m));
    }

    @Test
    void aConsentDecisionWithAnIdempotencyKeyIsRecordedOnceAndAnotherBodyIsRefused() throws Exception {
        Member m = join("consent.key@example.com", "192.0.2.50");
        String withdraw = "{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":false,\"noticeVersion\":1}]}";
        var first = consents(m, withdraw, "key-1", "192.0.2.51");
        var again = consents(m, withdraw, "key-1", "192.0.2.51");
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(body(first).path("current"), body(again).path("current"));
        assertEquals(3, ledgerLines(m.id()), "two at sign-up, one withdrawal");
        var other = consents(m, "{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":true,\"noticeVersion\":1}]}", "key-1", "192.0.2.51");
        assertEquals(422, other.getStatusCode());
        assertEquals("https://fanops.dev/problems/idempotency-key-reused", body(other).path("type").asText());
        assertEquals(3, ledgerLines(m.id()));
    }

    @Test
    void identicalConsentDecisionsSentTogetherWriteOneLedgerLine() throws Exception {
        Member m = join("consent.twenty@example.com", "192.0.2.60");
        String withdraw = "{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":false,\"noticeVersion\":1}]}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String ip = "192.0.2." + (61 + i);
            calls.add(pool.submit(() -> consents(unlimited, m, withdraw, "same-key", ip)));
        }
        for (Future<APIGatewayV2HTTPResponse> call : calls) {
            int status = call.get().getStatusCode();
            assertTrue(status == 200 || status == 409, "answered " + status);
        }
        pool.shutdown();
        assertEquals(200, consents(unlimited, m, withdraw, null, "192.0.2.70").getStatusCode(), "the same decision again, without a key");
        assertEquals(3, ledgerLines(m.id()), "one withdrawal line, however often it was sent");
    }

    @Test
    void consentChangesAreLimitedPerContact() throws Exception {
        Member m = join("consent.flood@example.com", "192.0.2.80");
        for (int i = 0; i < 8; i++) {
            boolean granted = i % 2 == 1;
            assertEquals(200, consents(m, "{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":" + granted + ",\"noticeVersion\":1}]}",
                    null, "192.0.2." + (81 + i)).getStatusCode());
        }
        var refused = consents(m, "{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":false,\"noticeVersion\":1}]}", null, "192.0.2.99");
        assertEquals(429, refused.getStatusCode());
        assertEquals(2 + 8, ledgerLines(m.id()));
    }
}
