package com.fanops.members.domain;

import java.util.List;

/**
 * The engagement capability's tiers and categories, lowest first, as the member directory filters on them. Written out
 * here because the engagement capability depends on this one (its enums cannot be used from here without a cycle);
 * the engagement docs (docs/interactions.md) are the definition.
 */
public final class Ranks {

    public static final List<String> TIERS = List.of("bronze", "silver", "gold", "diamond");
    public static final List<String> CATEGORIES = List.of("potential", "regular", "active", "core");

    private Ranks() {
    }
}
