package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A complaint through the local runtime, end to end, from someone who is no member: the public API -> the complaints
 * queue -> the intake's own JVM -> messaging's requests queue -> the sender (which reads the complainant's contact from
 * the ticket) -> the SES stand-in, where the acknowledgement promises the reply time and carries the private link; the
 * link opens the status; an agent's reply arrives by e-mail; the resolution's survey follows the sweep and is answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class ComplaintsStackTest {

    private static final Pattern LINK = Pattern.compile("#(C-[0-9]{8}-[0-9]{4,6})\\.([A-Za-z0-9-]{1,16}\\.[A-Za-z0-9_-]{43})");
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

    private List<JsonNode> mailTo(String address) {
        try {
            HttpResponse<String> r = stack.send(HttpRequest.newBuilder(stack.cloud.endpoints().get("messaging").resolve("/_aws/ses")).build());
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode m : SimpleHttp.JSON.readTree(r.body()).path("messages")) {
                if (m.path("Destination").toString().contains(address)) {
                    out.add(m);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(stack.api(path)).header("authorization", "Bearer " + bearer);
        if (json != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return stack.send(b.build());
    }

    @Test
    void aComplainantWhoIsNoMemberIsAcknowledgedAnsweredAndSurveyed() throws Exception {
        String address = "success+complaint@simulator.amazonses.com";
        HttpResponse<String> filed = stack.send(HttpRequest.newBuilder(stack.api("/v1/complaints"))
                .header("content-type", "application/json").header("idempotency-key", "stack-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Wang Wu\",\"contact\":\"" + address + "\",\"locale\":\"en\","
                        + "\"category\":\"delivery\",\"description\":\"The parcel never came.\"}")).build());
        assertEquals(202, filed.statusCode(), filed.body());
        String ticketId = SimpleHttp.JSON.readTree(filed.body()).path("reference").asText();

        FixtureStack.await("the acknowledgement in the local mailbox", Duration.ofSeconds(90), () -> mailTo(address).size() == 1);
        JsonNode ack = mailTo(address).get(0);
        String text = ack.path("Body").path("text_part").asText();
        assertTrue(ack.path("Subject").asText().startsWith("We received your feedback C-"), ack.toString());
        assertTrue(text.contains("Hello Wang Wu") && text.contains("will reply by "), text);
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), text);
        String number = link.group(1);
        String token = link.group(2);

        HttpResponse<String> status = call("GET", "/v1/complaints/" + number, token, null);
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("acknowledged", SimpleHttp.JSON.readTree(status.body()).path("status").asText());

        String agent = stack.signIn("agent");
        HttpResponse<String> reply = call("POST", "/v1/admin/complaints/" + ticketId + "/replies", agent, "{\"text\":\"We are sending a new one.\"}");
        assertEquals(200, reply.statusCode(), reply.body());
        FixtureStack.await("the agent's reply by e-mail", Duration.ofSeconds(60), () -> mailTo(address).size() == 2);
        assertTrue(mailTo(address).get(1).path("Body").path("text_part").asText().contains("We are sending a new one."));

        HttpResponse<String> resolved = call("POST", "/v1/admin/complaints/" + ticketId + "/resolve", agent,
                "{\"resolution\":\"Re-sent the order.\",\"upheld\":true}");
        assertEquals(200, resolved.statusCode(), resolved.body());
        // A schedule's time is whole seconds (the scheduler's <aws.scheduler.scheduled-time>): the run must come at least a
        // second after the resolution, or it is - rightly - not yet due for it (the next 5-minute run would be).
        stack.cloud.fireSchedule("ComplaintsSweep", stack.cloud.clock().instant().plusSeconds(1));
        FixtureStack.await("the survey by e-mail", Duration.ofSeconds(60), () -> mailTo(address).size() == 3);
        String survey = mailTo(address).get(2).path("Body").path("text_part").asText();
        assertTrue(survey.contains("/complaint-survey.html#" + number + "."), survey);
        assertEquals(201, call("POST", "/v1/complaints/" + number + "/survey", token, "{\"score\":4}").statusCode());
        assertEquals(409, call("POST", "/v1/complaints/" + number + "/survey", token, "{\"score\":5}").statusCode());

        stack.awaitIdle(Duration.ofSeconds(60));
        String log = stack.dynamoDb.scan(b -> b.tableName(stack.cloud.tableName("MessagesTable"))).items().toString();
        assertTrue(log.contains("complaint"), "the complaint is the messages' recorded basis");
        String tickets = stack.dynamoDb.scan(b -> b.tableName(stack.cloud.tableName("ComplaintsTable"))).items().toString();
        for (String plain : List.of(address, "Wang Wu", "The parcel never came")) {
            assertFalse(log.contains(plain) || tickets.contains(plain), plain + " stored in clear");
            assertFalse(stack.logs.stream().anyMatch(l -> l.contains(plain)), plain + " in a function's log");
        }
    }
}
