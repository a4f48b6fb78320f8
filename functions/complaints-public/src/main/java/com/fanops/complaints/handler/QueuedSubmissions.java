package com.fanops.complaints.handler;

import com.fanops.complaints.app.Submissions;
import com.fanops.complaints.domain.Submission;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The complaints queue ({@code COMPLAINTS_QUEUE_URL}): one submission as JSON per message. */
final class QueuedSubmissions implements Submissions {

    private final SqsClient sqs;
    private final String queueUrl;

    QueuedSubmissions(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(Submission submission) {
        try {
            String body = Json.mapper().writeValueAsString(submission);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
