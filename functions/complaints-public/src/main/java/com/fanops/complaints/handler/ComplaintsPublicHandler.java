package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.ComplaintIntake;
import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.Surveys;
import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.Ticket;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.limits.ClientAddress;
import com.fanops.platform.limits.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Complaints for the public: the form's categories, filing a complaint ({@code Idempotency-Key}; queued for intake), and
 * through the private link from the acknowledgement ({@code Authorization: Bearer <token>}) the ticket's status, the
 * complainant's replies and the satisfaction survey.
 */
public final class ComplaintsPublicHandler extends ApiHandler {

    private static final int MAX_BODY = 24 * 1024;

    /** A complainant's message on their ticket. */
    public record Reply(String text) {
    }

    private final Complaints complaints;
    private final ComplaintIntake intake;
    private final Surveys surveys;
    private final String edgeSecret;

    public ComplaintsPublicHandler() {
        this(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("MEMBERS_TABLE"),
                Env.require("INTERACTIONS_TABLE"), Env.require("LIMITS_TABLE"), new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                        new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC()),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.complaints", Clock.systemUTC()),
                        Clock.systemUTC()),
                new QueuedSubmissions(AwsClients.sqs(), Env.require("COMPLAINTS_QUEUE_URL")),
                ComplaintIntake.Limits.of(Env.require("COMPLAINT_LIMIT_PER_CLIENT"), Env.require("COMPLAINT_LIMIT_PER_CONTACT")),
                Env.optional("EDGE_ORIGIN_SECRET", ""), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public ComplaintsPublicHandler(DynamoDbClient ddb, String complaintsTable, String configTable, String membersTable,
                                   String interactionsTable, String limitsTable, Keyring keyring, EventOutbox outbox, com.fanops.complaints.app.Submissions queue,
                                   ComplaintIntake.Limits limits, String edgeSecret, ZoneId zone, Clock clock) {
        this.complaints = new Complaints(ddb, complaintsTable, configTable, keyring, outbox, Complaints.SENDS_NOTHING, null, zone, clock,
                Duration.ofMinutes(1));
        this.intake = new ComplaintIntake(new MemberStore(ddb, membersTable), complaints.cipher, new RateLimiter(ddb, limitsTable, clock),
                limits, queue, clock);
        // A member's tier at answer time (engagement's standings): on ComplaintScored, and a low score may flag the ticket.
        this.surveys = complaints.surveys(ddb, interactionsTable);
        this.edgeSecret = edgeSecret;
        route("GET /v1/complaints/categories", this::categories);
        route("POST /v1/complaints", this::file);
        route("GET /v1/complaints/{ticketNumber}", this::status);
        route("POST /v1/complaints/{ticketNumber}/replies", this::reply);
        route("POST /v1/complaints/{ticketNumber}/survey", this::survey);
        new PulsePublicRoutes(complaints.pulses(ddb, complaintsTable, keyring, null, null)).register(this::route);
    }

    private APIGatewayV2HTTPResponse categories(ApiRequest req) {
        return ApiResponse.json(200, Map.of("categories", Category.keys(), "maxAttachments", ComplaintForm.MAX_ATTACHMENTS,
                "maxDescription", ComplaintForm.MAX_DESCRIPTION));
    }

    private APIGatewayV2HTTPResponse file(ApiRequest req) {
        String key = req.header("idempotency-key");
        ComplaintIntake.Receipt receipt = intake.submit(req.bodyAs(ComplaintForm.class, MAX_BODY), key, req.header("authorization"),
                ClientAddress.of(req, edgeSecret));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "received");
        out.put("reference", receipt.ticketId());
        out.put("acknowledgementBy", receipt.acknowledgementBy());
        return ApiResponse.json(202, out);
    }

    private APIGatewayV2HTTPResponse status(ApiRequest req) {
        return ApiResponse.json(200, complaints.views.forComplainant(ticket(req)));
    }

    private APIGatewayV2HTTPResponse reply(ApiRequest req) {
        Ticket t = ticket(req);
        Ticket after = complaints.work.complainantReply(t, req.bodyAs(Reply.class, MAX_BODY).text());
        return ApiResponse.json(200, complaints.views.forComplainant(after));
    }

    private APIGatewayV2HTTPResponse survey(ApiRequest req) {
        Ticket t = ticket(req);
        Ticket after = surveys.answer(t, req.bodyAs(Surveys.Answer.class, MAX_BODY));
        return ApiResponse.json(201, Map.of("ticketNumber", after.ticketNumber(), "surveyed", after.surveyed()));
    }

    private Ticket ticket(ApiRequest req) {
        return complaints.views.authorise(req.pathParam("ticketNumber", ComplaintIds.NUMBER), req.header("authorization"));
    }
}
