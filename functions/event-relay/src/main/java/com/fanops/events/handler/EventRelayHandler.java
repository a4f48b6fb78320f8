package com.fanops.events.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every minute: publishes outbox events whose change committed but whose publish did not go through. */
public final class EventRelayHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Log LOG = Log.get(EventRelayHandler.class);
    /** Longer than a request takes to publish its own events, so the relay never races a live request. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final EventOutbox outbox;

    public EventRelayHandler() {
        this(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.relay", Clock.systemUTC()),
                Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE")));
    }

    public EventRelayHandler(DynamoDbClient ddb, String table, RawEventSink bus, Clock clock) {
        this.outbox = new EventOutbox(ddb, table, bus, clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        int sent = outbox.relay(GRACE);
        if (sent > 0) {
            LOG.warn("relayed events that missed their first publish", "count", sent);
        }
        return Map.of("relayed", sent);
    }
}
