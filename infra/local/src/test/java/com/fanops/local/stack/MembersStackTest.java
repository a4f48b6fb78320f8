package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Member sign-up and consent through the local runtime: the same jar, the KMS and EventBridge stand-ins, the AWS CLI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class MembersStackTest {

    private FixtureStack stack;
    private String watchQueue;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work);
        // Subscribe a test queue to every member event on the bus, as another capability would.
        watchQueue = stack.sqs.createQueue(b -> b.queueName("MemberEventsWatch")).queueUrl();
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(stack.cloud.endpoints().get("eventbridge"))
                .region(Region.US_EAST_1).credentialsProvider(LocalCloud.credentials()).build()) {
            events.putRule(b -> b.name("watch-members").eventBusName("fanops-prod").eventPattern("{\"source\":[\"fanops.members\"]}"));
            events.putTargets(b -> b.rule("watch-members").eventBusName("fanops-prod")
                    .targets(t -> t.id("watch").arn("arn:aws:sqs:us-east-1:000000000000:MemberEventsWatch")));
        }
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private String form(String email) throws Exception {
        JsonNode notices = SimpleHttp.JSON.readTree(stack.send(HttpRequest.newBuilder(stack.api("/v1/notices?locale=en")).build()).body());
        StringBuilder consents = new StringBuilder();
        for (JsonNode n : notices.path("notices")) {
            consents.append(consents.length() == 0 ? "" : ",").append("{\"purpose\":\"").append(n.path("purpose").asText())
                    .append("\",\"granted\":true,\"noticeVersion\":").append(n.path("version").asInt()).append('}');
        }
        return "{\"nickname\":\"Han Meimei\",\"email\":\"" + email + "\",\"region\":\"Shanghai\",\"channel\":\"web\",\"locale\":\"en\","
                + "\"consents\":[" + consents + "]}";
    }

    @Test
    void signUpAndWithdrawalReachTheBusAndNoTableHoldsPlaintext() throws Exception {
        HttpResponse<String> created = stack.postJson("/v1/members", form("han.meimei@example.com"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode member = SimpleHttp.JSON.readTree(created.body());
        String id = member.path("memberId").asText();
        HttpResponse<String> withdrawn = stack.send(HttpRequest.newBuilder(stack.api("/v1/members/" + id + "/consents"))
                .header("content-type", "application/json").header("authorization", "Bearer " + member.path("memberToken").asText())
                .POST(HttpRequest.BodyPublishers.ofString("{\"decisions\":[{\"purpose\":\"marketing\",\"granted\":false,\"noticeVersion\":1}]}"))
                .build());
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());

        List<String> events = new ArrayList<>();
        FixtureStack.await("MemberJoined and ConsentChanged on the bus", Duration.ofSeconds(20), () -> {
            stack.sqs.receiveMessage(b -> b.queueUrl(watchQueue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> events.add(m.body()));
            return events.stream().anyMatch(e -> e.contains("\"MemberJoined\"") && e.contains(id))
                    && events.stream().anyMatch(e -> e.contains("\"ConsentChanged\"") && e.contains(id));
        });
        assertTrue(events.stream().noneMatch(e -> e.contains("han.meimei")), "events carry no personal data");

        for (String table : List.of("MembersTable", "ConfigTable", "EventOutboxTable")) {
            AwsCli.Result scan = AwsCli.run(stack.cloud.endpoints().get("dynamodb"), "dynamodb", "scan", "--table-name", table);
            assertEquals(0, scan.exitCode(), scan.err());
            assertFalse(scan.out().contains("han.meimei") || scan.out().contains("Han Meimei"), table + " holds plaintext");
        }
        assertTrue(AwsCli.run(stack.cloud.endpoints().get("dynamodb"), "dynamodb", "scan", "--table-name", "MembersTable")
                .out().contains("CONSENT#"), "the ledger is in the members table");
    }

    private HttpResponse<String> asOperator(String group, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(stack.api(path)).header("authorization", "Bearer " + stack.signIn(group));
        if (json != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return stack.send(b.build());
    }

    @Test
    void aNewNoticeVersionFlagsEarlierConsentersThroughTheBus() throws Exception {
        JsonNode member = SimpleHttp.JSON.readTree(stack.postJson("/v1/members", form("old.consent@example.com")).body());
        String id = member.path("memberId").asText();
        HttpResponse<String> published = asOperator("admin", "POST", "/v1/admin/notices",
                "{\"purpose\":\"personalisation\",\"texts\":{\"zh-CN\":\"新版个性化分析告知\",\"en\":\"Personalisation, revised\"}}");
        assertEquals(201, published.statusCode(), published.body());
        FixtureStack.await("re-consent flag set by MemberEventsFunction", Duration.ofSeconds(30), () -> {
            try {
                return asOperator("manager", "GET", "/v1/admin/members/" + id, null).body().contains("\"reconsentRequired\":[\"personalisation\"]");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> stale = stack.postJson("/v1/members", form("stale@example.com").replace(
                "\"personalisation\",\"granted\":true,\"noticeVersion\":2", "\"personalisation\",\"granted\":true,\"noticeVersion\":1"));
        assertEquals(409, stale.statusCode(), stale.body());
    }

    @Test
    void erasureLeavesNoPersonalDataAnywhereAndTheContactCanJoinAgain() throws Exception {
        JsonNode member = SimpleHttp.JSON.readTree(stack.postJson("/v1/members", form("erase.me@example.com")).body());
        String id = member.path("memberId").asText();
        HttpResponse<String> export = stack.send(HttpRequest.newBuilder(stack.api("/v1/members/" + id + "/requests"))
                .header("content-type", "application/json").header("authorization", "Bearer " + member.path("memberToken").asText())
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"export\"}")).build());
        assertEquals(201, export.statusCode(), export.body());
        JsonNode everything = SimpleHttp.JSON.readTree(export.body());
        assertEquals("erase.me@example.com", everything.at("/member/contact").asText());
        assertEquals("Han Meimei", everything.at("/member/nickname").asText());
        assertEquals(3, everything.path("consentLedger").size());
        HttpResponse<String> filed = stack.send(HttpRequest.newBuilder(stack.api("/v1/members/" + id + "/requests"))
                .header("content-type", "application/json").header("authorization", "Bearer " + member.path("memberToken").asText())
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"erasure\"}")).build());
        assertEquals(202, filed.statusCode(), filed.body());
        String requestId = SimpleHttp.JSON.readTree(filed.body()).path("requestId").asText();
        assertEquals(403, asOperator("analyst", "POST", "/v1/admin/requests/" + requestId, "{\"decision\":\"complete\"}").statusCode());
        HttpResponse<String> done = asOperator("manager", "POST", "/v1/admin/requests/" + requestId, "{\"decision\":\"complete\"}");
        assertEquals(200, done.statusCode(), done.body());
        FixtureStack.await("the join and the exit in the metrics (member events -> MetricsEventsFunction)", Duration.ofSeconds(30), () -> {
            var m = stack.dynamoDb.getItem(b -> b.tableName("MetricsTable").consistentRead(true).key(java.util.Map.of(
                    "pk", AttributeValue.fromS("MEMBER#" + id), "sk", AttributeValue.fromS("M")))).item();
            return m != null && m.containsKey("joinDay") && m.containsKey("exitTo") && m.get("exitTo").s().equals("erased");
        });
        for (String table : List.of("MembersTable", "ConfigTable", "MessagesTable", "AuditTable", "EventOutboxTable", "MetricsTable", "RewardsTable", "ComplaintsTable")) {
            AwsCli.Result scan = AwsCli.run(stack.cloud.endpoints().get("dynamodb"), "dynamodb", "scan", "--table-name", table);
            assertEquals(0, scan.exitCode(), scan.err());
            assertFalse(scan.out().contains("erase.me") || scan.out().contains("Han Meimei"), table + " still holds personal data");
        }
        HttpResponse<String> again = stack.postJson("/v1/members", form("erase.me@example.com"));
        assertEquals(201, again.statusCode(), again.body());
        assertFalse(SimpleHttp.JSON.readTree(again.body()).path("memberId").asText().equals(id), "a new member");
    }

    @Test
    void twentySimultaneousSignUpsOverHttpCreateOneMember() throws Exception {
        String body = form("twenty@example.com");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(stack.http.sendAsync(HttpRequest.newBuilder(stack.api("/v1/members")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        int conflicts = 0;
        int limited = 0;
        for (var call : calls) {
            int status = call.get().statusCode();
            created += status == 201 ? 1 : 0;
            conflicts += status == 409 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertEquals(1, created);
        // The template's per-contact limit (SIGNUP_LIMIT_PER_CONTACT, 5/1h) answers the rest before they reach the claim.
        assertEquals(4, conflicts);
        assertEquals(15, limited);
    }
}
