package com.fanops.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.KeyringLinks;
import com.fanops.messaging.store.MemberRecipients;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.Suppressions;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages to a complaint's complainant who need not be a member: named by the ticket, resolved through the
 * {@link TicketRecipients} port (here a map; the sender function implements it over the complaints store), the complaint
 * recorded as the basis, the suppression list still in force, ticket kinds only.
 */
class TicketRecipientTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-11-24T14:30:00Z"); // 22:30 in Shanghai: quiet hours for marketing
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static FieldCipher cipher;
    private static DeliveryLog log;
    private static Suppressions suppressions;
    private static Recorded providers;
    private static MessageSender sender;
    private static final Map<String, String[]> TICKETS = new ConcurrentHashMap<>();

    /** What the providers were given: channel, address, subject, text. */
    static final class Recorded implements Providers {
        final java.util.List<String[]> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String email(String to, String subject, String text, String html, Map<String, String> headers, String messageId) {
            sent.add(new String[] {"email", to, subject, text});
            return "ses-" + sent.size();
        }

        @Override
        public String sms(String to, String text, boolean marketing, String messageId) {
            sent.add(new String[] {"sms", to, "", text});
            return "sms-" + sent.size();
        }

        @Override
        public String webhook(java.net.URI url, String body, String messageId) {
            sent.add(new String[] {"webhook", url.toString(), "", body});
            return messageId;
        }

        long to(String address) {
            return sent.stream().filter(s -> s[1].equals(address)).count();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(START);
        Keyring keyring = new Keyring(dynamo.client(), "ConfigTable", new InMemoryDataKeys(), clock);
        cipher = new FieldCipher(keyring);
        CapacityMeter meter = new CapacityMeter();
        log = new DeliveryLog(dynamo.client(), "MessagesTable", ZONE, meter);
        suppressions = new Suppressions(dynamo.client(), "MessagesTable", meter);
        providers = new Recorded();
        TicketRecipients tickets = new TicketRecipients() {
            @Override
            public Optional<TicketRecipient> recipient(String ticketId) {
                String[] t = TICKETS.get(ticketId);
                return t == null ? Optional.empty()
                        : Optional.of(new TicketRecipient(ticketId, t[0], t[1], cipher.blindIndex(t[1].toUpperCase() + ":" + t[2]), START));
            }

            @Override
            public Recipients.Contactable contact(String ticketId) {
                String[] t = TICKETS.get(ticketId);
                return new Recipients.Contactable(t[3], t[1], t[2]);
            }
        };
        sender = new MessageSender(log, suppressions, new MessagingSettings(dynamo.client(), "ConfigTable", clock, Duration.ZERO),
                new MemberRecipients(new MemberStore(dynamo.client(), "MembersTable"), cipher), tickets, providers,
                new KeyringLinks(keyring, "https://fans.example.cn/", "https://api.example.cn"), cipher,
                new SendPacer(1000, n -> { }, System::nanoTime), ZONE, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static MessageRequest ack(String ticketId, String number) {
        return MessageRequest.toTicket(ticketId, "ticket_acknowledged", "ticket:" + number + ":ack",
                Map.of("ticketNumber", number, "replyBy", "Friday 27 November 11:30", "statusUrl", "https://fans.example.cn/complaint-status.html#x"),
                START);
    }

    @Test
    void aComplainantWhoIsNoMemberGetsTheAcknowledgementWithTheComplaintAsItsBasis() {
        TICKETS.put("t_000000000000000000000001", new String[] {"en", "email", "wang@example.com", "Wang Wu"});
        MessageRequest r = ack("t_000000000000000000000001", "C-20261124-0001");
        assertEquals(DeliveryStatus.SENT, sender.send(r).status(), "a service message is not held back by quiet hours");
        String[] mail = providers.sent.stream().filter(s -> s[1].equals("wang@example.com")).findFirst().orElseThrow();
        assertTrue(mail[3].contains("Hello Wang Wu"), mail[3]);
        assertTrue(mail[3].contains("will reply by Friday 27 November 11:30"), mail[3]);
        assertTrue(mail[3].contains("https://fans.example.cn/complaint-status.html#x"), mail[3]);
        Message m = log.find(r.messageId()).orElseThrow();
        assertNull(m.memberId());
        assertEquals("complaint", m.basis().purpose());
        assertTrue(m.basis().granted());
        assertEquals(START, m.basis().at());
        assertEquals("email", m.channel());
        assertEquals("en", m.locale());
        assertEquals(DeliveryStatus.SENT, sender.send(r).status(), "delivered again: the same message, not sent twice");
        assertEquals(1, providers.to("wang@example.com"));
    }

    @Test
    void aPhoneComplainantIsTextedInTheirLanguage() {
        TICKETS.put("t_000000000000000000000002", new String[] {"zh-CN", "phone", "+8613800138000", "李雷"});
        MessageRequest r = MessageRequest.toTicket("t_000000000000000000000002", "ticket_reply", "ticket:C-20261124-0002:reply:4",
                Map.of("ticketNumber", "C-20261124-0002", "reply", "已为您补发。"), START);
        assertEquals(DeliveryStatus.SENT, sender.send(r).status());
        String[] sms = providers.sent.stream().filter(s -> s[1].equals("+8613800138000")).findFirst().orElseThrow();
        assertEquals("sms", sms[0]);
        assertTrue(sms[3].contains("已为您补发"), sms[3]);
    }

    @Test
    void anUnknownTicketIsSuppressedAndASuppressedAddressGetsNothing() {
        MessageRequest unknown = ack("t_00000000000000000000dead", "C-20261124-0099");
        assertEquals(DeliveryStatus.SUPPRESSED, sender.send(unknown).status());
        assertEquals("unknown_ticket", log.find(unknown.messageId()).orElseThrow().reason());

        TICKETS.put("t_000000000000000000000003", new String[] {"en", "email", "bounced@example.com", "B"});
        suppressions.add(cipher.blindIndex("EMAIL:bounced@example.com"), "bounce", START, "msg_x", null);
        MessageRequest r = ack("t_000000000000000000000003", "C-20261124-0003");
        assertEquals(DeliveryStatus.SUPPRESSED, sender.send(r).status());
        Message m = log.find(r.messageId()).orElseThrow();
        assertEquals("address_suppressed", m.reason());
        assertEquals("complaint", m.basis().purpose());
        assertEquals(0, providers.to("bounced@example.com"));
    }

    @Test
    void aTicketRecipientMayBeSentOnlyTheTicketKinds() {
        TICKETS.put("t_000000000000000000000004", new String[] {"en", "email", "care@example.com", "C"});
        MessageRequest care = MessageRequest.toTicket("t_000000000000000000000004", "care", "dormant:2026-11-24", Map.of(), START);
        assertEquals("kind", care.problems().get(0).field());
        assertEquals(DeliveryStatus.FAILED, sender.send(care).status());
        MessageRequest both = new MessageRequest("m_0a", "survey", "c", Map.of(), START, new MessageRequest.TicketRecipient("t_000000000000000000000004"));
        assertEquals("memberId", both.problems().get(0).field());
        MessageRequest badId = MessageRequest.toTicket("T-1", "survey", "c", Map.of(), START);
        assertEquals("recipient.ticketId", badId.problems().get(0).field());
        assertEquals(0, providers.to("care@example.com"));
    }

    @Test
    void requestsReadBackFromTheirJsonAndMemberRequestsAreUnchanged() throws Exception {
        MessageRequest t = ack("t_000000000000000000000005", "C-20261124-0005");
        assertEquals(t, Json.mapper().readValue(Json.mapper().writeValueAsString(t), MessageRequest.class));
        MessageRequest m = Json.mapper().readValue("{\"memberId\":\"m_0a\",\"kind\":\"welcome\",\"cause\":\"joined\",\"params\":{},"
                + "\"requestedAt\":\"2026-11-24T00:00:00Z\"}", MessageRequest.class);
        assertNull(m.recipient());
        assertEquals(MessageRequest.idOf("m_0a", "welcome", "joined"), m.messageId(), "a member's message id is as before");
        assertTrue(!t.messageId().equals(MessageRequest.idOf(null, t.kind(), t.cause())));
    }
}
