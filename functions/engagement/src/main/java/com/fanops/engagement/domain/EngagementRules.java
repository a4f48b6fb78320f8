package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engagement program's rules - one version of them. Every change is a new version with its author and
 * time (RulesStore); every counted interaction, ledger entry and standing change records the version
 * it used. Maps are keyed by the lower-case names the API shows (interaction types, categories, tiers).
 *
 * @param weights            engagement weight per interaction type (the Orbit model's 1-12 scale)
 * @param dailyCaps          per member, per type, per business day: interactions beyond it count for nothing
 *                           (purchases and refunds are money, not engagement, and are never capped)
 * @param halfLifeDays       engagement decays by half every this many days
 * @param points             points earned per counted interaction of a type
 * @param pointsPerUnit      purchase points per unit of a currency; the currencies listed are the only ones purchases and
 *                           refunds may be in (another is refused at ingestion)
 * @param maxAmount          the largest purchase accepted, per currency (the same currencies as
 *                           {@code pointsPerUnit}); rules saved before it existed get {@link #defaultMaxAmount}
 * @param maxPointsPerEvent  no single interaction earns more points than this (a purchase's points are capped to it);
 *                           rules saved before it existed get {@link #DEFAULT_MAX_POINTS_PER_EVENT}
 * @param baseCurrency       the currency tier spend thresholds are in; purchases in others count only by points
 * @param lotMonths          points expire this many months after the business day they were earned
 * @param expiryWarningDays  {@code PointsExpiring} is published this many days before a lot expires
 * @param categories         minimum score and active days (in the last 30) for each category above potential
 * @param tiers              thresholds for each tier above bronze; meeting any one of them qualifies
 * @param tierHoldMonths     a reached tier holds this long before the daily review may move it down
 * @param downgradeWarningDays {@code TierDowngradeWarning} goes out this many days before a downgrade
 */
public record EngagementRules(int version, String changedBy, Instant changedAt,
                              Map<String, Integer> weights, Map<String, Integer> dailyCaps, int halfLifeDays,
                              Map<String, Integer> points, Map<String, BigDecimal> pointsPerUnit,
                              Map<String, BigDecimal> maxAmount, Long maxPointsPerEvent, String baseCurrency,
                              int lotMonths, int expiryWarningDays,
                              Map<String, CategoryThreshold> categories, Map<String, TierThreshold> tiers,
                              int tierHoldMonths, int downgradeWarningDays) implements SettingsValue<EngagementRules> {

    public static final long DEFAULT_MAX_POINTS_PER_EVENT = 100_000;
    /** Upper bounds an admin may set: they keep every product of amount and rate far inside a {@code long}. */
    static final BigDecimal MAX_AMOUNT_LIMIT = new BigDecimal("10000000");
    static final BigDecimal MAX_RATE = new BigDecimal("10000");
    static final long MAX_POINTS_PER_EVENT_LIMIT = 10_000_000;

    public EngagementRules {
        if (maxAmount == null && pointsPerUnit != null) {
            maxAmount = defaultMaxAmount(pointsPerUnit.keySet());
        }
        if (maxPointsPerEvent == null) {
            maxPointsPerEvent = DEFAULT_MAX_POINTS_PER_EVENT;
        }
    }

    public record CategoryThreshold(double minScore, int minActiveDays) {
    }

    public record TierThreshold(long points, BigDecimal spend, int referrals) {
    }

    public static EngagementRules defaults() {
        Map<String, Integer> w = new LinkedHashMap<>();
        Map<String, Integer> p = new LinkedHashMap<>();
        Map<String, Integer> caps = new LinkedHashMap<>();
        put(w, p, caps, InteractionType.LIKE, 1, 1, 20);
        put(w, p, caps, InteractionType.VOTE, 1, 1, 10);
        put(w, p, caps, InteractionType.FOLLOW, 1, 5, 10);
        put(w, p, caps, InteractionType.UNFOLLOW, 0, 0, 10);
        put(w, p, caps, InteractionType.CHECK_IN, 2, 5, 1);
        put(w, p, caps, InteractionType.COMMENT, 3, 3, 10);
        put(w, p, caps, InteractionType.ANSWER, 3, 5, 10);
        put(w, p, caps, InteractionType.SHARE, 4, 5, 10);
        put(w, p, caps, InteractionType.SURVEY, 4, 20, 10);
        put(w, p, caps, InteractionType.PURCHASE, 6, 0, 0);
        put(w, p, caps, InteractionType.REFUND, 0, 0, 0);
        put(w, p, caps, InteractionType.EVENT_ATTENDED, 8, 50, 10);
        put(w, p, caps, InteractionType.CONTENT_SUBMITTED, 8, 30, 10);
        put(w, p, caps, InteractionType.REFERRAL_JOINED, 10, 200, 10);
        put(w, p, caps, InteractionType.SUGGESTION_ADOPTED, 12, 100, 10);
        Map<String, CategoryThreshold> categories = new LinkedHashMap<>();
        categories.put("regular", new CategoryThreshold(5, 2));
        categories.put("active", new CategoryThreshold(20, 6));
        categories.put("core", new CategoryThreshold(60, 15));
        Map<String, TierThreshold> tiers = new LinkedHashMap<>();
        tiers.put("silver", new TierThreshold(500, new BigDecimal("2000"), 3));
        tiers.put("gold", new TierThreshold(2000, new BigDecimal("8000"), 10));
        tiers.put("diamond", new TierThreshold(8000, new BigDecimal("30000"), 30));
        Map<String, BigDecimal> rates = Map.of("CNY", BigDecimal.ONE, "HKD", BigDecimal.ONE, "USD", new BigDecimal("7"),
                "EUR", new BigDecimal("8"));
        return new EngagementRules(0, "default", Instant.EPOCH, w, caps, 30, p, rates, defaultMaxAmount(rates.keySet()),
                DEFAULT_MAX_POINTS_PER_EVENT, "CNY", 12, 30, categories, tiers, 12, 14);
    }

    /**
     * The largest purchase accepted by default: 100,000 of CNY and HKD, 15,000 of USD and EUR, 10,000,000 of JPY and KRW,
     * 100,000 of any other currency (whole units).
     */
    public static Map<String, BigDecimal> defaultMaxAmount(java.util.Collection<String> currencies) {
        Map<String, BigDecimal> max = new LinkedHashMap<>();
        for (String c : currencies) {
            max.put(c, new BigDecimal(switch (c) {
                case "USD", "EUR" -> "15000";
                case "JPY", "KRW" -> "10000000";
                default -> "100000";
            }));
        }
        return max;
    }

    /** Whether purchases and refunds in this currency are accepted. */
    public boolean accepts(String currency) {
        return currency != null && pointsPerUnit != null && pointsPerUnit.containsKey(currency);
    }

    /** The largest purchase accepted in this currency; null for a currency not accepted. */
    public BigDecimal maxAmount(String currency) {
        return accepts(currency) ? maxAmount.get(currency) : null;
    }

    private static void put(Map<String, Integer> w, Map<String, Integer> p, Map<String, Integer> caps, InteractionType t,
                            int weight, int points, int cap) {
        w.put(t.key(), weight);
        p.put(t.key(), points);
        if (!uncapped(t)) {
            caps.put(t.key(), cap);
        }
    }

    public static boolean uncapped(InteractionType type) {
        return type == InteractionType.PURCHASE || type == InteractionType.REFUND;
    }

    public int weight(InteractionType type) {
        return weights.getOrDefault(type.key(), 0);
    }

    public int cap(InteractionType type) {
        return dailyCaps.getOrDefault(type.key(), 0);
    }

    /**
     * Points a counted interaction earns, never more than {@code maxPointsPerEvent}; for a purchase, its amount times the
     * currency's rate, rounded down, in exact decimal arithmetic (capped before it becomes a {@code long}, so no amount
     * can overflow it).
     */
    public long pointsFor(Interaction e) {
        if (e.type() == InteractionType.PURCHASE) {
            BigDecimal rate = e.currency() == null ? null : pointsPerUnit.get(e.currency());
            if (rate == null || e.amount() == null || e.amount().signum() <= 0) {
                return 0;
            }
            BigDecimal earned = e.amount().multiply(rate).setScale(0, RoundingMode.FLOOR);
            return earned.min(BigDecimal.valueOf(maxPointsPerEvent)).longValueExact();
        }
        return Math.min(points.getOrDefault(e.type().key(), 0), maxPointsPerEvent);
    }

    /** The part of an amount that counts as tier spend: purchases in the base currency. */
    public BigDecimal spendOf(Interaction e) {
        return baseCurrency.equals(e.currency()) && e.amount() != null ? e.amount() : BigDecimal.ZERO;
    }

    public CategoryThreshold category(Category c) {
        return categories.get(c.key());
    }

    public TierThreshold tier(Tier t) {
        return tiers.get(t.key());
    }

    @Override
    public EngagementRules asVersion(int newVersion, String author, Instant at) {
        return new EngagementRules(newVersion, author, at, weights, dailyCaps, halfLifeDays, points, pointsPerUnit, maxAmount,
                maxPointsPerEvent, baseCurrency, lotMonths, expiryWarningDays, categories, tiers, tierHoldMonths, downgradeWarningDays);
    }

    /** What is wrong with these rules, field by field (empty when they can be saved). */
    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        checkTypes("weights", weights, 0, 100, errors, false);
        checkTypes("dailyCaps", dailyCaps, 1, 10_000, errors, true);
        checkTypes("points", points, 0, 100_000, errors, false);
        range("halfLifeDays", halfLifeDays, 1, 3650, errors);
        range("lotMonths", lotMonths, 1, 120, errors);
        range("expiryWarningDays", expiryWarningDays, 0, 365, errors);
        range("tierHoldMonths", tierHoldMonths, 1, 60, errors);
        range("downgradeWarningDays", downgradeWarningDays, 1, 365, errors);
        if (baseCurrency == null || !baseCurrency.matches("[A-Z]{3}")) {
            errors.add(new FieldError("baseCurrency", "an ISO 4217 code"));
        } else if (pointsPerUnit != null && !pointsPerUnit.containsKey(baseCurrency)) {
            errors.add(new FieldError("baseCurrency", "one of the currencies in pointsPerUnit"));
        }
        if (maxPointsPerEvent < 1 || maxPointsPerEvent > MAX_POINTS_PER_EVENT_LIMIT) {
            errors.add(new FieldError("maxPointsPerEvent", "from 1 to " + MAX_POINTS_PER_EVENT_LIMIT));
        }
        if (pointsPerUnit == null || pointsPerUnit.isEmpty()) {
            errors.add(new FieldError("pointsPerUnit", "at least one currency is required"));
        } else {
            pointsPerUnit.forEach((cur, rate) -> {
                if (Money.minorUnits(cur).isEmpty() || rate == null || rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
                    errors.add(new FieldError("pointsPerUnit." + cur, "an ISO 4217 code with a rate from 0 to " + MAX_RATE));
                }
            });
            maxAmount.forEach((cur, max) -> {
                if (!pointsPerUnit.containsKey(cur)) {
                    errors.add(new FieldError("maxAmount." + cur, "not a currency in pointsPerUnit"));
                } else if (max == null || max.signum() <= 0 || max.compareTo(MAX_AMOUNT_LIMIT) > 0
                        || Money.minorUnits(cur).map(units -> Money.decimals(max) > units).orElse(false)) {
                    errors.add(new FieldError("maxAmount." + cur, "above 0, at most " + MAX_AMOUNT_LIMIT.toPlainString()
                            + ", with no more decimals than the currency has (" + Money.minorUnits(cur).orElse(0) + ")"));
                }
            });
            pointsPerUnit.keySet().stream().filter(cur -> !maxAmount.containsKey(cur))
                    .forEach(cur -> errors.add(new FieldError("maxAmount." + cur, "is required for each currency in pointsPerUnit")));
        }
        if (categories == null || categories.size() != 3 || Category.values().length != 4) {
            errors.add(new FieldError("categories", "thresholds for regular, active and core"));
        } else {
            CategoryThreshold prev = new CategoryThreshold(0, 0);
            for (Category c : List.of(Category.REGULAR, Category.ACTIVE, Category.CORE)) {
                CategoryThreshold t = categories.get(c.key());
                if (t == null || t.minScore() < prev.minScore() || t.minActiveDays() < prev.minActiveDays()
                        || t.minActiveDays() > 30 || t.minScore() < 0) {
                    errors.add(new FieldError("categories." + c.key(), "required, 0-30 active days, each at least the one below"));
                    break;
                }
                prev = t;
            }
        }
        if (tiers == null || tiers.size() != 3) {
            errors.add(new FieldError("tiers", "thresholds for silver, gold and diamond"));
        } else {
            TierThreshold prev = new TierThreshold(0, BigDecimal.ZERO, 0);
            for (Tier t : List.of(Tier.SILVER, Tier.GOLD, Tier.DIAMOND)) {
                TierThreshold th = tiers.get(t.key());
                if (th == null || th.spend() == null || th.points() <= prev.points() || th.spend().compareTo(prev.spend()) <= 0
                        || th.referrals() <= prev.referrals()) {
                    errors.add(new FieldError("tiers." + t.key(), "required, each threshold above the tier below"));
                    break;
                }
                prev = th;
            }
        }
        return errors;
    }

    private static void checkTypes(String field, Map<String, Integer> values, int min, int max, List<FieldError> errors, boolean caps) {
        if (values == null) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        values.forEach((k, v) -> {
            var type = InteractionType.of(k);
            if (type.isEmpty() || (caps && uncapped(type.get()))) {
                errors.add(new FieldError(field + "." + k, caps ? "not a capped interaction type" : "unknown interaction type"));
            } else if (v == null || v < min || v > max) {
                errors.add(new FieldError(field + "." + k, "from " + min + " to " + max));
            }
        });
        for (InteractionType t : InteractionType.values()) {
            if (!values.containsKey(t.key()) && !(caps && uncapped(t))) {
                errors.add(new FieldError(field + "." + t.key(), "is required"));
            }
        }
    }

    private static void range(String field, int v, int min, int max, List<FieldError> errors) {
        if (v < min || v > max) {
            errors.add(new FieldError(field, "from " + min + " to " + max));
        }
    }
}
