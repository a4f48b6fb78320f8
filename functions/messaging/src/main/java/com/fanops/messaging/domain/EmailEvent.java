package com.fanops.messaging.domain;

import java.time.Instant;
import java.util.List;

/**
 * What SES reports about an e-mail it was sent (through the configuration set's EventBridge destination): the type
 * (Send, Delivery, Bounce, Complaint, Reject, ...), our message id from the {@code fanops-message} tag, the addresses
 * concerned (plaintext from SES: only ever turned into blind indexes), and for a bounce whether it was permanent.
 */
public record EmailEvent(String type, String messageId, List<String> addresses, boolean permanent, String detail, Instant at) {

    /** The log status this event moves a message to, or null when it moves nothing. */
    public DeliveryStatus status() {
        return switch (type) {
            case "Delivery" -> DeliveryStatus.DELIVERED;
            case "Bounce" -> permanent ? DeliveryStatus.BOUNCED : null;
            case "Complaint" -> DeliveryStatus.COMPLAINED;
            case "Reject", "Rendering Failure" -> DeliveryStatus.FAILED;
            default -> null;
        };
    }

    /** A hard bounce or a complaint: nothing more goes to these addresses. */
    public boolean suppresses() {
        return ("Bounce".equals(type) && permanent) || "Complaint".equals(type);
    }
}
