package com.fanops.messaging.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MessagingDomainTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Property
    void theNextAllowedMinuteIsNeverQuietAndNothingAllowedIsSkipped(@ForAll @IntRange(min = 0, max = 525_600) int minute,
                                                                     @ForAll @IntRange(min = 0, max = 1439) int start,
                                                                     @ForAll @IntRange(min = 0, max = 1439) int end) {
        QuietHours quiet = new QuietHours(LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(end * 60L));
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(minute * 60L);
        Instant next = quiet.nextAllowed(at, SHANGHAI);
        assertFalse(quiet.quietAt(next, SHANGHAI));
        assertFalse(next.isBefore(at));
        if (next.isAfter(at)) {
            assertTrue(quiet.quietAt(next.minusSeconds(60), SHANGHAI), "the minute before the next allowed one is quiet");
        }
    }

    @Test
    void defaultQuietHoursRunOverMidnight() {
        QuietHours quiet = QuietHours.defaults();
        assertTrue(quiet.quietAt(Instant.parse("2026-03-01T13:30:00Z"), SHANGHAI)); // 21:30
        assertFalse(quiet.quietAt(Instant.parse("2026-03-01T01:00:00Z"), SHANGHAI)); // 09:00
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), quiet.nextAllowed(Instant.parse("2026-03-01T13:30:00Z"), SHANGHAI));
    }

    @Test
    void smsSegmentsCountGsm7AndUcs2AsCarriersDo() {
        assertEquals(1, SmsSegments.count("a".repeat(160)));
        assertEquals(2, SmsSegments.count("a".repeat(161)));
        assertEquals(1, SmsSegments.count("€".repeat(80)), "extension characters count twice");
        assertEquals(1, SmsSegments.count("字".repeat(70)));
        assertEquals(2, SmsSegments.count("字".repeat(71)));
        assertEquals(3, SmsSegments.count("字".repeat(135)));
    }

    @Test
    void theDefaultTemplatesAreValidAndAnUnknownPlaceholderIsNamedAtItsField() {
        assertEquals(List.of(), DefaultTemplates.get().validate());
        Map<String, Map<String, MessageTemplate>> edited = new HashMap<>(DefaultTemplates.get().templates());
        edited.put("care", Map.of("zh-CN", edited.get("care").get("zh-CN"),
                "en", new MessageTemplate("Hi {{nickname}}", "We miss you {{favouriteColour}}", "Back soon? {{nickname}}")));
        List<FieldError> errors = new MessageTemplates(edited).validate();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("care.en.body", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("{{favouriteColour}}"));
    }

    @Test
    void anSmsTemplateThatCouldRunTooLongIsRefused() {
        Map<String, Map<String, MessageTemplate>> edited = new HashMap<>(DefaultTemplates.get().templates());
        edited.put("welcome", Map.of("en", edited.get("welcome").get("en"),
                "zh-CN", new MessageTemplate("欢迎", "欢迎", "欢迎".repeat(300))));
        List<FieldError> errors = new MessageTemplates(edited).validate();
        assertEquals("welcome.zh-CN.sms", errors.get(0).field());
    }

    @Test
    void policyBoundsAndWebhookScheme() {
        assertEquals(List.of(), SendingPolicy.defaults().validate());
        List<FieldError> errors = new SendingPolicy(-1, 7, "21:00", "9:00", "http://hooks.example.com/x", List.of("nope")).validate();
        List<String> fields = errors.stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("capCount", "quietEnd", "webhookUrl", "webhookKinds[0]")), fields.toString());
        assertEquals(List.of(), new SendingPolicy(2, 7, "21:00", "09:00", "http://127.0.0.1:9999/hook", List.of("care")).validate());
    }

    @Test
    void aWebhookSignatureVerifiesOnlyForItsBodyAndWithinTolerance() {
        byte[] secret = "whsec_test".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        String header = WebhookSignature.sign(secret, at, "{\"a\":1}");
        assertTrue(WebhookSignature.verify(secret, header, "{\"a\":1}", at.plusSeconds(60)));
        assertFalse(WebhookSignature.verify(secret, header, "{\"a\":2}", at.plusSeconds(60)));
        assertFalse(WebhookSignature.verify(secret, header, "{\"a\":1}", at.plusSeconds(600)), "a replay is refused");
        assertFalse(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), header, "{\"a\":1}", at));
    }

    @Test
    void anUnsubscribeTokenNamesItsMessageAndCannotBeAltered() {
        byte[] key = new byte[32];
        String id = MessageRequest.idOf("m_01", "care", "dormant:2026-03-01");
        String token = UnsubscribeToken.of("abcd1234", key, id);
        assertTrue(UnsubscribeToken.SHAPE.matcher(token).matches(), token);
        assertEquals(id, UnsubscribeToken.messageId(token, key).orElseThrow());
        key[0] = 1;
        assertTrue(UnsubscribeToken.messageId(token, key).isEmpty());
    }

    @Test
    void aRequestNamesEveryProblemAtItsField() {
        MessageRequest bad = new MessageRequest("x", "shout", "a b", Map.of(), null);
        List<String> fields = bad.problems().stream().map(FieldError::field).toList();
        assertEquals(List.of("memberId", "kind", "cause", "requestedAt"), fields);
        MessageRequest tooLong = new MessageRequest("m_01", "care", "c", Map.of("dormantDays", "123456", "colour", "x"), Instant.EPOCH);
        assertEquals(2, tooLong.problems().size(), tooLong.problems().toString());
    }
}
