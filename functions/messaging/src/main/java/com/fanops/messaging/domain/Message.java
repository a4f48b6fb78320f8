package com.fanops.messaging.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One message in the delivery log: what was asked, what was decided, what the provider said. No plaintext contact:
 * the body is kept encrypted (and deleted on erasure), the address only as its blind index.
 */
public record Message(String messageId, String memberId, String kind, String cause, LocalDate day, DeliveryStatus status,
                      String reason, String channel, Integer templateVersion, String locale, String providerMessageId,
                      ConsentBasis basis, Instant requestedAt, Instant deferredUntil, Instant sentAt, Instant updatedAt,
                      List<Step> history) {

    /** A message id's shape ({@code msg_} and 32 hex digits, derived from kind and cause). */
    public static final Pattern ID = Pattern.compile("msg_[0-9a-f]{32}");

    /** One change of status, with its time and reason. */
    public record Step(String status, Instant at, String reason) {
    }

    public Message {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
