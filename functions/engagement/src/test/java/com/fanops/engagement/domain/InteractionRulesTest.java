package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one check the ingestion API and the scorer share: ids, types, money against the rules in force. */
class InteractionRulesTest {

    private static final Instant AT = Instant.parse("2026-11-22T01:00:00Z");
    private static final EngagementRules DEFAULTS = EngagementRules.defaults();

    /** The defaults plus JPY (0 decimals) and KWD (3 decimals), at chosen maximums and rates. */
    static EngagementRules withCurrencies(Map<String, String> rates, Map<String, String> maximums, long maxPointsPerEvent) {
        EngagementRules d = DEFAULTS;
        Map<String, BigDecimal> rate = new LinkedHashMap<>(d.pointsPerUnit());
        Map<String, BigDecimal> max = new LinkedHashMap<>(d.maxAmount());
        rates.forEach((c, r) -> rate.put(c, new BigDecimal(r)));
        maximums.forEach((c, m) -> max.put(c, new BigDecimal(m)));
        return new EngagementRules(0, "default", Instant.EPOCH, d.weights(), d.dailyCaps(), d.halfLifeDays(), d.points(), rate, max,
                maxPointsPerEvent, d.baseCurrency(), d.lotMonths(), d.expiryWarningDays(), d.categories(), d.tiers(), d.tierHoldMonths(),
                d.downgradeWarningDays());
    }

    private static final EngagementRules WIDE = withCurrencies(Map.of("JPY", "0.05", "KWD", "20"), Map.of("JPY", "1000000", "KWD", "3000"),
            EngagementRules.DEFAULT_MAX_POINTS_PER_EVENT);

    private static Interaction purchase(String amount, String currency) {
        return new Interaction("shop", "p-1", "m_a1", InteractionType.PURCHASE, AT, new BigDecimal(amount), currency, null, null);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Example
    void amountsFollowTheCurrencysMinorUnits() {
        assertEquals(List.of(), InteractionRules.check(purchase("99.95", "CNY"), WIDE));
        assertEquals(List.of("amount"), fields(InteractionRules.check(purchase("99.951", "CNY"), WIDE)), "below CNY's minor unit");
        assertEquals(List.of(), InteractionRules.check(purchase("1500", "JPY"), WIDE));
        assertEquals(List.of(), InteractionRules.check(purchase("1500.00", "JPY"), WIDE), "trailing zeros are not decimals");
        assertEquals(List.of("amount"), fields(InteractionRules.check(purchase("1500.5", "JPY"), WIDE)), "JPY has no minor unit");
        assertEquals(List.of(), InteractionRules.check(purchase("1.234", "KWD"), WIDE));
        assertEquals(List.of("amount"), fields(InteractionRules.check(purchase("1.2345", "KWD"), WIDE)));
    }

    @Example
    void amountsStayWithinTheCurrencysMaximumFromTheRules() {
        assertEquals(List.of(), InteractionRules.check(purchase("100000.00", "CNY"), DEFAULTS));
        assertEquals(List.of(new FieldError("amount", "at most 100000 CNY")), InteractionRules.check(purchase("100000.01", "CNY"), DEFAULTS));
        assertEquals(List.of("amount"), fields(InteractionRules.check(purchase("15000.01", "USD"), DEFAULTS)));
        assertEquals(List.of(), InteractionRules.check(purchase("1000000", "JPY"), WIDE));
        assertEquals(List.of("amount"), fields(InteractionRules.check(purchase("1000001", "JPY"), WIDE)));
        Interaction refund = new Interaction("shop", "r-1", "m_a1", InteractionType.REFUND, AT, new BigDecimal("150000"), "CNY", null, "p-1");
        assertEquals(List.of(), InteractionRules.check(refund, DEFAULTS),
                "a refund is bounded by its purchase (made before the maximum was lowered), not by today's maximum");
        for (String absurd : List.of("1e30", "1e309", "-1e309", "0", "-0.01", "1e-30", "100000015")) {
            assertEquals(List.of("amount"), fields(InteractionRules.shape(purchase(absurd, "CNY"))), absurd + " is refused by the shape alone");
        }
    }

    @Example
    void onlyCurrenciesTheRulesPricePurchasesInAreAccepted() {
        assertEquals(List.of("currency"), fields(InteractionRules.check(purchase("10", "GBP"), DEFAULTS)), "ISO, but no points per unit");
        assertEquals(List.of("currency"), fields(InteractionRules.check(purchase("10", "XYZ"), DEFAULTS)));
        assertEquals(List.of("currency"), fields(InteractionRules.check(purchase("10", "cny"), DEFAULTS)));
        assertEquals(List.of("amount", "currency"), fields(InteractionRules.check(purchase("0.000001", "XYZ"), DEFAULTS)));
        Interaction noCurrency = new Interaction("shop", "p-2", "m_a1", InteractionType.PURCHASE, AT, BigDecimal.TEN, null, null, null);
        assertEquals(List.of("currency"), fields(InteractionRules.check(noCurrency, DEFAULTS)));
    }

    @Example
    void idsArePlainAsciiOfBoundedLengthSoSqsAndDynamoDbTakeThem() {
        for (String bad : List.of("", "a\u0000b", "a\uffffb", "a\ud800b", "a\udc00", "x".repeat(129), "a b", "ünï", "a/b", "a#b")) {
            Interaction e = new Interaction("wechat", "e-1", "m_a1", InteractionType.LIKE, AT, null, null, bad, null);
            assertEquals(List.of("activityId"), fields(InteractionRules.check(e, DEFAULTS)), bad);
            Interaction id = new Interaction("wechat", bad, "m_a1", InteractionType.LIKE, AT, null, null, null, null);
            assertEquals(List.of("eventId"), fields(InteractionRules.check(id, DEFAULTS)), bad);
        }
        Interaction longest = new Interaction("wechat", "e".repeat(128), "m_a1", InteractionType.LIKE, AT, null, null, "a.b:c_d-" + "x".repeat(120), null);
        assertEquals(List.of(), InteractionRules.check(longest, DEFAULTS));
    }

    @Example
    void moneyBelongsToPurchasesAndRefundsAndARefundNamesItsPurchase() {
        Interaction like = new Interaction("wechat", "e-1", "m_a1", InteractionType.LIKE, AT, BigDecimal.ONE, "CNY", null, null);
        assertEquals(List.of("amount", "currency"), fields(InteractionRules.check(like, DEFAULTS)));
        Interaction refund = new Interaction("shop", "r-1", "m_a1", InteractionType.REFUND, AT, BigDecimal.ONE, "CNY", null, null);
        assertEquals(List.of("refEventId"), fields(InteractionRules.check(refund, DEFAULTS)));
    }

    @Example
    void theIngestWindowIsFiveMinutesAheadToTheHorizonBack() {
        Instant now = AT;
        assertEquals(List.of(), InteractionRules.received(now.plus(Duration.ofMinutes(5)), now, Duration.ofDays(30)));
        assertEquals(List.of("occurredAt"), fields(InteractionRules.received(now.plus(Duration.ofMinutes(6)), now, Duration.ofDays(30))));
        assertEquals(List.of("occurredAt"), fields(InteractionRules.received(Instant.parse("0001-01-01T00:00:00Z"), now, Duration.ofDays(30))));
    }

    @Provide
    Arbitrary<BigDecimal> anyAmount() {
        return Arbitraries.oneOf(Arbitraries.bigDecimals().between(new BigDecimal("-1e40"), new BigDecimal("1e40")).ofScale(6),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("20000000")).ofScale(2),
                Arbitraries.of(new BigDecimal("1e309"), new BigDecimal("1E+2147483647"), new BigDecimal("1e-999999")));
    }

    /** Whatever passes the shared check scores without overflow and within the rules' points cap. */
    @Property(tries = 2000)
    void anAcceptedPurchaseEarnsBoundedPointsWithoutOverflow(@ForAll("anyAmount") BigDecimal amount,
                                                           @ForAll("currencies") String currency) {
        EngagementRules generous = withCurrencies(Map.of("JPY", "10000", "KWD", "10000", "CNY", "10000"),
                Map.of("JPY", "10000000", "KWD", "10000000", "CNY", "10000000"), 10_000_000);
        Interaction e = new Interaction("shop", "p-1", "m_a1", InteractionType.PURCHASE, AT, amount, currency, null, null);
        if (InteractionRules.check(e, generous).isEmpty()) {
            long points = generous.pointsFor(e);
            assertTrue(points >= 0 && points <= generous.maxPointsPerEvent(), amount + " " + currency + " earned " + points);
        }
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("CNY", "JPY", "KWD", "USD", "XYZ");
    }
}
