package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.TicketIntake;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.complaints.domain.Submission;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.platform.sqs.SqsBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The complaints queue's consumer: each submission becomes a numbered, acknowledged ticket (partial batch failures). */
public final class ComplaintsIntakeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TicketIntake intake;

    public ComplaintsIntakeHandler() {
        this(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("INTERACTIONS_TABLE"),
                new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                        new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC()),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), TicketIntake.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                new QueuedTicketMessages(new MessageRequests(AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL")), Clock.systemUTC()),
                Env.require("SITE_URL"), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public ComplaintsIntakeHandler(DynamoDbClient ddb, String complaintsTable, String configTable, String interactionsTable, Keyring keyring,
                                   EventOutbox outbox, TicketMessages.Outbound messages, String siteUrl, ZoneId zone, Clock clock) {
        Complaints complaints = new Complaints(ddb, complaintsTable, configTable, keyring, outbox, messages, siteUrl, zone, clock,
                Duration.ofMinutes(1));
        this.intake = complaints.intake(ddb, interactionsTable);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        SQSBatchResponse response = SqsBatch.process(batch, message -> {
            Log.setCorrelationId(message.getMessageId());
            intake.take(Json.mapper().readValue(message.getBody(), Submission.class));
        });
        Log.clearContext();
        return response;
    }
}
