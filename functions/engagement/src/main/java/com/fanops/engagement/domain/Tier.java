package com.fanops.engagement.domain;

import java.util.Locale;

/** Member grades (000 §6): earned over a rolling 12-month window, held for a year. Ordered low to high. */
public enum Tier {
    BRONZE, SILVER, GOLD, DIAMOND;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Tier below() {
        return this == BRONZE ? BRONZE : values()[ordinal() - 1];
    }

    public static Tier of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
