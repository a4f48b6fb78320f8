package com.fanops.messaging.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.messaging.domain.DeliveryStats;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageTemplate;
import com.fanops.messaging.domain.TemplatePreview;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts the API answers with: the day's rates and the preview's sample values. */
class MessagingFiguresTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Test
    void deliveryRateIsDeliveredOverSentAndUnsubscribeRateIsOverMarketingSent() {
        DeliveryStats s = DeliveryStats.of(DAY, Map.of(
                "welcome", Map.of("requested", 10L, "sent", 8L, "delivered", 6L, "suppressed", 2L),
                "care", Map.of("requested", 5L, "sent", 4L, "delivered", 4L, "complained", 1L),
                "unsubscribed", Map.of("count", 2L)));
        assertEquals(10.0 / 12.0, s.deliveryRate(), 1e-12);
        assertEquals(2.0 / 4.0, s.unsubscribeRate(), 1e-12);
        assertEquals(2, s.unsubscribed());
        assertEquals(MessageKind.keys(), List.copyOf(s.byKind().keySet()));
        assertEquals(0L, s.byKind().get("survey").get("deferred"));
        assertEquals(1L, s.byKind().get("care").get("complained"));
    }

    @Test
    void aDayWithoutSendsHasNoRatesRatherThanZero() {
        DeliveryStats s = DeliveryStats.of(DAY, Map.of("welcome", Map.of("requested", 3L, "suppressed", 3L)));
        assertNull(s.deliveryRate());
        assertNull(s.unsubscribeRate());
        assertEquals(0, s.unsubscribed());
    }

    @Test
    void everyPlaceholderOfEveryKindHasASample() {
        assertEquals(List.of(), TemplatePreview.placeholdersWithoutSample());
        for (MessageKind kind : MessageKind.values()) {
            TemplatePreview.values(kind, "en", null).forEach((name, value) -> assertTrue(!value.isEmpty(), kind + "." + name));
        }
    }

    @Test
    void aProposedTemplateIsCheckedAsASavedOneWouldBe() {
        assertEquals(List.of(), TemplatePreview.problems(MessageKind.CARE, "en", new MessageTemplate("Hi {{nickname}}", "{{dormantDays}} days",
                "Come back {{unsubscribeUrl}}")));
        assertEquals(List.of("template.body"), TemplatePreview.problems(MessageKind.WELCOME, "en",
                new MessageTemplate("Hi", "{{tier}}", "Hi")).stream().map(e -> e.field()).toList());
    }
}
