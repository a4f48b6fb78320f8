package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The money limits in the versioned rules: what an admin may save, and what rules saved before them mean. */
class EngagementRulesTest {

    private static List<String> fields(EngagementRules rules) {
        return rules.validate().stream().map(FieldError::field).toList();
    }

    @Test
    void theDefaultsAreValidAndCapPurchasesPerCurrency() {
        EngagementRules d = EngagementRules.defaults();
        assertEquals(List.of(), d.validate());
        assertEquals(0, new BigDecimal("100000").compareTo(d.maxAmount("CNY")));
        assertEquals(0, new BigDecimal("15000").compareTo(d.maxAmount("USD")));
        assertEquals(null, d.maxAmount("GBP"), "a currency without points per unit is not accepted at all");
    }

    @Test
    void maximumsMustFitTheCurrencyAndTheLimits() {
        assertEquals(List.of("maxAmount.JPY"), fields(InteractionRulesTest.withCurrencies(Map.of("JPY", "0.05"), Map.of("JPY", "10.5"), 100)));
        assertEquals(List.of("maxAmount.CNY"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of("CNY", "0"), 100)));
        assertEquals(List.of("maxAmount.CNY"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of("CNY", "-5"), 100)));
        assertEquals(List.of("maxAmount.CNY"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of("CNY", "10000000.01"), 100)));
        assertEquals(List.of("maxAmount.GBP"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of("GBP", "100"), 100)),
                "a maximum for a currency purchases cannot be in");
        assertEquals(List.of("pointsPerUnit.XAU"), fields(InteractionRulesTest.withCurrencies(Map.of("XAU", "1"), Map.of("XAU", "1"), 100)),
                "gold has no minor units: not a currency to pay in");
        assertEquals(List.of("maxPointsPerEvent"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of(), 0)));
        assertEquals(List.of("maxPointsPerEvent"), fields(InteractionRulesTest.withCurrencies(Map.of(), Map.of(), 10_000_001)));
    }

    @Test
    void aCurrencyWithARateNeedsAMaximum() {
        EngagementRules d = EngagementRules.defaults();
        Map<String, BigDecimal> rates = new java.util.HashMap<>(d.pointsPerUnit());
        rates.put("JPY", new BigDecimal("0.05"));
        EngagementRules noMax = new EngagementRules(1, "a", Instant.EPOCH, d.weights(), d.dailyCaps(), d.halfLifeDays(), d.points(), rates,
                d.maxAmount(), d.maxPointsPerEvent(), d.baseCurrency(), d.lotMonths(), d.expiryWarningDays(), d.categories(), d.tiers(),
                d.tierHoldMonths(), d.downgradeWarningDays());
        assertEquals(List.of("maxAmount.JPY"), fields(noMax));
    }

    @Test
    void rulesSavedBeforeTheLimitsGetTheDefaultLimits() throws Exception {
        ObjectNode old = Json.mapper().valueToTree(EngagementRules.defaults());
        old.remove("maxAmount");
        old.remove("maxPointsPerEvent");
        EngagementRules read = Json.mapper().treeToValue(old, EngagementRules.class);
        assertEquals(EngagementRules.defaults().maxAmount(), read.maxAmount());
        assertEquals(EngagementRules.DEFAULT_MAX_POINTS_PER_EVENT, read.maxPointsPerEvent());
        assertEquals(List.of(), read.validate());
    }

    @Test
    void noSinglePurchaseEarnsMoreThanTheCapEvenAtTheLargestAmountAndRate() {
        EngagementRules most = InteractionRulesTest.withCurrencies(Map.of("CNY", "10000"), Map.of("CNY", "10000000"), 100_000);
        assertEquals(List.of(), most.validate());
        Interaction biggest = new Interaction("shop", "p", "m", InteractionType.PURCHASE, Instant.EPOCH, new BigDecimal("10000000"), "CNY", null, null);
        assertEquals(100_000, most.pointsFor(biggest), "10^11 points by the rate, capped to the rules' 100,000 per event");
        assertTrue(EngagementRules.defaults().pointsFor(new Interaction("shop", "p", "m", InteractionType.PURCHASE, Instant.EPOCH,
                new BigDecimal("100000015"), "CNY", null, null)) <= EngagementRules.DEFAULT_MAX_POINTS_PER_EVENT);
    }
}
