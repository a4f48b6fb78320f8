package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TierReviewTest {

    private static final EngagementRules RULES = EngagementRules.defaults(); // hold 12 months, warn 14 days before
    private static final LocalDate D0 = LocalDate.parse("2026-01-10");

    private static Standing gold() {
        return Standing.initial("m_1").withTier(Tier.GOLD, D0, D0.plusMonths(12));
    }

    @Test
    void upgradesAtOnceAndHoldsForTheHoldPeriod() {
        TierReview.Decision up = TierReview.upgrade(Standing.initial("m_1"), Tier.GOLD, D0, RULES);
        assertEquals(TierReview.Kind.UPGRADE, up.kind());
        assertEquals(Tier.GOLD, up.next().tier());
        assertEquals(LocalDate.parse("2027-01-10"), up.next().holdUntil());
        assertEquals(TierReview.Kind.NONE, TierReview.upgrade(up.next(), Tier.SILVER, D0, RULES).kind(), "the scorer never downgrades");
        assertEquals(TierReview.Kind.NONE, TierReview.review(up.next(), Tier.BRONZE, D0.plusMonths(6), RULES).kind(), "held");
    }

    @Test
    void warnsThenDowngradesOneTierOnlyAfterTheWarningPeriod() {
        LocalDate warnDay = LocalDate.parse("2026-12-27"); // 14 days before 2027-01-10
        assertEquals(TierReview.Kind.NONE, TierReview.review(gold(), Tier.BRONZE, warnDay.minusDays(1), RULES).kind());
        TierReview.Decision warn = TierReview.review(gold(), Tier.BRONZE, warnDay, RULES);
        assertEquals(TierReview.Kind.WARN, warn.kind());
        assertEquals(LocalDate.parse("2027-01-10"), warn.next().downgradeOn());
        assertEquals(TierReview.Kind.NONE, TierReview.review(warn.next(), Tier.BRONZE, warnDay.plusDays(1), RULES).kind(), "warned once");
        assertEquals(TierReview.Kind.NONE, TierReview.review(warn.next(), Tier.BRONZE, LocalDate.parse("2027-01-09"), RULES).kind());
        TierReview.Decision down = TierReview.review(warn.next(), Tier.BRONZE, LocalDate.parse("2027-01-10"), RULES);
        assertEquals(TierReview.Kind.DOWNGRADE, down.kind());
        assertEquals(Tier.SILVER, down.next().tier(), "one tier at most, although the member qualifies for bronze");
        assertEquals(LocalDate.parse("2028-01-10"), down.next().holdUntil());
    }

    @Test
    void aLateReviewStillGivesTheFullWarningPeriod() {
        TierReview.Decision warn = TierReview.review(gold(), Tier.SILVER, LocalDate.parse("2027-03-01"), RULES);
        assertEquals(TierReview.Kind.WARN, warn.kind());
        assertEquals(LocalDate.parse("2027-03-15"), warn.next().downgradeOn());
    }

    @Test
    void qualifyingAgainWithdrawsTheWarningAndRenewsAnExpiredHold() {
        Standing warned = TierReview.review(gold(), Tier.BRONZE, LocalDate.parse("2027-01-01"), RULES).next();
        TierReview.Decision kept = TierReview.review(warned, Tier.GOLD, LocalDate.parse("2027-01-05"), RULES);
        assertEquals(TierReview.Kind.CANCEL_WARNING, kept.kind());
        assertEquals(null, kept.next().warnedOn());
        TierReview.Decision renewed = TierReview.review(gold(), Tier.GOLD, LocalDate.parse("2027-01-10"), RULES);
        assertEquals(TierReview.Kind.RENEW, renewed.kind());
        assertEquals(LocalDate.parse("2028-01-10"), renewed.next().holdUntil());
    }
}
