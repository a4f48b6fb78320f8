package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.events.EventBridgeServer;
import com.fanops.local.messaging.MessagingServer;
import com.fanops.template.Intrinsic;
import com.fanops.template.LocalNames;
import com.fanops.template.Resolver;
import com.fanops.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EventDestination;
import software.amazon.awssdk.services.sesv2.model.EventType;

/**
 * template.yaml's SES configuration set and its EventBridge event destination as the local runtime provisions them,
 * and a bounce from the mailbox simulator reaching a rule on the default bus through them.
 */
class ProjectEmailEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTemplatesConfigurationSetPublishesBouncesToTheDefaultBus() throws Exception {
        Template template = Template.load(Path.of("../../template.yaml"));
        AtomicReference<Resolver> resolver = new AtomicReference<>();
        LocalNames names = new LocalNames(LocalConfig.REGION, LocalConfig.ACCOUNT, resolver::get);
        resolver.set(new Resolver(template, names, Map.of("Stage", "test"), LocalConfig.REGION, LocalConfig.ACCOUNT,
                LocalConfig.STACK));
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        try (EventBridgeServer bus = new EventBridgeServer(0, LocalConfig.REGION, LocalConfig.ACCOUNT,
                     (arn, input) -> delivered.add(read(input)), Clock.systemUTC());
             EventBridgeClient events = EventBridgeClient.builder().endpointOverride(start(bus).endpoint())
                     .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials()).build();
             MessagingServer messaging = new MessagingServer(0, LocalConfig.REGION, LocalConfig.ACCOUNT, events, Clock.systemUTC());
             SesV2Client ses = SesV2Client.builder().endpointOverride(start(messaging).endpoint())
                     .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials()).build()) {

            List<String> created = new Provisioner(template, resolver.get(), names).createEmailConfigurationSets(messaging.endpoint());

            assertEquals(List.of("fanops-test"), created);
            assertEquals("fanops-test", resolver.get().string(new Intrinsic("Ref", "MessagingConfigurationSet")), "what SES_CONFIGURATION_SET gets");
            List<EventDestination> destinations = ses.getConfigurationSetEventDestinations(b -> b.configurationSetName("fanops-test"))
                    .eventDestinations();
            assertEquals(1, destinations.size());
            EventDestination destination = destinations.get(0);
            assertEquals("to-eventbridge", destination.name());
            assertTrue(destination.enabled());
            assertEquals(List.of(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE, EventType.COMPLAINT, EventType.REJECT),
                    destination.matchingEventTypes());
            assertEquals("arn:aws:events:us-east-1:000000000000:event-bus/default", destination.eventBridgeDestination().eventBusArn());

            events.putRule(b -> b.name("bounces").eventPattern("{\"source\":[\"aws.ses\"],\"detail-type\":[\"Email Bounced\"]}"));
            events.putTargets(b -> b.rule("bounces").targets(t -> t.id("q").arn("arn:aws:sqs:us-east-1:000000000000:bounces")));
            String id = ses.sendEmail(b -> b.fromEmailAddress("news@fanops.example").destination(d -> d.toAddresses(
                    "bounce@simulator.amazonses.com")).content(c -> c.simple(m -> m.subject(s -> s.data("hi"))
                    .body(x -> x.text(t -> t.data("hi"))))).configurationSetName("fanops-test")).messageId();

            FixtureStack.await("the bounce", Duration.ofSeconds(10), () -> !delivered.isEmpty()
                    && messaging.pendingEvents() == 0 && bus.pendingDeliveries() == 0);
            assertEquals(1, delivered.size(), "only the rule's detail-type: " + delivered);
            assertEquals(id, delivered.get(0).path("detail").path("mail").path("messageId").asText());
            assertEquals("Permanent", delivered.get(0).path("detail").path("bounce").path("bounceType").asText());
        }
    }

    @Test
    void eventTypesInEitherSpellingBecomeTheApisEnum() {
        assertEquals("BOUNCE", Provisioner.eventType("BOUNCE"));
        assertEquals("BOUNCE", Provisioner.eventType("bounce"));
        assertEquals("RENDERING_FAILURE", Provisioner.eventType("renderingFailure"));
        assertEquals("DELIVERY_DELAY", Provisioner.eventType("DELIVERY_DELAY"));
    }

    private static EventBridgeServer start(EventBridgeServer server) {
        server.start();
        return server;
    }

    private static MessagingServer start(MessagingServer server) {
        server.start();
        return server;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
