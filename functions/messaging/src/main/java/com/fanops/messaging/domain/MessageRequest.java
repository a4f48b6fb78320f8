package com.fanops.messaging.domain;

import com.fanops.members.domain.MemberIds;
import com.fanops.platform.http.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a producer asks for: a message of a kind to a member, for a cause. One message per member, kind and cause, ever:
 * the message id is derived from the three, so the same request delivered again finds the message it made.
 *
 * @param cause  why, in the producer's words and unique per occurrence ({@code joined}, {@code dormant:2026-03-01},
 *               {@code ticket:C-20261124-0042:ack}); never personal data
 * @param params the kind's template parameters (see {@link MessageKind#parameters()}); never the contact
 */
public record MessageRequest(String memberId, String kind, String cause, Map<String, String> params, Instant requestedAt,
                             TicketRecipient recipient) {

    public static final Pattern CAUSE = Pattern.compile("[A-Za-z0-9:._#@/>-]{1,160}");
    /** A complaints ticket id. */
    public static final Pattern TICKET = Pattern.compile("t_[0-9a-f]{24}");

    /**
     * Instead of a member, the complainant of a ticket (who need not be a member): only for the ticket kinds; their contact
     * and language come from the ticket, and the legal basis is the complaint itself.
     */
    public record TicketRecipient(String ticketId) {
    }

    public MessageRequest {
        params = params == null ? Map.of() : new TreeMap<>(params);
    }

    /** A request to a member. */
    public MessageRequest(String memberId, String kind, String cause, Map<String, String> params, Instant requestedAt) {
        this(memberId, kind, cause, params, requestedAt, null);
    }

    /** A request to a ticket's complainant. */
    public static MessageRequest toTicket(String ticketId, String kind, String cause, Map<String, String> params, Instant requestedAt) {
        return new MessageRequest(null, kind, cause, params, requestedAt, new TicketRecipient(ticketId));
    }

    /** Whether this request goes to a ticket's complainant rather than to a member. */
    public boolean forTicket() {
        return recipient != null;
    }

    public MessageKind messageKind() {
        return MessageKind.of(kind).orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
    }

    /** The message this request makes: the same for the same member, kind and cause. */
    public String messageId() {
        return idOf(forTicket() ? "ticket:" + recipient.ticketId() : memberId, kind, cause);
    }

    public static String idOf(String memberId, String kind, String cause) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((memberId + "\n" + kind + "\n" + cause).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is wrong with this request (a malformed one is parked as failed, never retried). */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        MessageKind k = kind == null ? null : MessageKind.of(kind).orElse(null);
        if (forTicket()) {
            if (memberId != null) {
                errors.add(new FieldError("memberId", "a request names a member or a ticket recipient, not both"));
            }
            if (recipient.ticketId() == null || !TICKET.matcher(recipient.ticketId()).matches()) {
                errors.add(new FieldError("recipient.ticketId", "a ticket id (t_...)"));
            }
            if (k != null && !k.forTickets()) {
                errors.add(new FieldError("kind", "a ticket recipient may be sent ticket_acknowledged, ticket_reply or survey only"));
            }
        } else if (memberId == null || !MemberIds.MEMBER.matcher(memberId).matches()) {
            errors.add(new FieldError("memberId", "a member id (m_...)"));
        }
        if (k == null) {
            errors.add(new FieldError("kind", "must be one of " + String.join(", ", MessageKind.keys())));
        }
        if (cause == null || !CAUSE.matcher(cause).matches()) {
            errors.add(new FieldError("cause", "1-160 letters, digits and :._#@/>-"));
        }
        if (requestedAt == null) {
            errors.add(new FieldError("requestedAt", "is required"));
        }
        if (k != null) {
            params.forEach((name, value) -> {
                if (!k.parameters().contains(name)) {
                    errors.add(new FieldError("params." + name, "not a parameter of " + k.key()));
                } else if (value == null || value.length() > k.placeholders().get(name)) {
                    errors.add(new FieldError("params." + name, "a text of at most " + k.placeholders().get(name) + " characters"));
                }
            });
        }
        return errors;
    }
}
