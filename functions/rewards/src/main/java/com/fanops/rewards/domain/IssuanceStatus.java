package com.fanops.rewards.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life of an issuance: issued (its cost reserved on the budget), then fulfilled (cost confirmed), failed, revoked or
 * expired (cost released). A fulfilled reward can still be revoked (a refunded redemption, a coupon withdrawn unused):
 * its confirmed cost is released. Failed, revoked and expired are final.
 */
public enum IssuanceStatus {
    ISSUED, FULFILLED, FAILED, REVOKED, EXPIRED;

    public static final List<String> KEYS = Arrays.stream(values()).map(IssuanceStatus::key).toList();

    /** What a transition does to the budget line of the issuance's cost. */
    public enum BudgetEffect {
        /** reserved -> confirmed */
        CONFIRM,
        /** reserved -> available */
        RELEASE_RESERVED,
        /** confirmed -> available */
        RELEASE_CONFIRMED
    }

    public static final class TransitionRefused extends RuntimeException {
        private final IssuanceStatus from;
        private final IssuanceStatus to;

        public TransitionRefused(IssuanceStatus from, IssuanceStatus to) {
            super("an issuance " + from.key() + " cannot become " + to.key());
            this.from = from;
            this.to = to;
        }

        public IssuanceStatus from() {
            return from;
        }

        public IssuanceStatus to() {
            return to;
        }
    }

    public Set<IssuanceStatus> allowedNext() {
        return switch (this) {
            case ISSUED -> EnumSet.of(FULFILLED, FAILED, REVOKED, EXPIRED);
            case FULFILLED -> EnumSet.of(REVOKED, EXPIRED);
            case FAILED, REVOKED, EXPIRED -> EnumSet.noneOf(IssuanceStatus.class);
        };
    }

    /** The budget effect of moving to {@code to}; throws {@link TransitionRefused} when the move is not allowed. */
    public BudgetEffect moveTo(IssuanceStatus to) {
        if (!allowedNext().contains(to)) {
            throw new TransitionRefused(this, to);
        }
        if (to == FULFILLED) {
            return BudgetEffect.CONFIRM;
        }
        // An expired fulfilled reward (an unused coupon) was confirmed; its cost was never incurred.
        return this == ISSUED ? BudgetEffect.RELEASE_RESERVED : BudgetEffect.RELEASE_CONFIRMED;
    }

    /** Whether the reward still counts against limits, stock and budget (issued or fulfilled). */
    public boolean live() {
        return this == ISSUED || this == FULFILLED;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IssuanceStatus> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
