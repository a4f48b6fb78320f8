package com.fanops.platform.auth;

import java.util.Locale;
import java.util.Optional;

/** Operator roles, one Cognito group each (lower-case group names). */
public enum Role {
    /** Settings, roles, audit. */
    ADMIN,
    /** Community managers: members, tiers, rewards, activities. */
    MANAGER,
    /** Support agents: complaints. */
    AGENT,
    /** Metrics only; never sees decrypted personal data. */
    ANALYST;

    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofGroup(String group) {
        for (Role role : values()) {
            if (role.group().equals(group.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
