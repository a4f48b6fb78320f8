package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.Pulses;
import com.fanops.complaints.app.SlaSweep;
import com.fanops.complaints.app.TicketIntake;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.members.store.AdmittedMembers;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SLA sweep, fired every few minutes by an EventBridge Scheduler schedule in the business time zone. It works as of
 * the schedule's own time ({@code scheduledTime}, or a scheduled event's {@code time}), so running a time twice warns,
 * escalates and closes nothing more. It reads only the tickets the due index lists at or before that time.
 */
public final class ComplaintsSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final int SCAN_SEGMENTS = 4;
    static final Duration SETTINGS_FOR = Duration.ofSeconds(60);

    private final SlaSweep sweep;
    private final Pulses pulses;
    private final Clock clock;

    public ComplaintsSweepHandler() {
        this(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE"), Env.require("CONFIG_TABLE"),
                new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                        new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC()),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), TicketIntake.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                new QueuedTicketMessages(new MessageRequests(AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL")), Clock.systemUTC()),
                Env.require("SITE_URL"), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC(), Env.require("MEMBERS_TABLE"));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    /** A sweep that draws no pulse sample. */
    public ComplaintsSweepHandler(DynamoDbClient ddb, String complaintsTable, String configTable, Keyring keyring, EventOutbox outbox,
                                  TicketMessages.Outbound messages, String siteUrl, ZoneId zone, Clock clock) {
        this(ddb, complaintsTable, configTable, keyring, outbox, messages, siteUrl, zone, clock, null);
    }

    /** @param membersTable where pulse samples are drawn from (a parallel scan, see {@link AdmittedMembers}) */
    public ComplaintsSweepHandler(DynamoDbClient ddb, String complaintsTable, String configTable, Keyring keyring, EventOutbox outbox,
                                  TicketMessages.Outbound messages, String siteUrl, ZoneId zone, Clock clock, String membersTable) {
        // Settings are read once per run (cached for less than the 5-minute period): a change is applied by the next run.
        Complaints complaints = new Complaints(ddb, complaintsTable, configTable, keyring, outbox, messages, siteUrl, zone, clock, SETTINGS_FOR);
        this.sweep = complaints.sweep();
        this.pulses = membersTable == null ? null
                : complaints.pulses(ddb, complaintsTable, keyring, siteUrl, new AdmittedMembers(ddb, membersTable, SCAN_SEGMENTS)::forEach);
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trigger, Context context) {
        Object time = trigger == null ? null : trigger.getOrDefault("scheduledTime", trigger.get("time"));
        Instant at = time instanceof String t ? Instant.parse(t) : clock.instant();
        SlaSweep.Run run = sweep.sweep(at);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", at.toString());
        out.put("tickets", run.tickets());
        out.put("warned", run.warned());
        out.put("escalated", run.escalated());
        out.put("toManager", run.toManager());
        out.put("rederived", run.rederived());
        out.put("surveys", run.surveys());
        out.put("closed", run.closed());
        if (pulses != null) {
            Pulses.Run drawn = pulses.drawPending(at);
            out.put("pulses", Map.of("drawn", drawn.pulses(), "sampled", drawn.sampled(), "requested", drawn.requested()));
        }
        return out;
    }
}
