package com.fanops.messaging.store;

import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A producer's client of the message-requests queue ({@code MESSAGE_REQUESTS_QUEUE_URL}): one {@link MessageRequest} as
 * JSON per queue message. A malformed request is the producer's bug and is refused here, before it is queued. Sending
 * the same request twice is harmless: messaging keeps one message per recipient, kind and cause.
 */
public final class MessageRequests {

    private final SqsClient sqs;
    private final String queueUrl;

    public MessageRequests(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void send(MessageRequest request) {
        if (!request.problems().isEmpty()) {
            throw new IllegalArgumentException("malformed message request: " + request.problems());
        }
        try {
            String body = Json.mapper().writeValueAsString(request);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
