package com.fanops.platform.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Dashboard areas and the roles that may open them (least privilege: each role gets what its work needs). */
public enum Area {
    MEMBERS(Role.ADMIN, Role.MANAGER, Role.AGENT),
    METRICS(Role.ADMIN, Role.MANAGER, Role.ANALYST),
    COMPLAINTS(Role.ADMIN, Role.MANAGER, Role.AGENT),
    // Analysts read the catalogue, budgets, pools and the archive's totals without personal data (docs/rewards.md).
    REWARDS(Role.ADMIN, Role.MANAGER, Role.ANALYST),
    // Agents check members in at the door; analysts read the plan and the evaluation reports (docs/activities.md).
    ACTIVITIES(Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST),
    SETTINGS(Role.ADMIN),
    AUDIT(Role.ADMIN);

    private final Set<Role> roles;

    Area(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean openTo(Set<Role> held) {
        return held.stream().anyMatch(roles::contains);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
