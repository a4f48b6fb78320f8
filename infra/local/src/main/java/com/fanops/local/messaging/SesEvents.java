package com.fanops.local.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * SES event publishing to EventBridge: after a send through a configuration set, each enabled EventBridge destination
 * gets the events of its MatchingEventTypes on the default bus, with {@code source} aws.ses, SES's detail-types and
 * SES's event record as {@code detail}. Published a moment after SendEmail answered, as SES does; a failure to publish
 * never reaches the sender.
 */
final class SesEvents implements AutoCloseable {

    /** SES event types (API enum) -> the eventType of the record and the EventBridge detail-type. */
    enum Type {
        SEND("Send", "Email Sent", "send"),
        DELIVERY("Delivery", "Email Delivered", "delivery"),
        BOUNCE("Bounce", "Email Bounced", "bounce"),
        COMPLAINT("Complaint", "Email Complaint Received", "complaint"),
        REJECT("Reject", "Email Rejected", "reject");

        final String eventType;
        final String detailType;
        final String field;

        Type(String eventType, String detailType, String field) {
            this.eventType = eventType;
            this.detailType = detailType;
            this.field = field;
        }
    }

    /** An enabled EventBridge destination of the configuration set a message was sent through. */
    record Destination(String busArn, List<String> matchingEventTypes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SES writes its timestamps with milliseconds, always: 2017-08-05T00:41:02.669Z. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** How long after the send the recipient's server answers, then how long before a complaint comes back. */
    private static final Duration DELIVERY_AFTER = Duration.ofMillis(50);
    private static final Duration COMPLAINT_AFTER = Duration.ofMillis(100);

    private final String region;
    private final String account;
    private final EventBridgeClient eventBridge;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ses-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger pending = new AtomicInteger();

    SesEvents(String region, String account, EventBridgeClient eventBridge, Clock clock) {
        this.region = region;
        this.account = account;
        this.eventBridge = eventBridge;
        this.clock = clock;
    }

    /** Events scheduled and not yet published (or given up): tests and idle checks wait for 0. */
    int pending() {
        return pending.get();
    }

    /** Schedules what SES would publish for {@code mail}: Send now, then each recipient's outcome. */
    void published(SentEmail mail, List<Destination> destinations) {
        if (destinations.isEmpty()) {
            return;
        }
        schedule(Duration.ZERO, mail, destinations, Type.SEND, List.of());
        Map<MailboxSimulator, List<String>> byOutcome = new LinkedHashMap<>();
        for (String recipient : mail.recipients()) {
            byOutcome.computeIfAbsent(MailboxSimulator.outcome(recipient), o -> new ArrayList<>()).add(recipient);
        }
        List<String> delivered = new ArrayList<>(byOutcome.getOrDefault(MailboxSimulator.DELIVERED, List.of()));
        delivered.addAll(byOutcome.getOrDefault(MailboxSimulator.COMPLAINED, List.of()));
        if (!delivered.isEmpty()) {
            schedule(DELIVERY_AFTER, mail, destinations, Type.DELIVERY, delivered);
        }
        if (byOutcome.containsKey(MailboxSimulator.BOUNCED)) {
            schedule(DELIVERY_AFTER, mail, destinations, Type.BOUNCE, byOutcome.get(MailboxSimulator.BOUNCED));
        }
        if (byOutcome.containsKey(MailboxSimulator.SUPPRESSED)) {
            schedule(DELIVERY_AFTER, mail, destinations, Type.BOUNCE, byOutcome.get(MailboxSimulator.SUPPRESSED));
        }
        if (byOutcome.containsKey(MailboxSimulator.COMPLAINED)) {
            schedule(DELIVERY_AFTER.plus(COMPLAINT_AFTER), mail, destinations, Type.COMPLAINT,
                    byOutcome.get(MailboxSimulator.COMPLAINED));
        }
    }

    private void schedule(Duration after, SentEmail mail, List<Destination> destinations, Type type, List<String> recipients) {
        List<Destination> matching = destinations.stream().filter(d -> d.matchingEventTypes().contains(type.name())).toList();
        if (matching.isEmpty()) {
            return;
        }
        pending.incrementAndGet();
        timer.schedule(() -> {
            try {
                Instant now = clock.instant();
                String detail = JSON.writeValueAsString(detail(mail, type, recipients, now));
                for (Destination destination : matching) {
                    eventBridge.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(destination.busArn())
                            .source("aws.ses").detailType(type.detailType).detail(detail).time(now)
                            .resources(configurationSetArn(mail.configurationSet())).build()));
                }
            } catch (Exception e) {
                // Best effort, as in SES; the message says what failed, never to whom (addresses are personal data).
                System.err.println("[local] SES stand-in could not publish an " + type.detailType + " event: "
                        + e.getClass().getSimpleName());
            } finally {
                pending.decrementAndGet();
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SES's event record (SES Developer Guide, "Contents of event data that Amazon SES publishes"). */
    ObjectNode detail(SentEmail mail, Type type, List<String> recipients, Instant now) {
        ObjectNode detail = JSON.createObjectNode().put("eventType", type.eventType);
        detail.set("mail", mailObject(mail));
        ObjectNode specific = detail.putObject(type.field);
        switch (type) {
            case SEND -> { }
            case DELIVERY -> {
                specific.put("timestamp", iso(now))
                        .put("processingTimeMillis", Duration.between(mail.timestamp(), now).toMillis());
                ArrayNode list = specific.putArray("recipients");
                recipients.forEach(r -> list.add(MailboxSimulator.address(r)));
                specific.put("smtpResponse", "250 2.6.0 Message received").put("reportingMTA", "localhost");
            }
            case BOUNCE -> {
                boolean suppressed = MailboxSimulator.outcome(recipients.get(0)) == MailboxSimulator.SUPPRESSED;
                specific.put("feedbackId", feedbackId(now)).put("bounceType", "Permanent")
                        .put("bounceSubType", suppressed ? "OnAccountSuppressionList" : "General");
                ArrayNode list = specific.putArray("bouncedRecipients");
                for (String r : recipients) {
                    ObjectNode recipient = list.addObject().put("emailAddress", MailboxSimulator.address(r))
                            .put("action", "failed").put("status", "5.1.1");
                    recipient.put("diagnosticCode", suppressed
                            ? "Amazon SES did not send the message to this address because it is on the suppression list for your account."
                            : "smtp; 550 5.1.1 user unknown");
                }
                specific.put("timestamp", iso(now));
                if (!suppressed) {
                    specific.put("reportingMTA", "dns; localhost");
                }
            }
            case COMPLAINT -> {
                specific.put("feedbackId", feedbackId(now)).putNull("complaintSubType");
                ArrayNode list = specific.putArray("complainedRecipients");
                recipients.forEach(r -> list.addObject().put("emailAddress", MailboxSimulator.address(r)));
                specific.put("timestamp", iso(now)).put("userAgent", "Amazon SES Mailbox Simulator")
                        .put("complaintFeedbackType", "abuse").put("arrivalDate", iso(now));
            }
            case REJECT -> specific.put("reason", "Bad content");
        }
        return detail;
    }

    private ObjectNode mailObject(SentEmail mail) {
        ObjectNode node = JSON.createObjectNode().put("timestamp", iso(mail.timestamp())).put("source", mail.from())
                .put("sourceArn", "arn:aws:ses:" + region + ":" + account + ":identity/" + domain(mail.from()))
                .put("sendingAccountId", account).put("messageId", mail.messageId());
        ArrayNode destination = node.putArray("destination");
        mail.recipients().forEach(destination::add);
        node.put("headersTruncated", false);
        ArrayNode headers = node.putArray("headers");
        for (SentEmail.Field h : allHeaders(mail)) {
            headers.addObject().put("name", h.name()).put("value", h.value());
        }
        ObjectNode common = node.putObject("commonHeaders");
        common.putArray("from").add(mail.from());
        ArrayNode to = common.putArray("to");
        mail.to().forEach(to::add);
        if (!mail.cc().isEmpty()) {
            ArrayNode cc = common.putArray("cc");
            mail.cc().forEach(cc::add);
        }
        common.put("messageId", mail.messageId()).put("subject", mail.subject());
        ObjectNode tags = node.putObject("tags");
        tags.putArray("ses:operation").add("SendEmail");
        tags.putArray("ses:configuration-set").add(mail.configurationSet());
        tags.putArray("ses:source-ip").add("127.0.0.1");
        tags.putArray("ses:from-domain").add(domain(mail.from()));
        tags.putArray("ses:caller-identity").add("local");
        for (SentEmail.Field tag : mail.tags()) {
            (tags.has(tag.name()) ? (ArrayNode) tags.get(tag.name()) : tags.putArray(tag.name())).add(tag.value());
        }
        return node;
    }

    /** The headers SES writes (From, To, Cc, Subject, MIME) followed by the sender's own. */
    static List<SentEmail.Field> allHeaders(SentEmail mail) {
        List<SentEmail.Field> all = new ArrayList<>();
        all.add(new SentEmail.Field("From", mail.from()));
        all.add(new SentEmail.Field("To", String.join(", ", mail.to())));
        if (!mail.cc().isEmpty()) {
            all.add(new SentEmail.Field("Cc", String.join(", ", mail.cc())));
        }
        if (!mail.replyTo().isEmpty()) {
            all.add(new SentEmail.Field("Reply-To", String.join(", ", mail.replyTo())));
        }
        all.add(new SentEmail.Field("Subject", mail.subject()));
        all.add(new SentEmail.Field("MIME-Version", "1.0"));
        all.add(new SentEmail.Field("Content-Type", mail.html() != null && mail.text() != null
                ? "multipart/alternative" : mail.html() != null ? "text/html; charset=UTF-8" : "text/plain; charset=UTF-8"));
        all.addAll(mail.headers());
        return all;
    }

    private String configurationSetArn(String name) {
        return "arn:aws:ses:" + region + ":" + account + ":configuration-set/" + name;
    }

    private static String domain(String from) {
        String address = MailboxSimulator.address(from);
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static String feedbackId(Instant now) {
        return String.format("%016x", now.toEpochMilli()) + "-" + UUID.randomUUID() + "-000000";
    }

    static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
