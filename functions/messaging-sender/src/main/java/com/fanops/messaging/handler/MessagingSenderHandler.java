package com.fanops.messaging.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.complaints.store.TicketStore;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.app.DeliveryEvents;
import com.fanops.messaging.app.EventRequests;
import com.fanops.messaging.app.Links;
import com.fanops.messaging.app.MessageSender;
import com.fanops.messaging.app.Providers;
import com.fanops.messaging.app.SendPacer;
import com.fanops.messaging.app.SesEvents;
import com.fanops.messaging.app.TicketRecipients;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.AwsProviders;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.KeyringLinks;
import com.fanops.messaging.store.MemberRecipients;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.Suppressions;
import com.fanops.messaging.store.WebhookSecrets;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.platform.retry.Retry;
import com.fanops.platform.sqs.SqsBatch;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The message-requests queue's consumer. A queue message is a {@link MessageRequest} (from a producer, or one this
 * function put back to wait out quiet hours) or an EventBridge event a rule forwarded: a capability's event that
 * implies a message ({@link EventRequests}), an SES report ({@code aws.ses}) or an erasure. Partial batch failures:
 * only a failed message comes back.
 */
public final class MessagingSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** SQS's longest delivery delay: a longer wait is made of several hops. */
    static final long MAX_DELAY_SECONDS = 900;
    private static final Log LOG = Log.get(MessagingSenderHandler.class);

    private final MessageSender sender;
    private final DeliveryEvents events;
    private final DeliveryLog log;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final CapacityMeter meter = new CapacityMeter();

    public MessagingSenderHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.require("MESSAGES_TABLE"), Env.require("MEMBERS_TABLE"),
                Env.require("CONFIG_TABLE"), Env.require("COMPLAINTS_TABLE"), Env.require("MESSAGE_REQUESTS_QUEUE_URL"), Runtime.KEYRING,
                Runtime.providers(), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Double.parseDouble(Env.require("MAX_SEND_RATE")),
                Env.require("SITE_URL"), Env.require("API_URL"), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    /** Without complaint tickets (a request to a ticket's complainant is then suppressed as unknown). */
    public MessagingSenderHandler(DynamoDbClient ddb, SqsClient sqs, String messagesTable, String membersTable, String configTable,
                                  String queueUrl, Keyring keyring, Providers providers, ZoneId zone, double sendRate,
                                  String siteUrl, String apiUrl, Clock clock) {
        this(ddb, sqs, messagesTable, membersTable, configTable, null, queueUrl, keyring, providers, zone, sendRate, siteUrl, apiUrl, clock);
    }

    public MessagingSenderHandler(DynamoDbClient ddb, SqsClient sqs, String messagesTable, String membersTable, String configTable,
                                  String complaintsTable, String queueUrl, Keyring keyring, Providers providers, ZoneId zone,
                                  double sendRate, String siteUrl, String apiUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
        FieldCipher cipher = new FieldCipher(keyring);
        this.log = new DeliveryLog(ddb, messagesTable, zone, meter);
        Suppressions suppressions = new Suppressions(ddb, messagesTable, meter);
        MemberRecipients recipients = new MemberRecipients(new MemberStore(ddb, membersTable, meter), cipher);
        Links links = new KeyringLinks(keyring, siteUrl, apiUrl);
        TicketRecipients tickets = complaintsTable == null ? TicketRecipients.NONE
                : new ComplaintTicketRecipients(new TicketStore(ddb, complaintsTable), cipher);
        this.sender = new MessageSender(log, suppressions, new MessagingSettings(ddb, configTable, clock, Duration.ofMinutes(1)),
                recipients, tickets, providers, links, cipher, SendPacer.of(sendRate), zone, clock);
        this.events = new DeliveryEvents(log, suppressions, recipients);
    }

    /** What the Lambda runtime's instance is built from, once per container. */
    private static final class Runtime {
        static final Keyring KEYRING = new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC());

        static Providers providers() {
            return new AwsProviders(AwsClients.sesV2(), AwsClients.sms(),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                    new WebhookSecrets(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"), new FieldCipher(KEYRING), Clock.systemUTC()),
                    Env.require("EMAIL_FROM"), Env.require("SES_CONFIGURATION_SET"), Env.optional("SMS_ORIGINATION_IDENTITY", ""),
                    Retry.of(3, Duration.ofMillis(250), Duration.ofSeconds(2)).on(e -> e instanceof Providers.Unavailable),
                    Clock.systemUTC());
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        SQSBatchResponse response = SqsBatch.process(batch, message -> {
            Log.setCorrelationId(message.getMessageId());
            handle(Json.mapper().readValue(message.getBody(), Map.class));
        });
        Log.clearContext();
        double[] units = meter.drain();
        int size = batch.getRecords() == null ? 0 : batch.getRecords().size();
        // Capacity as DynamoDB reports it (ReturnConsumedCapacity): what the cost per message is measured from.
        LOG.info("batch handled", "messages", size, "failed", response.getBatchItemFailures().size(), "readUnits", units[0],
                "writeUnits", units[1]);
        return response;
    }

    @SuppressWarnings("unchecked")
    void handle(Map<String, Object> body) {
        if (body.containsKey("detail-type")) {
            BusEvent<Map<String, Object>> event = BusEvent.parse(body);
            if ("aws.ses".equals(event.source())) {
                events.apply(SesEvents.of(event));
            } else if ("MemberErased".equals(event.detailType())) {
                int forgotten = log.forget(String.valueOf(event.detail().get("memberId")));
                LOG.info("message bodies erased", "messages", forgotten);
            } else {
                EventRequests.of(event).ifPresentOrElse(this::send,
                        () -> LOG.info("event implies no message", "detailType", event.detailType()));
            }
            return;
        }
        send(Json.mapper().convertValue(body, MessageRequest.class));
    }

    private void send(MessageRequest request) {
        MessageSender.Outcome outcome = sender.send(request);
        if (outcome.deferred()) {
            long wait = Math.max(0, Duration.between(clock.instant(), outcome.deferredUntil()).toSeconds());
            int delay = (int) Math.min(MAX_DELAY_SECONDS, wait);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(json(request)).delaySeconds(delay));
        }
    }

    private static String json(MessageRequest r) {
        try {
            return Json.mapper().writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
