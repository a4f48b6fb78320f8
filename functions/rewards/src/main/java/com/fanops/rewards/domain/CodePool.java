package com.fanops.rewards.domain;

import java.time.Instant;

/**
 * A pool of coupon codes: how many are available, assigned (each to exactly one issuance) and burned (leaked, withdrawn),
 * and the threshold below which a stock alert ({@link CodePoolLow}) goes out.
 */
public record CodePool(String poolId, String name, long available, long assigned, long burned, long threshold, String createdBy,
                       Instant createdAt) {

    public boolean low() {
        return available < threshold;
    }
}
