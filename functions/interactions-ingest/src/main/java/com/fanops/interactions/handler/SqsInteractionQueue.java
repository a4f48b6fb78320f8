package com.fanops.interactions.handler;

import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionBatch;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Queues an accepted ingestion call as ONE SQS message ({@link InteractionBatch}): SendMessage stores it whole or not
 * at all, so a failed call leaves nothing of the batch queued. Per-event messages could not promise that -
 * SendMessageBatch answers per entry and ten entries a call, so a failure part-way leaves part of a batch queued.
 */
final class SqsInteractionQueue implements Consumer<List<Interaction>> {

    private final SqsClient sqs;
    private final String url;

    SqsInteractionQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    @Override
    public void accept(List<Interaction> interactions) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body(interactions)));
    }

    static String body(List<Interaction> interactions) {
        try {
            return Json.mapper().writeValueAsString(new InteractionBatch(interactions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an interaction batch could not be written", e);
        }
    }
}
