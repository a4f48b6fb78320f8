package com.fanops.activities.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.activities.app.Registrations;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.QueuedAttendance;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.engagement.domain.ActivityInteraction;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Online check-in: the scorer's {@code ActivityInteraction} (a counted interaction carrying an activity's id) checks a
 * registered member in to that online activity, once - a redelivered event finds the check-in and changes nothing; the
 * attendance it sends again carries the same event id, which the scorer counts once. Interactions outside the
 * activity's time, for an offline activity, or from a member holding no seat check nobody in.
 */
public final class ActivitiesEventsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Log LOG = Log.get(ActivitiesEventsHandler.class);

    private final Registrations registrations;

    public ActivitiesEventsHandler() {
        this(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE"),
                new QueuedAttendance(AwsClients.sqs(), Env.require("INTERACTIONS_QUEUE_URL")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE")));
    }

    public ActivitiesEventsHandler(DynamoDbClient ddb, String activitiesTable, Registrations.Attendance attendance, Clock clock) {
        // The online check-in reads no member profile and tells nobody: only the registration and the attendance move.
        this.registrations = new Registrations(new ActivityStore(ddb, activitiesTable), new RegistrationStore(ddb, activitiesTable),
                memberId -> {
                    throw new UnsupportedOperationException("the online check-in reads no member");
                }, attendance, null, clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("detailType", event.detailType());
            if (!"ActivityInteraction".equals(event.detailType())) {
                LOG.warn("ignored event", "detailType", event.detailType());
                return out;
            }
            ActivityInteraction e = event.detailAs(ActivityInteraction.class);
            Optional<RegistrationStore.CheckIn> done = registrations.interacted(e.activityId(), e.memberId(), e.occurredAt());
            out.put("checkedIn", done.isPresent());
            out.put("first", done.map(RegistrationStore.CheckIn::first).orElse(false));
            LOG.info("online check-in", "activityId", e.activityId(), "checkedIn", done.isPresent(),
                    "first", done.map(RegistrationStore.CheckIn::first).orElse(false));
            return out;
        } finally {
            Log.clearContext();
        }
    }
}
