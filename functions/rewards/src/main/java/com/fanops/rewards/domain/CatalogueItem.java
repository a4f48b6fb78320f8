package com.fanops.rewards.domain;

import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One thing the brand gives (000 §6): its type, names and descriptions in zh-CN and en, the window in which members
 * see it ({@code showFrom}..{@code showUntil}) and the one in which it can be redeemed or issued
 * ({@code redeemFrom}..{@code redeemUntil}; open ends when absent), the tiers it is for (empty: every tier), its price in
 * points for a redemption ({@code pointsPrice}; absent: not redeemable, only issued by rule or by hand), its cost to the
 * budget in minor units of CNY ({@code cost}, fen) and the budget it draws on, whether its stock is counted
 * ({@code limitedStock}; the stock itself is a live counter, changed by restocking, not by editing the catalogue), the
 * per-member limits, and by type: the code pool of a coupon, the points of a points reward, the cash of a red packet
 * (minor units, at most its cost). {@code validDays}: an issued reward not used within that many days expires (its cost
 * released); absent: it does not expire. {@code active} false withdraws the item without deleting its history.
 */
public record CatalogueItem(String itemId, RewardType type, Texts name, Texts description, Instant showFrom, Instant showUntil,
                            Instant redeemFrom, Instant redeemUntil, List<String> tiers, Long pointsPrice, Long cost, String budgetId,
                            Boolean limitedStock, MemberLimits limits, String codePoolId, Long points, Long cashAmount, Integer validDays,
                            Boolean active) {

    public static final long MAX_COST = 1_000_000_000L;
    public static final long MAX_POINTS = 10_000_000L;
    public static final List<String> TIER_KEYS = Arrays.stream(Tier.values()).map(Tier::key).toList();

    public CatalogueItem {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        cost = cost == null ? 0L : cost;
        limitedStock = limitedStock != null && limitedStock;
        limits = limits == null ? MemberLimits.none() : limits;
        active = active == null || active;
    }

    public boolean shownAt(Instant at) {
        return active && within(at, showFrom, showUntil);
    }

    /** Whether it can be redeemed or issued at {@code at}. */
    public boolean openAt(Instant at) {
        return active && within(at, redeemFrom, redeemUntil);
    }

    public boolean redeemable() {
        return pointsPrice != null;
    }

    public boolean eligible(Tier tier) {
        return tiers.isEmpty() || tiers.contains(tier.key());
    }

    private static boolean within(Instant at, Instant from, Instant until) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }

    void validate(List<FieldError> errors, String f) {
        if (itemId == null || !RewardIds.SLUG.matcher(itemId).matches()) {
            errors.add(new FieldError(f + ".itemId", "2-48 of a-z, 0-9 and -, starting with a letter or digit"));
        }
        if (type == null) {
            errors.add(new FieldError(f + ".type", "is required: one of " + String.join(", ", RewardType.KEYS)));
        }
        Texts.checked(errors, f + ".name", name, 80, false, true);
        Texts.checked(errors, f + ".description", description, 2000, true, false);
        window(errors, f + ".showUntil", showFrom, showUntil);
        window(errors, f + ".redeemUntil", redeemFrom, redeemUntil);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            if (!TIER_KEYS.contains(tiers.get(i)) || !seen.add(tiers.get(i))) {
                errors.add(new FieldError(f + ".tiers[" + i + "]", "one of " + String.join(", ", TIER_KEYS) + ", each once"));
            }
        }
        if (pointsPrice != null && (pointsPrice < 1 || pointsPrice > MAX_POINTS)) {
            errors.add(new FieldError(f + ".pointsPrice", "a whole number of points from 1 to " + MAX_POINTS + ", or absent"));
        }
        if (cost < 0 || cost > MAX_COST) {
            errors.add(new FieldError(f + ".cost", "minor units (fen) from 0 to " + MAX_COST));
        }
        if (budgetId != null && !RewardIds.SLUG.matcher(budgetId).matches()) {
            errors.add(new FieldError(f + ".budgetId", "is not a budget id"));
        } else if (budgetId == null && cost > 0) {
            errors.add(new FieldError(f + ".budgetId", "is required when the item costs something"));
        }
        limits.validate(errors, f + ".limits");
        boolean coupon = type == RewardType.COUPON;
        if (coupon != (codePoolId != null)) {
            errors.add(new FieldError(f + ".codePoolId", coupon ? "is required for a coupon" : "only a coupon draws on a code pool"));
        } else if (coupon && !RewardIds.SLUG.matcher(codePoolId).matches()) {
            errors.add(new FieldError(f + ".codePoolId", "is not a code pool id"));
        }
        boolean pointsType = type == RewardType.POINTS;
        if (pointsType != (points != null)) {
            errors.add(new FieldError(f + ".points", pointsType ? "is required for a points reward" : "only a points reward gives points"));
        } else if (pointsType && (points < 1 || points > MAX_POINTS)) {
            errors.add(new FieldError(f + ".points", "from 1 to " + MAX_POINTS));
        }
        boolean cash = type == RewardType.RED_PACKET;
        if (cash != (cashAmount != null)) {
            errors.add(new FieldError(f + ".cashAmount", cash ? "is required for a red packet" : "only a red packet carries cash"));
        } else if (cash && (cashAmount < 1 || cashAmount > cost)) {
            errors.add(new FieldError(f + ".cashAmount", "minor units from 1 to the item's cost"));
        }
        if (validDays != null && (validDays < 1 || validDays > 3650)) {
            errors.add(new FieldError(f + ".validDays", "from 1 to 3650, or absent for no expiry"));
        }
    }

    private static void window(List<FieldError> errors, String field, Instant from, Instant until) {
        if (from != null && until != null && !until.isAfter(from)) {
            errors.add(new FieldError(field, "must be after its start"));
        }
    }

    /** Every error of a list of items, with duplicates named at the second occurrence. */
    static List<FieldError> validateAll(List<CatalogueItem> items, String field) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            CatalogueItem item = items.get(i);
            item.validate(errors, field + "[" + i + "]");
            if (item.itemId() != null && !ids.add(item.itemId())) {
                errors.add(new FieldError(field + "[" + i + "].itemId", "is used by another item"));
            }
        }
        return errors;
    }
}
