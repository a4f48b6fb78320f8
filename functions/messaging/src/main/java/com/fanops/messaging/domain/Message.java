package com.fanops.messaging.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One message in the delivery log: what was asked, what was decided, what the provider said. No plaintext contact:
 * the body is kept encrypted (and deleted on erasure), the address only as its blind index.
 */
public record Message(String messageId, String memberId, String kind, String cause, LocalDate day, DeliveryStatus status,
                      String reason, String channel, Integer templateVersion, String locale, String providerMessageId,
                      ConsentBasis basis, Instant requestedAt, Instant deferredUntil, Instant sentAt, Instant updatedAt,
                      List<Step> history) {

    /** One change of status, with its time and reason. */
    public record Step(String status, Instant at, String reason) {
    }

    public Message {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
