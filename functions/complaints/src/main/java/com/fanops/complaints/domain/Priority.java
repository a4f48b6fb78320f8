package com.fanops.complaints.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How fast a ticket must be handled, most urgent first. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One level more urgent (a diamond member's ticket); urgent stays urgent. */
    public Priority raised() {
        return this == URGENT ? URGENT : values()[ordinal() - 1];
    }

    /** The more urgent of the two. */
    public Priority max(Priority other) {
        return other != null && other.ordinal() < ordinal() ? other : this;
    }

    public static Optional<Priority> of(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Priority::key).toList();
    }
}
