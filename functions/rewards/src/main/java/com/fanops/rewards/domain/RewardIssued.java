package com.fanops.rewards.domain;

import java.time.Instant;

/**
 * Published (through the outbox, in the issuance's own transaction) when a reward is issued: for fulfilment integrations
 * (payments for red packets, shipping for gifts) and for messaging, which tells the member. No personal data and no
 * coupon code ({@code hasCode} says there is one; the member reads it on their own page). {@code trigger} is the rule's
 * trigger, {@code redemption} or {@code manual}; {@code cause} the cause key; {@code name} the item's name in the member's
 * language, for the member's notice.
 */
public record RewardIssued(String memberId, String issuanceId, String itemId, String type, String trigger, String ruleId, String cause,
                           Instant at, String locale, boolean hasCode, boolean awaitsFulfilment, String name) {

    /** As before names were carried: events already in an outbox read with no name. */
    public RewardIssued(String memberId, String issuanceId, String itemId, String type, String trigger, String ruleId, String cause,
                        Instant at, String locale, boolean hasCode, boolean awaitsFulfilment) {
        this(memberId, issuanceId, itemId, type, trigger, ruleId, cause, at, locale, hasCode, awaitsFulfilment, null);
    }
}
