package com.fanops.messaging.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MembershipService;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.NoticeStore;
import com.fanops.messaging.app.Unsubscribe;
import com.fanops.messaging.domain.UnsubscribeToken;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.KeyringLinks;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.Suppressions;
import com.fanops.messaging.store.WebhookSecrets;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.limits.ClientAddress;
import com.fanops.platform.limits.RateLimit;
import com.fanops.platform.limits.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Messaging over HTTP: the operators' side ({@link MessagingSettingsAdmin}: templates, their preview, the sending policy,
 * the webhook secret; {@link DeliveryLogAdmin}: the delivery log, a member's messages, the suppression list, the day's
 * figures) and the public one-click unsubscribe (RFC 8058) that the links in marketing messages point at.
 */
public final class MessagingApiHandler extends ApiHandler {

    /** The tables this function reads and writes. */
    public record Tables(String messages, String members, String config, String audit, String outbox) {
    }

    /**
     * The one-click unsubscribe's abuse limit per client address (null: off), the limits table it is counted in, and the
     * secret CloudFront adds when it fronts the API (empty: no front), as members-public reads them.
     */
    public record Abuse(String limitsTable, RateLimit perClient, String edgeSecret) {

        static Abuse fromEnvironment() {
            return new Abuse(Env.require("LIMITS_TABLE"), RateLimit.parse("unsubscribe-client", Env.require("UNSUBSCRIBE_LIMIT_PER_CLIENT")),
                    Env.optional("EDGE_ORIGIN_SECRET", ""));
        }

        public static Abuse none() {
            return new Abuse("LimitsTable", null, "");
        }
    }

    private final Unsubscribe.ConsentLedger ledger;
    private final KeyringLinks links;
    private final DeliveryLog log;
    private final RateLimiter limiter;
    private final FieldCipher cipher;
    private final Abuse abuse;
    private final Clock clock;

    public MessagingApiHandler() {
        this(AwsClients.dynamoDb(), new Tables(Env.require("MESSAGES_TABLE"), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"),
                        Env.require("AUDIT_TABLE"), Env.require("EVENT_OUTBOX_TABLE")),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Abuse.fromEnvironment(), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC(),
                new MessageRequests(AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL"))::send);
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    /** Without a queue for operators' notes (tests of the other routes): writing one fails. */
    public MessagingApiHandler(DynamoDbClient ddb, Tables tables, DataKeyService keys, RawEventSink events, Abuse abuse, ZoneId zone,
                               Clock clock) {
        this(ddb, tables, keys, events, abuse, zone, clock, request -> {
            throw new IllegalStateException("no message-requests queue");
        });
    }

    /** {@code notes} queues operators' service messages (the message-requests queue in the function). */
    public MessagingApiHandler(DynamoDbClient ddb, Tables tables, DataKeyService keys, RawEventSink events, Abuse abuse, ZoneId zone,
                               Clock clock, Consumer<MessageRequest> notes) {
        CapacityMeter meter = new CapacityMeter();
        Keyring keyring = new Keyring(ddb, tables.config(), keys, clock);
        this.cipher = new FieldCipher(keyring);
        MemberStore members = new MemberStore(ddb, tables.members());
        AuditLog audit = new AuditLog(ddb, tables.audit(), clock);
        this.log = new DeliveryLog(ddb, tables.messages(), zone, meter);
        Suppressions suppressions = new Suppressions(ddb, tables.messages(), meter);
        // Operators must see their own change at once: no cache.
        MessagingSettings settings = new MessagingSettings(ddb, tables.config(), clock, Duration.ZERO);
        MessagingSettingsAdmin settingsAdmin = new MessagingSettingsAdmin(settings, new WebhookSecrets(ddb, tables.config(), cipher, clock),
                members, cipher, audit);
        DeliveryLogAdmin logAdmin = new DeliveryLogAdmin(log, suppressions, members, cipher, audit, zone, clock);
        // Unsubscribing is the member's own act through the members capability's ledger: nothing to audit.
        MembershipService membership = new MembershipService(members, new DataRequestStore(ddb, tables.members()),
                new NoticeStore(ddb, tables.config(), clock), cipher, new EventOutbox(ddb, tables.outbox(), events, clock), null, clock, zone,
                Duration.ofDays(15));
        this.ledger = membership::unsubscribe;
        // This function only reads tokens; the links themselves are made by the sender, which knows the public URLs.
        this.links = new KeyringLinks(keyring, "", "");
        this.limiter = new RateLimiter(ddb, abuse.limitsTable(), clock);
        this.abuse = abuse;
        this.clock = clock;

        route("GET /v1/admin/messaging/templates", settingsAdmin::templates);
        route("PUT /v1/admin/messaging/templates", settingsAdmin::changeTemplates);
        route("GET /v1/admin/messaging/templates/history", settingsAdmin::templatesHistory);
        route("POST /v1/admin/messaging/templates/preview", settingsAdmin::preview);
        route("GET /v1/admin/messaging/policy", settingsAdmin::policy);
        route("PUT /v1/admin/messaging/policy", settingsAdmin::changePolicy);
        route("GET /v1/admin/messaging/policy/history", settingsAdmin::policyHistory);
        route("GET /v1/admin/messaging/webhook-secret", settingsAdmin::webhookSecret);
        route("POST /v1/admin/messaging/webhook-secret", settingsAdmin::createWebhookSecret);
        route("GET /v1/admin/messaging/messages", logAdmin::messages);
        route("GET /v1/admin/members/{memberId}/messages", logAdmin::memberMessages);
        route("GET /v1/admin/messages/{messageId}", logAdmin::message);
        route("GET /v1/admin/messaging/suppressions", logAdmin::suppressions);
        route("DELETE /v1/admin/messaging/suppressions/{contactIndex}", logAdmin::removeSuppression);
        route("GET /v1/admin/messaging/stats", logAdmin::stats);
        route("POST /v1/unsubscribe/{token}", this::unsubscribe);
        route("POST /v1/admin/members/{memberId}/messages", new OperatorNotes(members, notes, audit, clock)::send);
    }

    /**
     * One click: the token names a message, the message its member, whose marketing consent is withdrawn. The limit is
     * counted only for a genuine token, just before the ledger is written, so a refused request writes nothing.
     */
    private APIGatewayV2HTTPResponse unsubscribe(ApiRequest req) {
        String token = req.pathParam("token", UnsubscribeToken.SHAPE);
        OneClickBody.check(req);
        String client = ClientAddress.of(req, abuse.edgeSecret());
        Unsubscribe click = new Unsubscribe(links, log, (memberId, source) -> {
            limiter.acquire(abuse.perClient(), cipher.blindIndex("client:" + client));
            return ledger.withdrawMarketing(memberId, source);
        }, clock);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unsubscribed", true);
        out.put("kind", click.withdraw(token));
        return ApiResponse.json(200, out);
    }
}
