package com.fanops.messaging.app;

import com.fanops.messaging.domain.ConsentBasis;
import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.domain.MessageTemplates;
import com.fanops.messaging.domain.Recipient;
import com.fanops.messaging.domain.Rendering;
import com.fanops.messaging.domain.SendDecision;
import com.fanops.messaging.domain.SendingPolicy;
import com.fanops.messaging.domain.SuppressionReason;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.Suppressions;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.platform.settings.SettingsVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one requested message, at most once, with the consent its purpose needs checked at send time:
 * <ol>
 *   <li>the request is logged (its id comes from kind and cause: a second delivery finds the first's message);</li>
 *   <li>the member's record decides - membership, the marketing consent in force, the suppression list, quiet hours
 *       (deferred to the next allowed minute) and the frequency cap ({@link SendDecision}, pure);</li>
 *   <li>the message is claimed (sending) with the consent it relied on, the template version and, for marketing, a
 *       slot of the member's cap - one transaction, so two senders never both send it or both take the last slot;</li>
 *   <li>the provider takes it, and the log records its id and the encrypted body.</li>
 * </ol>
 * A crash between the provider's answer and the log leaves the message in sending: a redelivered request then marks
 * it failed (outcome unknown) rather than risk sending twice.
 */
public final class MessageSender {

    /** What became of a request: done (sent, suppressed, failed or a duplicate), or deferred until a time. */
    public record Outcome(DeliveryStatus status, Instant deferredUntil) {
        public boolean deferred() {
            return deferredUntil != null;
        }
    }

    /** How long a claimed message may stay in sending before a redelivery calls its outcome unknown. */
    static final Duration SENDING_LEASE = Duration.ofMinutes(5);
    private static final Log LOG = Log.get(MessageSender.class);

    private final DeliveryLog log;
    private final Suppressions suppressions;
    private final MessagingSettings settings;
    private final Recipients recipients;
    private final TicketRecipients tickets;
    private final Providers providers;
    private final Links links;
    private final FieldCipher cipher;
    private final SendPacer pacer;
    private final ZoneId zone;
    private final Clock clock;

    public MessageSender(DeliveryLog log, Suppressions suppressions, MessagingSettings settings, Recipients recipients,
                         Providers providers, Links links, FieldCipher cipher, SendPacer pacer, ZoneId zone, Clock clock) {
        this(log, suppressions, settings, recipients, TicketRecipients.NONE, providers, links, cipher, pacer, zone, clock);
    }

    public MessageSender(DeliveryLog log, Suppressions suppressions, MessagingSettings settings, Recipients recipients,
                         TicketRecipients tickets, Providers providers, Links links, FieldCipher cipher, SendPacer pacer, ZoneId zone,
                         Clock clock) {
        this.log = log;
        this.suppressions = suppressions;
        this.settings = settings;
        this.recipients = recipients;
        this.tickets = tickets;
        this.providers = providers;
        this.links = links;
        this.cipher = cipher;
        this.pacer = pacer;
        this.zone = zone;
        this.clock = clock;
    }

    public Outcome send(MessageRequest request) {
        if (!request.problems().isEmpty()) {
            // A producer's bug, not the member's: parked loudly, never retried (a retry cannot fix it).
            LOG.error("malformed message request dropped", "kind", request.kind(), "problems", request.problems().toString());
            return new Outcome(DeliveryStatus.FAILED, null);
        }
        Instant now = clock.instant();
        Message m = log.open(request, now);
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(request, m, now);
            } catch (DeliveryLog.CapMoved | DeliveryLog.Moved raced) {
                if (attempt >= 4) {
                    throw raced;
                }
                m = log.find(m.messageId()).orElseThrow();
            }
        }
    }

    private Outcome attempt(MessageRequest request, Message m, Instant now) {
        if (m.status() == DeliveryStatus.SENDING) {
            if (m.updatedAt().plus(SENDING_LEASE).isBefore(now)) {
                log.failed(m, "outcome_unknown", now);
                return new Outcome(DeliveryStatus.FAILED, null);
            }
            return new Outcome(m.status(), null);
        }
        if (m.status().attemptOver()) {
            LOG.info("message already handled", "messageId", m.messageId(), "status", m.status().key());
            return new Outcome(m.status(), null);
        }
        if (m.status() == DeliveryStatus.DEFERRED && m.deferredUntil() != null && m.deferredUntil().isAfter(now)) {
            return new Outcome(DeliveryStatus.DEFERRED, m.deferredUntil());
        }
        MessageKind kind = request.messageKind();
        if (request.forTicket()) {
            return attemptTicket(request, m, kind, now);
        }
        Optional<Recipient> found = recipients.recipient(request.memberId());
        SendingPolicy policy = settings.policy().current();
        boolean addressSuppressed = found.isPresent() && suppressions.has(found.get().contactIndex());
        DeliveryLog.Sends sends = kind.marketing() ? log.marketingSends(request.memberId()) : null;
        SendDecision decision = SendDecision.decide(kind, found.orElse(null), addressSuppressed, policy,
                sends == null ? List.of() : sends.sends(), now, zone);
        if (decision instanceof SendDecision.Suppress s) {
            log.suppressed(m, s.reason().key(), s.basis(), now);
            LOG.info("message suppressed", "messageId", m.messageId(), "kind", kind.key(), "reason", s.reason().key());
            return new Outcome(DeliveryStatus.SUPPRESSED, null);
        }
        if (decision instanceof SendDecision.Defer d) {
            if (m.status() != DeliveryStatus.DEFERRED) {
                log.deferred(m, d.until(), now);
            }
            LOG.info("message deferred", "messageId", m.messageId(), "until", d.until().toString());
            return new Outcome(DeliveryStatus.DEFERRED, d.until());
        }
        return deliver(request, m, kind, found.get(), policy, (SendDecision.Send) decision, sends, now);
    }

    /**
     * A complaint ticket's complainant: the ticket must exist with a contact; the complaint is the basis (recorded as
     * purpose {@code complaint}, at the time it came in); the suppression list still applies; service kinds only, so no
     * cap or quiet hours; never the webhook (its receiver maps member ids, and a complainant may be none).
     */
    private Outcome attemptTicket(MessageRequest request, Message m, MessageKind kind, Instant now) {
        Optional<TicketRecipients.TicketRecipient> found = tickets.recipient(request.recipient().ticketId());
        if (found.isEmpty() || found.get().contactType() == null) {
            log.suppressed(m, SuppressionReason.UNKNOWN_TICKET.key(), null, now);
            LOG.info("message suppressed", "messageId", m.messageId(), "kind", kind.key(), "reason", SuppressionReason.UNKNOWN_TICKET.key());
            return new Outcome(DeliveryStatus.SUPPRESSED, null);
        }
        TicketRecipients.TicketRecipient r = found.get();
        ConsentBasis basis = new ConsentBasis(COMPLAINT_BASIS, true, 0, r.receivedAt());
        if (suppressions.has(r.contactIndex())) {
            log.suppressed(m, SuppressionReason.ADDRESS_SUPPRESSED.key(), basis, now);
            LOG.info("message suppressed", "messageId", m.messageId(), "kind", kind.key(), "reason", SuppressionReason.ADDRESS_SUPPRESSED.key());
            return new Outcome(DeliveryStatus.SUPPRESSED, null);
        }
        return deliver(request, m, kind, r.locale(), "email".equals(r.contactType()) ? "email" : "sms", r.contactIndex(), basis,
                () -> tickets.contact(r.ticketId()), null, null, settings.policy().current(), now);
    }

    /** The basis recorded on a message to a ticket's complainant: the complaint they filed. */
    public static final String COMPLAINT_BASIS = "complaint";

    private Outcome deliver(MessageRequest request, Message m, MessageKind kind, Recipient r, SendingPolicy policy, SendDecision.Send go,
                            DeliveryLog.Sends sends, Instant now) {
        URI webhook = policy.webhookFor(kind);
        String channel = webhook != null ? "webhook" : "email".equals(r.contactType()) ? "email" : "sms";
        return deliver(request, m, kind, r.locale(), channel, r.contactIndex(), go.basis(), () -> recipients.contact(r.memberId()), webhook,
                sends, policy, now);
    }

    private Outcome deliver(MessageRequest request, Message m, MessageKind kind, String recipientLocale, String channel, String contactIndex,
                            ConsentBasis basis, java.util.function.Supplier<Recipients.Contactable> contact, URI webhook,
                            DeliveryLog.Sends sends, SendingPolicy policy, Instant now) {
        SettingsVersion<MessageTemplates> templates = settings.templates().currentVersion();
        String locale = MessageTemplates.localeOf(recipientLocale);
        List<Instant> kept = sends == null ? List.of() : policy.cap().recent(sends.sends(), now);
        Message claimed = log.claim(m, channel, templates.version(), locale, basis, contactIndex, sends, kept, now);

        Recipients.Contactable who = contact.get();
        Map<String, String> values = new HashMap<>(request.params());
        values.put("nickname", who.nickname() == null ? "" : who.nickname());
        values.put("communityUrl", links.communityUrl());
        if (kind.marketing()) {
            values.put(MessageKind.UNSUBSCRIBE, links.unsubscribePage(m.messageId()));
        }
        Rendering message = Rendering.of(kind, locale, templates.value().of(kind, locale), values);
        pacer.acquire();
        String providerId;
        try {
            providerId = switch (channel) {
                case "webhook" -> providers.webhook(webhook, webhookBody(m, kind, locale, message), m.messageId());
                case "email" -> providers.email(who.address(), message.subject(), message.text(), message.html(),
                        kind.marketing() ? unsubscribeHeaders(m.messageId()) : Map.of(), m.messageId());
                default -> providers.sms(who.address(), message.sms(), kind.marketing(), m.messageId());
            };
        } catch (Providers.Refused refused) {
            log.failed(claimed, "refused: " + refused.getMessage(), clock.instant());
            LOG.warn("provider refused message", "messageId", m.messageId(), "channel", channel, "reason", refused.getMessage());
            return new Outcome(DeliveryStatus.FAILED, null);
        } catch (Providers.Unavailable unavailable) {
            log.release(claimed, clock.instant(), "provider_unavailable");
            throw unavailable;
        }
        log.sent(claimed, providerId, cipher.encrypt(m.messageId(), "subject", message.subject()),
                cipher.encrypt(m.messageId(), "body", channel.equals("sms") ? message.sms() : message.text()), clock.instant());
        LOG.info("message sent", "messageId", m.messageId(), "kind", kind.key(), "channel", channel, "templateVersion", templates.version());
        return new Outcome(DeliveryStatus.SENT, null);
    }

    private Map<String, String> unsubscribeHeaders(String messageId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + links.unsubscribeEndpoint(messageId) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    /** What a brand's receiver gets: the member id (its systems map it to a WeChat openid), never a contact. */
    private static String webhookBody(Message m, MessageKind kind, String locale, Rendering message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", m.messageId());
        body.put("memberId", m.memberId());
        body.put("kind", kind.key());
        body.put("purpose", kind.purpose().key());
        body.put("locale", locale);
        body.put("subject", message.subject());
        body.put("text", message.text());
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
