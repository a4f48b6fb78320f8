package com.fanops.members.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a member consents to; each purpose has its own versioned notice. */
public enum Purpose {
    /** Membership terms: required to join. */
    MEMBERSHIP(true),
    /** Marketing messages (care messages, offers). */
    MARKETING(false),
    /** Personalised analysis of the member's interactions. */
    PERSONALISATION(false);

    private final boolean required;

    Purpose(boolean required) {
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Purpose> of(String key) {
        for (Purpose p : values()) {
            if (p.key().equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
