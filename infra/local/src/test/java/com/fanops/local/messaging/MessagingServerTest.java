package com.fanops.local.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.events.EventBridgeServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationExceptionReason;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.EventType;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** The SES v2 and SMS stand-in through the AWS SDK's own clients, with its events on the EventBridge stand-in. */
class MessagingServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    /** What EventBridge handed to the rule's target: the whole event. */
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private EventBridgeServer eventBridgeServer;
    private EventBridgeClient eventBridge;
    private MessagingServer server;
    private SesV2Client ses;
    private PinpointSmsVoiceV2Client sms;

    @BeforeEach
    void start() throws Exception {
        eventBridgeServer = new EventBridgeServer(0, "us-east-1", "000000000000", (arn, input) -> {
            try {
                delivered.add(JSON.readTree(input));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Clock.systemUTC());
        eventBridgeServer.start();
        eventBridge = EventBridgeClient.builder().endpointOverride(eventBridgeServer.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
        eventBridge.putRule(b -> b.name("ses-events").eventPattern("{\"source\":[\"aws.ses\"]}"));
        eventBridge.putTargets(b -> b.rule("ses-events").targets(t -> t.id("q").arn("arn:aws:sqs:us-east-1:000000000000:ses")));
        server = new MessagingServer(0, "us-east-1", "000000000000", eventBridge, Clock.systemUTC());
        server.start();
        ses = SesV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .build();
        sms = PinpointSmsVoiceV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
        ses.createConfigurationSet(b -> b.configurationSetName("fanops-test"));
        ses.createConfigurationSetEventDestination(b -> b.configurationSetName("fanops-test").eventDestinationName("to-eventbridge")
                .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE,
                        EventType.COMPLAINT, EventType.REJECT).eventBridgeDestination(e -> e.eventBusArn(BUS))));
    }

    @AfterEach
    void stop() {
        ses.close();
        sms.close();
        server.close();
        eventBridge.close();
        eventBridgeServer.close();
    }

    private String send(String to, String configurationSet) {
        return ses.sendEmail(email(to, configurationSet)).messageId();
    }

    private static SendEmailRequest email(String to, String configurationSet) {
        return SendEmailRequest.builder().fromEmailAddress("Fanops <news@fanops.example>")
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Your tier changed"))
                        .body(b -> b.text(t -> t.data("You are Gold now. Unsubscribe: https://fanops.example/u/abc"))
                                .html(h -> h.data("<p>You are <b>Gold</b> now.</p><a href=\"https://fanops.example/u/abc?x=1&amp;y=2\">"
                                        + "Unsubscribe</a> <a href=\"javascript:alert(1)\">no</a>")))
                        .headers(MessageHeader.builder().name("List-Unsubscribe").value("<https://fanops.example/u/abc>").build(),
                                MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build())))
                .configurationSetName(configurationSet)
                .emailTags(MessageTag.builder().name("fanops-message").value("msg-1").build())
                .build();
    }

    /** Waits until every scheduled SES event has been published and every EventBridge delivery made. */
    private void awaitQuiet() throws InterruptedException {
        await(() -> server.pendingEvents() == 0 && eventBridgeServer.pendingDeliveries() == 0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    private List<JsonNode> eventsOf(String messageId) {
        return delivered.stream().filter(e -> e.path("detail").path("mail").path("messageId").asText().equals(messageId)).toList();
    }

    private Set<String> detailTypes(String messageId) {
        Set<String> types = new TreeSet<>();
        eventsOf(messageId).forEach(e -> types.add(e.path("detail-type").asText()));
        return types;
    }

    private JsonNode event(String messageId, String detailType) {
        return eventsOf(messageId).stream().filter(e -> e.path("detail-type").asText().equals(detailType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + detailType + " event for " + messageId + " in " + delivered));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http(HttpRequest.newBuilder(server.endpoint().resolve(path)).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> http(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSentEmailIsListedWithItsHeadersTagsAndBodiesAndCanBeCleared() throws Exception {
        String id = send("member@example.com", "fanops-test");

        JsonNode messages = get("/_aws/ses").path("messages");
        assertEquals(1, messages.size());
        JsonNode mail = messages.get(0);
        assertEquals(id, mail.path("Id").asText());
        assertEquals("us-east-1", mail.path("Region").asText());
        assertEquals("member@example.com", mail.path("Destination").path("ToAddresses").get(0).asText());
        assertEquals("Fanops <news@fanops.example>", mail.path("Source").asText());
        assertEquals("Your tier changed", mail.path("Subject").asText());
        assertTrue(mail.path("Body").path("text_part").asText().contains("https://fanops.example/u/abc"));
        assertTrue(mail.path("Body").path("html_part").asText().contains("<b>Gold</b>"));
        assertEquals("List-Unsubscribe-Post", mail.path("Headers").get(1).path("Name").asText());
        assertEquals("List-Unsubscribe=One-Click", mail.path("Headers").get(1).path("Value").asText());
        assertEquals("fanops-message", mail.path("Tags").get(0).path("Name").asText());
        assertEquals("msg-1", mail.path("Tags").get(0).path("Value").asText());
        assertFalse(mail.path("Timestamp").asText().isEmpty());

        assertEquals(1, get("/_aws/ses?email=news%40fanops.example").path("messages").size(), "filtered by source address");
        assertEquals(0, get("/_aws/ses?email=other%40fanops.example").path("messages").size());
        assertEquals(204, http(HttpRequest.newBuilder(server.endpoint().resolve("/_aws/ses")).DELETE().build()).statusCode());
        assertEquals(0, get("/_aws/ses").path("messages").size());
    }

    @Test
    void theMailboxSimulatorAddressesPublishTheEventsSesWould() throws Exception {
        String success = send("success@simulator.amazonses.com", "fanops-test");
        String bounce = send("bounce@simulator.amazonses.com", "fanops-test");
        String complaint = send("complaint+label@simulator.amazonses.com", "fanops-test");
        String suppressed = send("suppressionlist@simulator.amazonses.com", "fanops-test");
        String ooto = send("ooto@simulator.amazonses.com", "fanops-test");
        String anyone = send("fan@example.com", "fanops-test");
        await(() -> eventsOf(complaint).size() == 3);
        awaitQuiet();

        assertEquals(Set.of("Email Sent", "Email Delivered"), detailTypes(success));
        assertEquals(Set.of("Email Sent", "Email Bounced"), detailTypes(bounce));
        assertEquals(Set.of("Email Sent", "Email Delivered", "Email Complaint Received"), detailTypes(complaint));
        assertEquals(Set.of("Email Sent", "Email Bounced"), detailTypes(suppressed));
        assertEquals(Set.of("Email Sent", "Email Delivered"), detailTypes(ooto));
        assertEquals(Set.of("Email Sent", "Email Delivered"), detailTypes(anyone));
        assertEquals(13, delivered.size(), "one event per type and message, nothing twice");

        JsonNode hard = event(bounce, "Email Bounced");
        assertEquals("aws.ses", hard.path("source").asText());
        assertEquals("arn:aws:ses:us-east-1:000000000000:configuration-set/fanops-test", hard.path("resources").get(0).asText());
        JsonNode detail = hard.path("detail");
        assertEquals("Bounce", detail.path("eventType").asText());
        assertEquals("Permanent", detail.path("bounce").path("bounceType").asText());
        assertEquals("General", detail.path("bounce").path("bounceSubType").asText());
        assertEquals("bounce@simulator.amazonses.com",
                detail.path("bounce").path("bouncedRecipients").get(0).path("emailAddress").asText());
        assertFalse(detail.path("bounce").path("feedbackId").asText().isEmpty());
        assertFalse(detail.path("bounce").path("timestamp").asText().isEmpty());
        JsonNode mail = detail.path("mail");
        assertEquals(bounce, mail.path("messageId").asText());
        assertEquals("Fanops <news@fanops.example>", mail.path("source").asText());
        assertEquals("bounce@simulator.amazonses.com", mail.path("destination").get(0).asText());
        assertEquals("msg-1", mail.path("tags").path("fanops-message").get(0).asText(), "tags are name -> [values]");
        assertEquals("fanops-test", mail.path("tags").path("ses:configuration-set").get(0).asText());
        assertEquals("Your tier changed", mail.path("commonHeaders").path("subject").asText());
        assertTrue(mail.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), mail.toString());

        assertEquals("OnAccountSuppressionList",
                event(suppressed, "Email Bounced").path("detail").path("bounce").path("bounceSubType").asText());
        JsonNode complained = event(complaint, "Email Complaint Received").path("detail");
        assertEquals("Complaint", complained.path("eventType").asText());
        assertEquals("abuse", complained.path("complaint").path("complaintFeedbackType").asText());
        assertEquals("complaint+label@simulator.amazonses.com",
                complained.path("complaint").path("complainedRecipients").get(0).path("emailAddress").asText());
        JsonNode delivery = event(success, "Email Delivered").path("detail");
        assertEquals("Delivery", delivery.path("eventType").asText());
        assertEquals("success@simulator.amazonses.com", delivery.path("delivery").path("recipients").get(0).asText());
        assertEquals("Send", event(success, "Email Sent").path("detail").path("eventType").asText());
    }

    @Test
    void onlyTheDestinationsMatchingEventTypesArePublishedAndNoneWithoutAConfigurationSet() throws Exception {
        ses.createConfigurationSet(b -> b.configurationSetName("bounces-only"));
        ses.createConfigurationSetEventDestination(b -> b.configurationSetName("bounces-only").eventDestinationName("eb")
                .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.BOUNCE).eventBridgeDestination(e -> e.eventBusArn(BUS))));
        ses.createConfigurationSet(b -> b.configurationSetName("disabled"));
        ses.createConfigurationSetEventDestination(b -> b.configurationSetName("disabled").eventDestinationName("eb")
                .eventDestination(d -> d.enabled(false).matchingEventTypes(EventType.BOUNCE).eventBridgeDestination(e -> e.eventBusArn(BUS))));

        String delivered = send("success@simulator.amazonses.com", "bounces-only");
        String bounced = send("bounce@simulator.amazonses.com", "bounces-only");
        String unpublished = send("bounce@simulator.amazonses.com", "disabled");
        String noSet = send("bounce@simulator.amazonses.com", null);
        await(() -> !eventsOf(bounced).isEmpty());
        awaitQuiet();

        assertEquals(Set.of(), detailTypes(delivered));
        assertEquals(Set.of("Email Bounced"), detailTypes(bounced));
        assertEquals(Set.of(), detailTypes(unpublished), "a disabled destination publishes nothing");
        assertEquals(Set.of(), detailTypes(noSet));
        var destinations = ses.getConfigurationSetEventDestinations(b -> b.configurationSetName("bounces-only")).eventDestinations();
        assertEquals(1, destinations.size());
        assertEquals(List.of(EventType.BOUNCE), destinations.get(0).matchingEventTypes());
        assertEquals(BUS, destinations.get(0).eventBridgeDestination().eventBusArn());
    }

    @Test
    void badRequestsAreRefusedAsSesRefusesThem() {
        NotFoundException unknownSet = assertThrows(NotFoundException.class, () -> send("fan@example.com", "no-such-set"));
        assertTrue(unknownSet.getMessage().contains("no-such-set"), unknownSet.getMessage());
        assertEquals(404, unknownSet.statusCode());
        assertThrows(BadRequestException.class, () -> ses.sendEmail(email("fan@example.com", null).toBuilder()
                .destination(d -> d.toAddresses(List.of())).build()), "no recipient");
        assertThrows(BadRequestException.class, () -> send("not-an-address", null));
        assertThrows(BadRequestException.class, () -> ses.sendEmail(email("fan@example.com", null).toBuilder()
                .emailTags(MessageTag.builder().name("fanops message").value("x").build()).build()));
        assertThrows(NotFoundException.class, () -> ses.getConfigurationSetEventDestinations(b -> b.configurationSetName("nope")));
        assertThrows(BadRequestException.class, () -> ses.createConfigurationSetEventDestination(b -> b
                .configurationSetName("fanops-test").eventDestinationName("custom-bus").eventDestination(d -> d.enabled(true)
                        .matchingEventTypes(EventType.SEND)
                        .eventBridgeDestination(e -> e.eventBusArn("arn:aws:events:us-east-1:000000000000:event-bus/fanops")))),
                "SES publishes to the default bus only");
        assertThrows(software.amazon.awssdk.services.sesv2.model.AlreadyExistsException.class,
                () -> ses.createConfigurationSet(b -> b.configurationSetName("fanops-test")));
        assertEquals(0, ses.getAccount(b -> { }).sendQuota().sentLast24Hours(), "nothing refused was sent");
    }

    @Test
    void aTextMessageIsKeptAndListedByNumber() throws Exception {
        String id = sms.sendTextMessage(b -> b.destinationPhoneNumber("+8613800138000").messageBody("Your code is 123456")
                .messageType(MessageType.TRANSACTIONAL).originationIdentity("Fanops").context(Map.of("fanops-message", "msg-2")))
                .messageId();
        sms.sendTextMessage(b -> b.destinationPhoneNumber("+15555550100").messageBody("Gold!").messageType(MessageType.PROMOTIONAL));

        JsonNode all = get("/_aws/sns/sms-messages");
        assertEquals("us-east-1", all.path("region").asText());
        assertEquals(2, all.path("sms_messages").size());
        JsonNode text = all.path("sms_messages").path("+8613800138000").get(0);
        assertEquals(id, text.path("MessageId").asText());
        assertEquals("+8613800138000", text.path("PhoneNumber").asText());
        assertEquals("Your code is 123456", text.path("Message").asText());
        assertEquals("TRANSACTIONAL", text.path("MessageType").asText());
        assertEquals("msg-2", text.path("Context").path("fanops-message").asText());
        assertFalse(text.path("Timestamp").asText().isEmpty());
        assertEquals(1, get("/_aws/sns/sms-messages?phoneNumber=%2B15555550100").path("sms_messages").size());
    }

    @Test
    void aMalformedNumberIsAValidationExceptionAndNothingIsSent() throws Exception {
        ValidationException e = assertThrows(ValidationException.class,
                () -> sms.sendTextMessage(b -> b.destinationPhoneNumber("13800138000").messageBody("hi")));
        assertEquals(ValidationExceptionReason.INVALID_PARAMETER, e.reason());
        assertEquals("DestinationPhoneNumber", e.fields().get(0).name());
        assertThrows(ValidationException.class, () -> sms.sendTextMessage(b -> b.destinationPhoneNumber("+8613800138000")));
        assertEquals(0, get("/_aws/sns/sms-messages").path("sms_messages").size());
    }

    @Test
    void clientsFindTheStandInThroughTheSdksEndpointSettingsAlone() {
        // Lambda functions get AWS_ENDPOINT_URL_SESV2 / _PINPOINT_SMS_VOICE_V2; the SDK reads these system properties first.
        System.setProperty("aws.endpointUrlSesV2", server.endpoint().toString());
        System.setProperty("aws.endpointUrlPinpointSmsVoiceV2", server.endpoint().toString());
        try (SesV2Client plainSes = SesV2Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
             PinpointSmsVoiceV2Client plainSms = PinpointSmsVoiceV2Client.builder().region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build()) {
            String id = plainSes.sendEmail(email("fan@example.com", null)).messageId();
            plainSms.sendTextMessage(b -> b.destinationPhoneNumber("+15555550100").messageBody("hi"));
            assertNotNull(id);
            assertEquals(id, get("/_aws/ses?id=" + id).path("messages").get(0).path("Id").asText());
            assertEquals(1, get("/_aws/sns/sms-messages").path("sms_messages").size());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.clearProperty("aws.endpointUrlSesV2");
            System.clearProperty("aws.endpointUrlPinpointSmsVoiceV2");
        }
    }

    @Test
    void theMailboxPageShowsEveryMessageNewestFirstEscapedWithItsLinksClickable() throws Exception {
        ses.sendEmail(email("fan@example.com", null).toBuilder().content(c -> c.simple(m -> m
                .subject(s -> s.data("<script>alert('x')</script> older"))
                .body(b -> b.html(h -> h.data("<a href=\"https://fanops.example/u/abc?x=1&amp;y=2\">Unsubscribe</a>"
                        + "<a href=\"javascript:alert(1)\">trap</a><img src=x onerror=alert(1)>"))))).build());
        send("fan@example.com", null);
        sms.sendTextMessage(b -> b.destinationPhoneNumber("+15555550100").messageBody("<b>code</b> 42 https://fanops.example/s"));

        HttpResponse<String> page = http(HttpRequest.newBuilder(server.endpoint().resolve("/")).GET().build());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        String csp = page.headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), csp);
        String html = page.body();
        assertTrue(html.contains("<title>Local mailbox</title>"));
        assertFalse(html.contains("<script"), "no script, not even the subject's");
        assertFalse(html.contains("<img"), "the HTML body is shown as source");
        assertFalse(html.contains("href=\"javascript:"), "only http(s) and mailto links");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; older"));
        assertTrue(html.contains("<a href=\"https://fanops.example/u/abc?x=1&amp;y=2\""), "a link of the HTML body, clickable");
        assertTrue(html.contains("<a href=\"https://fanops.example/u/abc\""), "a link of the text body, clickable");
        assertTrue(html.contains("<form method=\"post\" action=\"https://fanops.example/u/abc\">"), "RFC 8058 one-click");
        assertTrue(html.contains("&lt;b&gt;code&lt;/b&gt; 42 <a href=\"https://fanops.example/s\""), "the SMS, escaped");
        assertTrue(html.indexOf("Your tier changed") < html.indexOf("older"), "newest first");

        HttpResponse<String> css = http(HttpRequest.newBuilder(server.endpoint().resolve(MailboxPage.STYLESHEET)).GET().build());
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
    }

    @Test
    void theAccountAnswersGetAccount() {
        send("fan@example.com", null);
        var account = ses.getAccount(b -> { });
        assertTrue(account.sendingEnabled());
        assertEquals(1.0, account.sendQuota().sentLast24Hours());
        assertEquals(new ArrayList<>(List.of("fanops-test")), ses.listConfigurationSets(b -> { }).configurationSets());
        URI endpoint = server.endpoint();
        assertTrue(endpoint.toString().startsWith("http://127.0.0.1:"));
    }
}
