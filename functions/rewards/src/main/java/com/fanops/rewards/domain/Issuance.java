package com.fanops.rewards.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the reward archive: a reward issued to a member, by rule ({@code ruleId}, {@code trigger}), by
 * redemption or by an operator's grant, with its cause key, the catalogue version and item it was made under, what it
 * cost (budget and points), the coupon code it was given, the consent it relied on, its status and when it last changed,
 * the day it expires (if the item's rewards expire), who issued it and why, and what it holds against the member's limits
 * ({@code limitWindows}) so a revocation gives exactly those back. {@code allocationId}: the allocation of the budget (an
 * activity's) the cost was charged to instead of the budget's available amount; a revocation gives the cost back to it.
 */
public record Issuance(String issuanceId, String memberId, String itemId, RewardType type, int catalogueVersion, String trigger,
                       String ruleId, String cause, String causeEventId, String budgetId, long cost, long pointsPrice, long points,
                       long cashAmount, String codePoolId, String code, IssuanceStatus status, Instant issuedAt, LocalDate day,
                       Instant statusAt, LocalDate expiresOn, ConsentBasis consent, String actor, String reason, String locale,
                       List<String> limitWindows, boolean ruleCapped, boolean limitedStock, String spendEntryId, String creditEntryId,
                       String approvalId, String allocationId) {

    public static final String REDEMPTION = "redemption";
    public static final String MANUAL = "manual";

    public Issuance {
        limitWindows = limitWindows == null ? List.of() : List.copyOf(limitWindows);
    }

    public Issuance withStatus(IssuanceStatus next, Instant at) {
        return new Issuance(issuanceId, memberId, itemId, type, catalogueVersion, trigger, ruleId, cause, causeEventId, budgetId, cost,
                pointsPrice, points, cashAmount, codePoolId, code, next, issuedAt, day, at, expiresOn, consent, actor, reason, locale,
                limitWindows, ruleCapped, limitedStock, spendEntryId, creditEntryId, approvalId, allocationId);
    }

    public Issuance withCode(String poolCode) {
        return new Issuance(issuanceId, memberId, itemId, type, catalogueVersion, trigger, ruleId, cause, causeEventId, budgetId, cost,
                pointsPrice, points, cashAmount, codePoolId, poolCode, status, issuedAt, day, statusAt, expiresOn, consent, actor, reason,
                locale, limitWindows, ruleCapped, limitedStock, spendEntryId, creditEntryId, approvalId, allocationId);
    }

    /** The same record without what only managers see (the coupon code, the operator and reason) - for analysts' totals. */
    public Issuance withoutPersonalFields() {
        return new Issuance(issuanceId, null, itemId, type, catalogueVersion, trigger, ruleId, null, null, budgetId, cost, pointsPrice,
                points, cashAmount, codePoolId, null, status, issuedAt, day, statusAt, expiresOn, null, null, null, locale, List.of(),
                ruleCapped, limitedStock, null, null, approvalId, allocationId);
    }
}
