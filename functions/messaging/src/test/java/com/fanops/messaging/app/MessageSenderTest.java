package com.fanops.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.EmailEvent;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.domain.QuietHours;
import com.fanops.messaging.domain.SendingPolicy;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.KeyringLinks;
import com.fanops.messaging.store.MemberRecipients;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.Suppressions;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender against DynamoDB Local, with the real members store, keyring and settings: only the providers (SES, SMS,
 * the webhook - run by the local stand-ins in the stack tests) are recorded here. Each test uses members of its own.
 */
class MessageSenderTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-03-02T03:00:00Z"); // 11:00 in Shanghai
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static FieldCipher cipher;
    private static MemberStore members;
    private static DeliveryLog log;
    private static Suppressions suppressions;
    private static MessagingSettings settings;
    private static Recorded providers;
    private static MessageSender sender;
    private static DeliveryEvents events;
    private static KeyringLinks links;
    private static int memberSeq;

    /** What the providers were given, in order. */
    static final class Recorded implements Providers {
        final List<String[]> sent = Collections.synchronizedList(new ArrayList<>());
        volatile RuntimeException next;

        @Override
        public String email(String to, String subject, String text, String html, Map<String, String> headers, String messageId) {
            take();
            sent.add(new String[] {"email", to, subject, text, headers.toString(), messageId, clock.instant().toString()});
            return "ses-" + sent.size();
        }

        @Override
        public String sms(String to, String text, boolean marketing, String messageId) {
            take();
            sent.add(new String[] {"sms", to, "", text, "", messageId, clock.instant().toString()});
            return "sms-" + sent.size();
        }

        @Override
        public String webhook(URI url, String body, String messageId) {
            take();
            sent.add(new String[] {"webhook", url.toString(), "", body, "", messageId, clock.instant().toString()});
            return messageId;
        }

        private void take() {
            RuntimeException e = next;
            next = null;
            if (e != null) {
                throw e;
            }
        }

        long to(String address) {
            return sent.stream().filter(s -> s[1].equals(address)).count();
        }
    }

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(START);
        Keyring keyring = new Keyring(dynamo.client(), "ConfigTable", new InMemoryDataKeys(), clock);
        cipher = new FieldCipher(keyring);
        members = new MemberStore(dynamo.client(), "MembersTable");
        CapacityMeter meter = new CapacityMeter();
        log = new DeliveryLog(dynamo.client(), "MessagesTable", ZONE, meter);
        suppressions = new Suppressions(dynamo.client(), "MessagesTable", meter);
        settings = new MessagingSettings(dynamo.client(), "ConfigTable", clock, Duration.ZERO);
        providers = new Recorded();
        links = new KeyringLinks(keyring, "https://fans.example.cn/", "https://api.example.cn");
        MemberRecipients recipients = new MemberRecipients(members, cipher);
        sender = new MessageSender(log, suppressions, settings, recipients, providers, links, cipher,
                new SendPacer(1000, n -> { }, System::nanoTime), ZONE, clock);
        events = new DeliveryEvents(log, suppressions, recipients);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A member with an e-mail address (or a phone), membership consent, and marketing consent when asked. */
    private static String member(String contact, boolean marketing, String locale) {
        clock.set(START);
        String id = "m_" + HexFormat.of().formatHex(new byte[] {(byte) (memberSeq >> 8), (byte) memberSeq++}) + "aa";
        Contact c = contact.startsWith("+") ? Contact.phone(contact) : Contact.email(contact);
        List<ConsentEntry> ledger = new ArrayList<>(List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, START, 1, "web", locale,
                "proof", "form", "member", null)));
        if (marketing) {
            ledger.add(new ConsentEntry(id, Purpose.MARKETING, 1, true, START, 2, "web", locale, "proof", "form", "member", null));
        }
        members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "web", "Wuhan", locale, START,
                c.type().name().toLowerCase(), cipher.blindIndex(c.indexInput()), cipher.encrypt(id, "nickname", "Xiao Ming"),
                cipher.encrypt(id, "contact", c.value()), null, null, null, null, "hash"), ledger, null, List.of());
        return id;
    }

    private static MessageRequest request(String memberId, MessageKind kind, String cause, Map<String, String> params) {
        return new MessageRequest(memberId, kind.key(), cause, params, clock.instant());
    }

    private static Message logged(MessageRequest r) {
        return log.find(r.messageId()).orElseThrow();
    }

    @Test
    void theSameRequestDeliveredThreeTimesSendsOneMessage() {
        String m = member("once@example.cn", false, "en");
        MessageRequest welcome = request(m, MessageKind.WELCOME, "joined", Map.of());
        for (int i = 0; i < 3; i++) {
            sender.send(welcome);
        }
        assertEquals(1, providers.to("once@example.cn"));
        Message sent = logged(welcome);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("email", sent.channel());
        assertEquals("membership", sent.basis().purpose(), "a service message relies on the membership consent");
        assertEquals(0, sent.templateVersion());
        String[] mail = providers.sent.stream().filter(s -> s[1].equals("once@example.cn")).findFirst().orElseThrow();
        assertTrue(mail[2].startsWith("Welcome"), "in the member's language: " + mail[2]);
        assertTrue(mail[3].contains("Xiao Ming"));
        assertFalse(mail[4].contains("List-Unsubscribe"), "a service message has no unsubscribe header");
    }

    @Test
    void theMembersReadsAtSendTimeCountInTheSendersCapacity() {
        String m = member("metered@example.cn", true, "en");
        CapacityMeter meter = new CapacityMeter();
        MemberRecipients metered = new MemberRecipients(new MemberStore(dynamo.client(), "MembersTable", meter), cipher);
        assertTrue(metered.recipient(m).isPresent());
        assertEquals("metered@example.cn", metered.contact(m).address());
        assertEquals(1.0, meter.reads(), "one consistent read of a profile under 4 KB: the send decrypts from the profile the decision read");
        metered.contact(m);
        assertEquals(2.0, meter.reads(), "a contact asked for without a decision first is read again");
        assertEquals(0.0, meter.writes());
    }

    @Test
    void concurrentDeliveriesOfOneRequestSendOnce() throws Exception {
        String m = member("race@example.cn", false, "zh-CN");
        MessageRequest r = request(m, MessageKind.TIER_CHANGED, "tier:2026-03-02:bronze>silver", Map.of("tier", "silver", "fromTier", "bronze"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(pool.submit(() -> {
                try {
                    sender.send(r);
                } catch (DeliveryLog.Moved raced) {
                    // another delivery moved it first: that one sends
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, providers.to("race@example.cn"));
    }

    @Test
    void careReachesOnlyMembersWithMarketingConsentAndRecordsTheLedgerEntryItReliedOn() {
        String yes = member("care-yes@example.cn", true, "zh-CN");
        String no = member("care-no@example.cn", false, "zh-CN");
        MessageRequest toYes = request(yes, MessageKind.CARE, "dormant:2026-03-01", Map.of("lastActiveDay", "2026-01-30", "dormantDays", "30"));
        MessageRequest toNo = request(no, MessageKind.CARE, "dormant:2026-03-01", Map.of("lastActiveDay", "2026-01-30", "dormantDays", "30"));
        sender.send(toYes);
        sender.send(toNo);
        assertEquals(1, providers.to("care-yes@example.cn"));
        assertEquals(0, providers.to("care-no@example.cn"));
        Message sent = logged(toYes);
        assertEquals("marketing", sent.basis().purpose());
        assertTrue(sent.basis().granted());
        assertEquals(1, sent.basis().noticeVersion());
        assertEquals(START, sent.basis().at(), "the ledger entry's own time");
        Message suppressed = logged(toNo);
        assertEquals(DeliveryStatus.SUPPRESSED, suppressed.status());
        assertEquals("no_marketing_consent", suppressed.reason());
        String[] mail = providers.sent.stream().filter(s -> s[1].equals("care-yes@example.cn")).findFirst().orElseThrow();
        assertTrue(mail[3].contains("https://fans.example.cn/unsubscribe.html#"), "a marketing message carries its unsubscribe link");
        assertTrue(mail[4].contains("List-Unsubscribe=<https://api.example.cn/v1/unsubscribe/"), mail[4]);
        assertTrue(mail[4].contains("List-Unsubscribe-Post=List-Unsubscribe=One-Click"), mail[4]);
    }

    @Test
    void aPulseSurveyReachesOnlyMembersWithMarketingConsent() {
        String yes = member("pulse-yes@example.cn", true, "en");
        String no = member("pulse-no@example.cn", false, "en");
        String url = "https://fans.example.cn/pulse.html#p_0123456789abcdef01234567.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        MessageRequest toYes = request(yes, MessageKind.PULSE_SURVEY, "pulse:p_0123456789abcdef01234567", Map.of("pulseUrl", url));
        MessageRequest toNo = request(no, MessageKind.PULSE_SURVEY, "pulse:p_0123456789abcdef01234567", Map.of("pulseUrl", url));
        assertTrue(toYes.problems().isEmpty(), toYes.problems().toString());
        sender.send(toYes);
        sender.send(toNo);
        assertEquals(1, providers.to("pulse-yes@example.cn"));
        assertEquals(0, providers.to("pulse-no@example.cn"), "a pulse is marketing: no consent, no message");
        assertEquals("marketing", logged(toYes).basis().purpose());
        assertEquals("no_marketing_consent", logged(toNo).reason());
        String[] mail = providers.sent.stream().filter(s -> s[1].equals("pulse-yes@example.cn")).findFirst().orElseThrow();
        assertTrue(mail[3].contains(url), "the private link is in the text");
        assertTrue(mail[3].contains("https://fans.example.cn/unsubscribe.html#"), "and the unsubscribe link");
    }

    @Test
    void aWithdrawalThroughTheUnsubscribeLinkStopsTheNextMarketingMessage() {
        String m = member("unsub@example.cn", true, "en");
        MessageRequest first = request(m, MessageKind.CARE, "dormant:2026-03-01", Map.of());
        sender.send(first);
        String[] mail = providers.sent.stream().filter(s -> s[1].equals("unsub@example.cn")).findFirst().orElseThrow();
        String token = mail[3].substring(mail[3].indexOf('#') + 1).strip();
        Unsubscribe unsubscribe = new Unsubscribe(links, log, (memberId, source) -> {
            var profile = members.profile(memberId).orElseThrow();
            members.recordConsents(profile, List.of(new ConsentEntry(memberId, Purpose.MARKETING, 1, false, clock.instant(),
                    profile.revision() + 1, "web", "en", "proof", source, "member", null)), List.of());
            return true;
        }, clock);
        assertEquals("care", unsubscribe.withdraw(token));
        clock.advance(Duration.ofDays(8));
        MessageRequest next = request(m, MessageKind.ACTIVITY_REMINDER, "activity:a1:reminder", Map.of("activity", "Fan day"));
        sender.send(next);
        assertEquals(1, providers.to("unsub@example.cn"), "nothing after the withdrawal");
        assertEquals("no_marketing_consent", logged(next).reason());
        assertEquals(false, logged(next).basis().granted(), "the withdrawal it relied on is recorded");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertTrue(links.messageOf(forged).isEmpty(), "an altered token names nothing");
    }

    @Test
    void aHardBounceSuppressesTheAddressAndLaterMessagesAreLoggedAsSuppressed() {
        String m = member("bounce@simulator.amazonses.com", false, "en");
        MessageRequest first = request(m, MessageKind.WELCOME, "joined", Map.of());
        sender.send(first);
        EmailEvent bounce = new EmailEvent("Bounce", first.messageId(), List.of("bounce@simulator.amazonses.com"), true,
                "Permanent/General", clock.instant());
        events.apply(bounce);
        events.apply(bounce);
        assertEquals(DeliveryStatus.BOUNCED, logged(first).status());
        MessageRequest later = request(m, MessageKind.POINTS_EXPIRING, "points-expiring:2026-01-01:2026-04-01",
                Map.of("points", "120", "expiresOn", "2026-04-01"));
        sender.send(later);
        assertEquals(1, providers.to("bounce@simulator.amazonses.com"));
        assertEquals("address_suppressed", logged(later).reason());
        assertEquals(1, suppressions.list(100).stream().filter(e -> m.equals(e.memberId())).count());
    }

    @Test
    void aProviderOutageGivesTheMessageBackAndTheRetrySendsIt() {
        String m = member("+8613800138000", false, "zh-CN");
        MessageRequest r = request(m, MessageKind.WELCOME, "joined", Map.of());
        providers.next = new Providers.Unavailable("throttled", null);
        try {
            sender.send(r);
        } catch (Providers.Unavailable expected) {
            // the queue redelivers
        }
        assertEquals(DeliveryStatus.QUEUED, logged(r).status());
        sender.send(r);
        assertEquals(1, providers.to("+8613800138000"));
        assertEquals("sms", logged(r).channel());
    }

    @Test
    void aYearOfDailyCareNeverExceedsTheCapNorSendsInQuietHoursAndDeferredMessagesGoAtTheNextAllowedMinute() {
        String m = member("year@example.cn", true, "zh-CN");
        SendingPolicy policy = settings.policy().current();
        QuietHours quiet = policy.quietHours();
        Random random = new Random(20261206);
        LocalDate day = LocalDate.of(2026, 3, 2);
        List<Instant> deferredUntil = new ArrayList<>();
        for (int i = 0; i < 365; i++) {
            Instant at = day.plusDays(i).atTime(LocalTime.of(random.nextInt(24), random.nextInt(60))).atZone(ZONE).toInstant();
            clock.set(at);
            MessageRequest r = request(m, MessageKind.CARE, "dormant:" + day.plusDays(i), Map.of());
            MessageSender.Outcome outcome = sender.send(r);
            if (outcome.deferred()) {
                assertTrue(quiet.quietAt(at, ZONE));
                assertEquals(quiet.nextAllowed(at, ZONE), outcome.deferredUntil());
                // The queue brings it back at that minute.
                clock.set(outcome.deferredUntil());
                deferredUntil.add(outcome.deferredUntil());
                MessageSender.Outcome later = sender.send(r);
                assertFalse(later.deferred(), "sent (or capped) at the next allowed minute");
            }
        }
        List<Instant> sends = providers.sent.stream().filter(s -> s[1].equals("year@example.cn")).map(s -> Instant.parse(s[6])).sorted().toList();
        assertFalse(deferredUntil.isEmpty(), "some requests fell in quiet hours");
        assertTrue(sends.size() >= 80, "the cap was used, not just respected: " + sends.size());
        for (Instant s : sends) {
            assertFalse(quiet.quietAt(s, ZONE), "sent in quiet hours at " + s);
            long inWindow = sends.stream().filter(o -> !o.isAfter(s) && o.isAfter(s.minus(Duration.ofDays(7)))).count();
            assertTrue(inWindow <= 2, "more than 2 in 7 days up to " + s);
        }
        assertTrue(deferredUntil.stream().anyMatch(sends::contains), "a deferred message went out at its next allowed minute");
    }

    @Test
    void serviceNewsFromTheNightlyJobsWaitsForTheMorningWhileAnAnswerToTheMemberGoesAtOnce() {
        String m = member("night@example.cn", false, "zh-CN");
        Instant night = LocalDate.of(2026, 5, 4).atTime(0, 5).atZone(ZONE).toInstant();
        QuietHours quiet = settings.policy().current().quietHours();
        assertTrue(quiet.quietAt(night, ZONE), "00:05, the engagement review's time, is in the quiet hours");
        clock.set(night);
        MessageRequest tier = request(m, MessageKind.TIER_CHANGED, "tier:2026-05-04", Map.of("tier", "gold", "fromTier", "silver"));
        MessageSender.Outcome waiting = sender.send(tier);
        assertTrue(waiting.deferred(), "a tier change found by the night's review waits");
        assertEquals(quiet.nextAllowed(night, ZONE), waiting.deferredUntil());
        MessageRequest answer = request(m, MessageKind.DATA_REQUEST_UPDATE, "request:r1:done",
                Map.of("requestType", "export", "requestStatus", "done", "deadline", "2026-06-03"));
        assertFalse(sender.send(answer).deferred(), "an answer to the member's own request goes at once");
        assertEquals(1, providers.to("night@example.cn"));
        clock.set(waiting.deferredUntil());
        assertFalse(sender.send(tier).deferred());
        assertEquals(2, providers.to("night@example.cn"), "the tier change went in the morning, once, without marketing consent");
    }

    @Test
    void concurrentMarketingMessagesNeverTakeMoreThanTheCap() throws Exception {
        String m = member("cap-race@example.cn", true, "en");
        clock.set(Instant.parse("2026-06-01T04:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            all.add(pool.submit(() -> sender.send(request(m, MessageKind.ACTIVITY_REMINDER, "activity:a" + n + ":reminder",
                    Map.of("activity", "Fan day " + n)))));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(2, providers.to("cap-race@example.cn"));
    }

    @Test
    void aMemberWhoLeftGetsNothingAndTheRequestIsLoggedWithItsReason() {
        String m = member("left@example.cn", true, "en");
        var profile = members.profile(m).orElseThrow();
        members.changeStatus(profile, MemberStatus.LEFT, "member left", null, "member", START, List.of());
        MessageRequest r = request(m, MessageKind.TIER_CHANGED, "tier:x", Map.of("tier", "gold", "fromTier", "silver"));
        sender.send(r);
        assertEquals(0, providers.to("left@example.cn"));
        assertEquals("membership_ended", logged(r).reason());
        MessageRequest unknown = request("m_ffffffff", MessageKind.WELCOME, "joined", Map.of());
        sender.send(unknown);
        assertEquals("unknown_member", logged(unknown).reason());
    }

    @Test
    void theDaysCountersFollowTheLog() {
        String m = member("stats@example.cn", false, "en");
        clock.set(Instant.parse("2026-09-09T04:00:00Z"));
        MessageRequest r = request(m, MessageKind.WELCOME, "joined", Map.of());
        sender.send(r);
        sender.send(r);
        events.apply(new EmailEvent("Delivery", r.messageId(), List.of("stats@example.cn"), false, null, clock.instant()));
        events.apply(new EmailEvent("Delivery", r.messageId(), List.of("stats@example.cn"), false, null, clock.instant()));
        Map<String, Long> welcome = log.stats(LocalDate.of(2026, 9, 9)).get("welcome");
        assertNotNull(welcome);
        assertEquals(1L, welcome.get("requested"));
        assertEquals(1L, welcome.get("sent"));
        assertEquals(1L, welcome.get("delivered"));
    }

    @Test
    void erasureDeletesTheBodiesAndKeepsTheLogLines() {
        String m = member("erase@example.cn", false, "en");
        MessageRequest r = request(m, MessageKind.WELCOME, "joined", Map.of());
        sender.send(r);
        assertTrue(log.content(r.messageId()).isPresent());
        assertEquals(1, log.forget(m));
        assertTrue(log.content(r.messageId()).isEmpty(), "the body is gone");
        assertEquals(DeliveryStatus.SENT, logged(r).status(), "the log line stays");
        String raw = dynamo.client().getItem(b -> b.tableName("MessagesTable")
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MSG#" + r.messageId()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MSG")))).item().toString();
        assertFalse(raw.contains("bodyEnc") || raw.contains("subjectEnc") || raw.contains("contactIndex"), raw);
    }
}
