package com.fanops.engagement.domain;

import java.time.LocalDate;

/**
 * A member's standing: category (with the day it was reached) and tier (reached on {@code tierSince}, held until
 * {@code holdUntil}; {@code warnedOn}/{@code downgradeOn} set while a downgrade is announced). {@code rev} counts
 * writes, so concurrent writers cannot overwrite each other.
 */
public record Standing(String memberId, Category category, LocalDate categorySince, Tier tier, LocalDate tierSince,
                       LocalDate holdUntil, LocalDate warnedOn, LocalDate downgradeOn, int rulesVersion, long rev) {

    public static Standing initial(String memberId) {
        return new Standing(memberId, Category.POTENTIAL, null, Tier.BRONZE, null, null, null, null, 0, 0);
    }

    /** Members the daily review looks at: anyone above the bottom category or tier. */
    public boolean reviewed() {
        return category != Category.POTENTIAL || tier != Tier.BRONZE;
    }

    public Standing withCategory(Category c, LocalDate since) {
        return new Standing(memberId, c, since, tier, tierSince, holdUntil, warnedOn, downgradeOn, rulesVersion, rev);
    }

    public Standing withTier(Tier t, LocalDate since, LocalDate hold) {
        return new Standing(memberId, category, categorySince, t, since, hold, null, null, rulesVersion, rev);
    }

    public Standing withHold(LocalDate hold) {
        return new Standing(memberId, category, categorySince, tier, tierSince, hold, null, null, rulesVersion, rev);
    }

    public Standing warned(LocalDate on, LocalDate downgrade) {
        return new Standing(memberId, category, categorySince, tier, tierSince, holdUntil, on, downgrade, rulesVersion, rev);
    }

    public Standing using(int version) {
        return new Standing(memberId, category, categorySince, tier, tierSince, holdUntil, warnedOn, downgradeOn, version, rev);
    }
}
