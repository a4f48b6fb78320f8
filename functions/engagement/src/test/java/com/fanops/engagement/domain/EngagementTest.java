package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngagementTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();

    private static MemberDay day(String date, long weight, long points) {
        return new MemberDay(LocalDate.parse(date), weight, weight > 0 ? 1 : 0, points, 0, 0, points, 0, BigDecimal.ZERO, 0,
                LocalDate.parse(date).plusMonths(12));
    }

    @Test
    void aScoreHalvesAfterTheHalfLifeAndLeavesTheWindowAfterAYear() {
        List<MemberDay> days = List.of(day("2026-03-01", 8, 0));
        Instant dayStart = Instant.parse("2026-02-28T16:00:00Z"); // 2026-03-01 00:00 in Shanghai
        assertEquals(8.0, Engagement.score(days, dayStart, SHANGHAI, 30), 1e-9);
        assertEquals(4.0, Engagement.score(days, dayStart.plus(Duration.ofDays(30)), SHANGHAI, 30), 1e-9);
        assertEquals(0.0, Engagement.score(days, dayStart.plus(Duration.ofDays(365)), SHANGHAI, 30), "outside the 365-day window");
        assertEquals(0.0, Engagement.score(days, dayStart.minusSeconds(1), SHANGHAI, 30), "not yet happened");
    }

    @Test
    void categoriesNeedBothScoreAndActiveDays() {
        assertEquals(Category.POTENTIAL, Engagement.category(4.9, 30, RULES));
        assertEquals(Category.REGULAR, Engagement.category(5, 2, RULES));
        assertEquals(Category.REGULAR, Engagement.category(100, 5, RULES), "a burst of score on few days is not 'active'");
        assertEquals(Category.ACTIVE, Engagement.category(20, 6, RULES));
        assertEquals(Category.CORE, Engagement.category(60, 15, RULES));
    }

    @Test
    void activeDaysCountTheLast30DaysOnly() {
        List<MemberDay> days = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            days.add(day(LocalDate.parse("2026-01-01").plusDays(i).toString(), 1, 0));
        }
        days.add(day("2026-02-15", 0, 10)); // points without engagement weight are not activity
        assertEquals(30, Engagement.activeDays(days, LocalDate.parse("2026-02-09")));
        assertEquals(1, Engagement.activeDays(days, LocalDate.parse("2026-03-10")));
    }

    @Test
    void tiersQualifyOnPointsEarnedSpendOrReferralsInTheRolling12Months() {
        List<MemberDay> days = new ArrayList<>(List.of(day("2025-03-01", 0, 5000), day("2026-01-10", 0, 600)));
        LocalDate today = LocalDate.parse("2026-03-01");
        Engagement.Qualifying q = Engagement.qualifying(days, today);
        assertEquals(600, q.points(), "the 2025-03-01 lot is exactly 12 months old and out of the window");
        assertEquals(Tier.SILVER, Engagement.tierFor(q, RULES));
        assertEquals(Tier.GOLD, Engagement.tierFor(new Engagement.Qualifying(0, new BigDecimal("8000"), 0), RULES));
        assertEquals(Tier.DIAMOND, Engagement.tierFor(new Engagement.Qualifying(0, BigDecimal.ZERO, 30), RULES));
        days.add(new MemberDay(LocalDate.parse("2026-02-01"), 0, 0, 100, 100, 0, 0, 0, BigDecimal.ZERO, 0, null));
        assertEquals(600, Engagement.qualifying(days, today).points(), "reversed points are not earned");
    }

    @Test
    void defaultRulesAreValidAndBrokenOnesNameTheirFields() {
        assertEquals(List.of(), RULES.validate());
        var weights = new java.util.LinkedHashMap<>(RULES.weights());
        weights.put("wink", 3);
        weights.put("like", -1);
        var broken = new EngagementRules(0, null, null, weights, RULES.dailyCaps(), 0, RULES.points(), RULES.pointsPerUnit(), RULES.maxAmount(),
                RULES.maxPointsPerEvent(), "cny",
                RULES.lotMonths(), RULES.expiryWarningDays(), RULES.categories(), RULES.tiers(), RULES.tierHoldMonths(), RULES.downgradeWarningDays());
        var fields = broken.validate().stream().map(com.fanops.platform.http.FieldError::field).toList();
        assertEquals(List.of("weights.like", "weights.wink", "halfLifeDays", "baseCurrency"), fields);
    }
}
