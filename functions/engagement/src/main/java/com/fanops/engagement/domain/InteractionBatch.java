package com.fanops.engagement.domain;

import java.util.List;

/**
 * One accepted ingestion call, as it travels to the scorer: a single queue message, so the call is queued whole or not
 * at all. At most 100 events of at most about 800 bytes each (ids are bounded by {@link InteractionRules}), far below
 * SQS's 256 KiB message limit.
 */
public record InteractionBatch(List<Interaction> events) {

    public InteractionBatch {
        events = List.copyOf(events);
    }
}
