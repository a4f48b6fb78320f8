package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Messages through the local runtime, end to end: a sign-up on the public API -> MemberJoined on the bus -> the
 * requests queue -> the sender's own JVM -> the SES stand-in, whose inspection endpoint shows the welcome e-mail in
 * the member's language; SES's bounce report comes back through the default bus and suppresses the address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class MemberMessagesStackTest {

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

    private String form(String email, String locale, boolean marketing) throws Exception {
        JsonNode notices = SimpleHttp.JSON.readTree(stack.send(HttpRequest.newBuilder(stack.api("/v1/notices?locale=" + locale)).build()).body());
        StringBuilder consents = new StringBuilder();
        for (JsonNode n : notices.path("notices")) {
            boolean granted = n.path("purpose").asText().equals("membership") || marketing;
            consents.append(consents.length() == 0 ? "" : ",").append("{\"purpose\":\"").append(n.path("purpose").asText())
                    .append("\",\"granted\":").append(granted).append(",\"noticeVersion\":").append(n.path("version").asInt()).append('}');
        }
        return "{\"nickname\":\"Li Lei\",\"email\":\"" + email + "\",\"region\":\"Shanghai\",\"channel\":\"web\",\"locale\":\"" + locale
                + "\",\"consents\":[" + consents + "]}";
    }

    private JsonNode mailbox() throws Exception {
        HttpResponse<String> r = stack.send(HttpRequest.newBuilder(stack.cloud.endpoints().get("messaging").resolve("/_aws/ses")).build());
        assertEquals(200, r.statusCode());
        return SimpleHttp.JSON.readTree(r.body()).path("messages");
    }

    private List<JsonNode> mailTo(String address) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode m : mailbox()) {
            if (m.path("Destination").toString().contains(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private Map<String, AttributeValue> logOf(String memberId) {
        var items = stack.dynamoDb.query(b -> b.tableName("MessagesTable").indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MEMBER#" + memberId)))).items();
        // The index holds keys only: the log item itself by its key.
        return items.isEmpty() ? Map.of() : stack.dynamoDb.getItem(b -> b.tableName("MessagesTable")
                .key(Map.of("pk", items.get(0).get("pk"), "sk", items.get(0).get("sk")))).item();
    }

    @Test
    void signingUpDeliversTheWelcomeEmailInTheMembersLanguage() throws Exception {
        HttpResponse<String> en = stack.postJson("/v1/members", form("success+en@simulator.amazonses.com", "en", false));
        assertEquals(201, en.statusCode(), en.body());
        HttpResponse<String> zh = stack.postJson("/v1/members", form("success+zh@simulator.amazonses.com", "zh-CN", false));
        assertEquals(201, zh.statusCode(), zh.body());
        String enId = SimpleHttp.JSON.readTree(en.body()).path("memberId").asText();
        FixtureStack.await("both welcome e-mails in the local mailbox", Duration.ofSeconds(60),
                () -> {
                    try {
                        return mailTo("success+en@").size() == 1 && mailTo("success+zh@").size() == 1;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        JsonNode english = mailTo("success+en@").get(0);
        assertTrue(english.path("Subject").asText().startsWith("Welcome"), english.toString());
        assertTrue(english.path("Body").path("text_part").asText().contains("Li Lei"));
        assertTrue(mailTo("success+zh@").get(0).path("Subject").asText().startsWith("欢迎"));
        FixtureStack.await("the delivery reported back", Duration.ofSeconds(30), () -> "delivered".equals(
                logOf(enId).getOrDefault("status", AttributeValue.fromS("")).s()));
        Map<String, AttributeValue> line = logOf(enId);
        assertEquals("welcome", line.get("kind").s());
        assertEquals("membership", line.get("basis").m().get("purpose").s());
        String scan = stack.dynamoDb.scan(b -> b.tableName("MessagesTable")).items().toString();
        assertFalse(scan.contains("success+en@") || scan.contains("Li Lei"), "the log holds no plaintext contact or body");
    }

    @Test
    void aBounceFromTheSimulatorSuppressesTheAddress() throws Exception {
        HttpResponse<String> created = stack.postJson("/v1/members", form("bounce@simulator.amazonses.com", "en", true));
        assertEquals(201, created.statusCode(), created.body());
        String id = SimpleHttp.JSON.readTree(created.body()).path("memberId").asText();
        FixtureStack.await("the welcome bounced and the address is suppressed", Duration.ofSeconds(60), () -> {
            Map<String, AttributeValue> line = logOf(id);
            boolean bounced = "bounced".equals(line.getOrDefault("status", AttributeValue.fromS("")).s());
            boolean listed = !stack.dynamoDb.query(b -> b.tableName("MessagesTable").indexName("gsi2").keyConditionExpression("gsi2pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SUPPRESSED")))).items().isEmpty();
            return bounced && listed;
        });
    }
}
