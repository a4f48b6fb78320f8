package com.fanops.rewards.domain;

import com.fanops.members.domain.Purpose;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a member may receive or redeem an item now, and whether a rule's conditions hold for them. Pure: the caller
 * reads the member, the item and the rule. Checks that need counters (limits, stock, budget) are the transaction's.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** For any issuance: an admitted member, the item open now and meant for the member's tier. */
    public static void item(CatalogueItem item, MemberSnapshot member, Instant at) {
        if (!member.admitted()) {
            throw new RewardRefused(Refusal.NOT_A_MEMBER, "Rewards go to admitted members only.");
        }
        if (!item.openAt(at)) {
            throw new RewardRefused(Refusal.OUTSIDE_WINDOW, "Item " + item.itemId() + " cannot be issued or redeemed at this time.");
        }
        if (!item.eligible(member.tier())) {
            throw new RewardRefused(Refusal.INELIGIBLE_TIER, "Item " + item.itemId() + " is for tiers " + String.join(", ", item.tiers())
                    + "; the member is " + member.tier().key() + ".");
        }
    }

    /** For a redemption: also shown now and priced in points. */
    public static void redemption(CatalogueItem item, MemberSnapshot member, Instant at) {
        if (!item.redeemable()) {
            throw new RewardRefused(Refusal.NOT_REDEEMABLE, "Item " + item.itemId() + " is not redeemed with points.");
        }
        if (!item.shownAt(at)) {
            throw new RewardRefused(Refusal.OUTSIDE_WINDOW, "Item " + item.itemId() + " is not offered at this time.");
        }
        item(item, member, at);
    }

    /**
     * For a rule: the member's kind, tier and category as the rule asks, and the consent it relies on held now. Answers
     * that consent - the rule's purpose, or membership when the rule names none - to be recorded on the issuance.
     */
    public static ConsentBasis rule(RewardRule rule, MemberSnapshot member) {
        if (!member.admitted()) {
            throw new RewardRefused(Refusal.NOT_A_MEMBER, "Rewards go to admitted members only.");
        }
        // A tier-reached rule's tiers are the tiers reached, matched against the event (the standing read may lag behind it).
        boolean tierOk = rule.trigger() == Trigger.TIER_REACHED || rule.tiers().isEmpty() || rule.tiers().contains(member.tier().key());
        if (!rule.kinds().contains(member.kind()) || !tierOk
                || (!rule.categories().isEmpty() && !rule.categories().contains(member.category().key()))) {
            throw new RewardRefused(Refusal.CONDITIONS_NOT_MET, "Rule " + rule.ruleId() + " is not for this member's kind, tier or category.");
        }
        String purpose = rule.consentPurpose() == null ? Purpose.MEMBERSHIP.key() : rule.consentPurpose();
        return consent(member, purpose);
    }

    /** The member's consent to {@code purpose}, or the refusal naming it. */
    public static ConsentBasis consent(MemberSnapshot member, String purpose) {
        Optional<ConsentBasis> held = member.consent(purpose);
        if (held.isEmpty()) {
            throw new RewardRefused(Refusal.CONSENT_MISSING, "The member has not given consent to " + purpose + ".");
        }
        return held.get();
    }
}
