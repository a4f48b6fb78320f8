package com.fanops.rewards.testing;

import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Texts;
import com.fanops.rewards.domain.Trigger;
import java.util.List;

/** Catalogue items and rules for tests, built up from a plain default. */
public final class Items {

    private Items() {
    }

    public static CatalogueItem item(String id, RewardType type, Long pointsPrice, long cost, String budgetId, boolean limitedStock,
                                     MemberLimits limits, String poolId) {
        return new CatalogueItem(id, type, new Texts("礼品 " + id, "Gift " + id), null, null, null, null, null, List.of(), pointsPrice,
                cost, budgetId, limitedStock, limits, poolId, type == RewardType.POINTS ? 100L : null,
                type == RewardType.RED_PACKET ? cost : null, null, true);
    }

    public static RewardRule rule(String id, Trigger trigger, String itemId, String consentPurpose, String holiday, Integer withinDays) {
        return new RewardRule(id, trigger, itemId, true, null, List.of(), List.of(), consentPurpose, List.of(), holiday, withinDays,
                trigger == Trigger.TOP_PARTICIPANT ? 3 : null, List.of(), null, null, null, null);
    }
}
