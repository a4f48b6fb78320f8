package com.fanops.activities.handler;

import com.fanops.activities.app.Registrations;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionBatch;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A check-in as ONE {@code event_attended} interaction on the interactions queue - the message the ingestion API queues,
 * so the scorer counts it as any other interaction (engagement, points, tier). The event id is the check-in's own
 * ({@code attended:<activityId>:<memberId>}) on the {@code activities} channel: the scorer counts an event id once, so a
 * second scan or a resend counts once.
 */
final class QueuedAttendance implements Registrations.Attendance {

    static final String CHANNEL = "activities";

    private final SqsClient sqs;
    private final String queueUrl;

    QueuedAttendance(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void attended(String eventId, String activityId, String memberId, Instant at) {
        Interaction attended = new Interaction(CHANNEL, eventId, memberId, InteractionType.EVENT_ATTENDED, at, null, null, activityId, null);
        try {
            String body = Json.mapper().writeValueAsString(new InteractionBatch(List.of(attended)));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an attendance could not be written", e);
        }
    }
}
