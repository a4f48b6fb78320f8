package com.fanops.rewards.domain;

/**
 * Why a reward is not issued or redeemed, each a stable problem type with the status and the field it names. Nothing is
 * written when any of them is answered.
 */
public enum Refusal {
    UNKNOWN_ITEM(422, "unknown-item", "itemId", "Unknown catalogue item"),
    OUTSIDE_WINDOW(422, "outside-window", "itemId", "Not available now"),
    NOT_REDEEMABLE(422, "not-redeemable", "itemId", "Not redeemable with points"),
    INELIGIBLE_TIER(422, "ineligible-tier", "itemId", "Not for this member's tier"),
    CONDITIONS_NOT_MET(422, "conditions-not-met", "memberId", "The rule's conditions are not met"),
    NOT_A_MEMBER(422, "not-a-member", "memberId", "Not an admitted member"),
    CONSENT_MISSING(422, "consent-missing", "consentPurpose", "Consent missing"),
    OVER_LIMIT(409, "over-limit", "itemId", "Over the member's limit"),
    RULE_CAP(409, "rule-cap", "ruleId", "The rule's cap for this member is reached"),
    OUT_OF_STOCK(409, "out-of-stock", "itemId", "Out of stock"),
    BUDGET_EXHAUSTED(409, "budget-exhausted", "budgetId", "Budget exhausted"),
    BUDGET_PERIOD(422, "budget-period", "budgetId", "Outside the budget's period"),
    UNKNOWN_BUDGET(422, "unknown-budget", "budgetId", "Unknown budget"),
    ALLOCATION_EXHAUSTED(409, "allocation-exhausted", "budgetId", "The activity's budget allocation is exhausted"),
    NO_ALLOCATION(422, "no-allocation", "budgetId", "The activity holds no budget allocation"),
    INSUFFICIENT_POINTS(409, "insufficient-points", "points", "Not enough points"),
    KEY_REUSED(422, "idempotency-key-reused", "idempotency-key", "Idempotency-Key used for another request");

    private final int status;
    private final String type;
    private final String field;
    private final String title;

    Refusal(int status, String type, String field, String title) {
        this.status = status;
        this.type = type;
        this.field = field;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String title() {
        return title;
    }
}
