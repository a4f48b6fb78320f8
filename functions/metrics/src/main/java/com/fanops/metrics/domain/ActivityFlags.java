package com.fanops.metrics.domain;

import com.fanops.engagement.store.InteractionStore;
import java.util.Set;

/**
 * The facts of a member-day the daily metrics need, as flags: active (a counted interaction of non-zero engagement
 * weight), purchased, followed, unfollowed. Derived from the member's day item counters, which the scorer's one
 * UpdateItem already returns: the counters an interaction opened (the flags it turns on) or, on a redelivery, the
 * counters the day holds (every flag the day implies). Refunds and capped events turn nothing on.
 */
public record ActivityFlags(boolean active, boolean purchased, boolean followed, boolean unfollowed) {

    public static final ActivityFlags NONE = new ActivityFlags(false, false, false, false);

    /** From the day counters {@code evts} (engaging events) and {@code n_purchase}, {@code n_follow}, {@code n_unfollow}. */
    public static ActivityFlags of(Set<String> counters) {
        return new ActivityFlags(counters.contains("evts"), counters.contains("n_purchase"), counters.contains("n_follow"),
                counters.contains("n_unfollow"));
    }

    /** What an applied interaction turns on (counted) or restates (duplicate); nothing for any other outcome. */
    public static ActivityFlags of(InteractionStore.Applied applied) {
        return switch (applied.outcome()) {
            case COUNTED, DUPLICATE -> of(applied.dayCounters());
            default -> NONE;
        };
    }

    public boolean any() {
        return active || purchased || followed || unfollowed;
    }
}
