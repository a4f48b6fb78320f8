package com.fanops.engagement.domain;

import java.util.Locale;

/** Fan categories (000 §2): how engaged a member is now, from engagement score and active days. Ordered low to high. */
public enum Category {
    POTENTIAL, REGULAR, ACTIVE, CORE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
