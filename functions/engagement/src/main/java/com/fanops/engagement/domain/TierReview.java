package com.fanops.engagement.domain;

import java.time.LocalDate;

/**
 * Tier movement, as pure decisions. Upgrades happen at once (the scorer asks {@link #upgrade}); the daily
 * review ({@link #review}) renews a tier still qualified for at the end of its hold, announces a downgrade with
 * a warning, and moves down one tier - never more - once the warning period has passed. A member who qualifies
 * again before that keeps the tier, and the warning is withdrawn. A lower tier reached by downgrade holds for
 * the same period (a soft landing).
 */
public final class TierReview {

    public enum Kind { NONE, UPGRADE, RENEW, WARN, CANCEL_WARNING, DOWNGRADE }

    public record Decision(Kind kind, Standing next) {
        public boolean changesTier() {
            return kind == Kind.UPGRADE || kind == Kind.DOWNGRADE;
        }
    }

    private TierReview() {
    }

    public static Decision upgrade(Standing s, Tier qualified, LocalDate today, EngagementRules rules) {
        if (qualified.compareTo(s.tier()) > 0) {
            return new Decision(Kind.UPGRADE, s.withTier(qualified, today, today.plusMonths(rules.tierHoldMonths())));
        }
        return new Decision(Kind.NONE, s);
    }

    public static Decision review(Standing s, Tier qualified, LocalDate today, EngagementRules rules) {
        Decision up = upgrade(s, qualified, today, rules);
        if (up.kind() != Kind.NONE || s.tier() == Tier.BRONZE) {
            return up;
        }
        LocalDate renewed = today.plusMonths(rules.tierHoldMonths());
        if (qualified == s.tier()) {
            if (s.warnedOn() != null) {
                return new Decision(Kind.CANCEL_WARNING, s.withHold(s.holdUntil().isAfter(today) ? s.holdUntil() : renewed));
            }
            return s.holdUntil().isAfter(today) ? new Decision(Kind.NONE, s) : new Decision(Kind.RENEW, s.withHold(renewed));
        }
        if (s.warnedOn() == null) {
            if (today.isBefore(s.holdUntil().minusDays(rules.downgradeWarningDays()))) {
                return new Decision(Kind.NONE, s);
            }
            LocalDate on = today.plusDays(rules.downgradeWarningDays());
            return new Decision(Kind.WARN, s.warned(today, on.isAfter(s.holdUntil()) ? on : s.holdUntil()));
        }
        if (today.isBefore(s.downgradeOn())) {
            return new Decision(Kind.NONE, s);
        }
        return new Decision(Kind.DOWNGRADE, s.withTier(s.tier().below(), today, renewed));
    }
}
