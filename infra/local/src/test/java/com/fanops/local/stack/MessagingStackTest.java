package com.fanops.local.stack;

import static com.fanops.local.stack.FixtureStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The project stack's SES and SMS stand-in through the AWS CLI, a real client: the template's configuration set is
 * there at boot, a simulator complaint reaches an SQS queue through a rule on the default bus, texts are kept.
 */
@Tag("e2e")
class MessagingStackTest {

    @TempDir
    Path work;

    @Test
    void theCliSendsThroughTheTemplatesConfigurationSetAndItsEventsReachARuleOnTheDefaultBus() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work);
             EventBridgeClient events = EventBridgeClient.builder().endpointOverride(stack.cloud.endpoints().get("eventbridge"))
                     .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials()).build()) {
            URI endpoint = stack.cloud.endpoints().get("messaging");

            AwsCli.Result destinations = AwsCli.run(endpoint, "sesv2", "get-configuration-set-event-destinations",
                    "--configuration-set-name", "fanops-prod");
            assertEquals(0, destinations.exitCode(), destinations.err());
            JsonNode destination = SimpleHttp.JSON.readTree(destinations.out()).path("EventDestinations").get(0);
            assertEquals("to-eventbridge", destination.path("Name").asText());
            assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/default",
                    destination.path("EventBridgeDestination").path("EventBusArn").asText());

            String queueUrl = stack.sqs.createQueue(b -> b.queueName("ses-events")).queueUrl();
            events.putRule(b -> b.name("ses-events").eventPattern("{\"source\":[\"aws.ses\"]}"));
            events.putTargets(b -> b.rule("ses-events").targets(t -> t.id("q").arn("arn:aws:sqs:us-east-1:000000000000:ses-events")));

            AwsCli.Result sent = AwsCli.run(endpoint, "sesv2", "send-email", "--from-email-address", "news@fanops.example",
                    "--destination", "ToAddresses=complaint@simulator.amazonses.com", "--configuration-set-name", "fanops-prod",
                    "--email-tags", "Name=fanops-message,Value=m-1", "--content",
                    "{\"Simple\":{\"Subject\":{\"Data\":\"Gold\"},\"Body\":{\"Text\":{\"Data\":\"You are Gold.\"}},"
                            + "\"Headers\":[{\"Name\":\"List-Unsubscribe\",\"Value\":\"<https://fanops.example/u/1>\"}]}}");
            assertEquals(0, sent.exitCode(), sent.err());
            String messageId = SimpleHttp.JSON.readTree(sent.out()).path("MessageId").asText();

            List<JsonNode> received = new CopyOnWriteArrayList<>();
            await("the complaint's three events", Duration.ofSeconds(30), () -> {
                stack.sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(m -> received.add(read(m.body())));
                return received.size() >= 3;
            });
            Set<String> types = new TreeSet<>();
            received.forEach(e -> types.add(e.path("detail-type").asText()));
            assertEquals(Set.of("Email Sent", "Email Delivered", "Email Complaint Received"), types);
            received.forEach(e -> assertEquals(messageId, e.path("detail").path("mail").path("messageId").asText()));
            assertEquals("m-1", received.get(0).path("detail").path("mail").path("tags").path("fanops-message").get(0).asText());

            AwsCli.Result unknown = AwsCli.run(endpoint, "sesv2", "send-email", "--from-email-address", "news@fanops.example",
                    "--destination", "ToAddresses=fan@example.com", "--configuration-set-name", "nope",
                    "--content", "{\"Simple\":{\"Subject\":{\"Data\":\"x\"},\"Body\":{\"Text\":{\"Data\":\"x\"}}}}");
            assertNotEquals(0, unknown.exitCode());
            assertTrue(unknown.err().contains("NotFoundException"), unknown.err());

            AwsCli.Result text = AwsCli.run(endpoint, "pinpoint-sms-voice-v2", "send-text-message",
                    "--destination-phone-number", "+15555550100", "--message-body", "Your code is 42",
                    "--message-type", "TRANSACTIONAL");
            assertEquals(0, text.exitCode(), text.err());
            AwsCli.Result malformed = AwsCli.run(endpoint, "pinpoint-sms-voice-v2", "send-text-message",
                    "--destination-phone-number", "5555550100", "--message-body", "x");
            assertTrue(malformed.err().contains("ValidationException"), malformed.err());

            HttpResponse<String> texts = stack.http.send(HttpRequest.newBuilder(endpoint.resolve("/_aws/sns/sms-messages")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode kept = SimpleHttp.JSON.readTree(texts.body()).path("sms_messages").path("+15555550100");
            assertEquals(1, kept.size(), texts.body());
            assertEquals("Your code is 42", kept.get(0).path("Message").asText());
            HttpResponse<String> mailbox = stack.http.send(HttpRequest.newBuilder(endpoint.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(mailbox.body().contains("<a href=\"https://fanops.example/u/1\""), "the mailbox shows the e-mail's link");
        }
    }

    private static JsonNode read(String json) {
        try {
            return SimpleHttp.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
