package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** One accepted interaction, as the ingestion API queues it for the scorer. */
public record Interaction(String channel, String eventId, String memberId, InteractionType type, Instant occurredAt,
                          BigDecimal amount, String currency, String activityId, String refEventId) {

    /** Unique per channel: the client chooses event ids, so two channels may reuse one. */
    public String key() {
        return channel + "#" + eventId;
    }
}
