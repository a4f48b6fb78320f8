package com.fanops.messaging.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a message is in its life. A request is queued; marketing in quiet hours is deferred; a send attempt first
 * claims the message (sending) so a redelivered request never sends twice; the provider's answer and later events
 * (delivery, bounce, complaint) move it on. Suppressed and failed are ends, each with a reason.
 */
public enum DeliveryStatus {
    QUEUED, DEFERRED, SENDING, SENT, DELIVERED, BOUNCED, COMPLAINED, FAILED, SUPPRESSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> of(String key) {
        for (DeliveryStatus s : values()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The statuses this one may move to. */
    public Set<DeliveryStatus> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(DEFERRED, SENDING, SUPPRESSED, FAILED);
            case DEFERRED -> EnumSet.of(SENDING, SUPPRESSED, FAILED);
            // Back to queued when the provider could not take it (the retry sends it).
            case SENDING -> EnumSet.of(SENT, FAILED, SUPPRESSED, QUEUED);
            // A complaint may follow a delivery (the mailbox simulator's complaint address does exactly that).
            case SENT -> EnumSet.of(DELIVERED, BOUNCED, COMPLAINED, FAILED);
            case DELIVERED -> EnumSet.of(COMPLAINED, BOUNCED);
            case BOUNCED, COMPLAINED, FAILED, SUPPRESSED -> EnumSet.noneOf(DeliveryStatus.class);
        };
    }

    public boolean canMoveTo(DeliveryStatus to) {
        return next().contains(to);
    }

    /** Nothing more will be attempted for the request (a redelivered request finds it done). */
    public boolean attemptOver() {
        return this != QUEUED && this != DEFERRED;
    }

    /** Counted as sent in the daily figures. */
    public boolean wentOut() {
        return this == SENT || this == DELIVERED || this == BOUNCED || this == COMPLAINED;
    }
}
