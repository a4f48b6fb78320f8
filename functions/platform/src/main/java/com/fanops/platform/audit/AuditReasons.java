package com.fanops.platform.audit;

import java.util.Set;

/**
 * Which audit reasons the viewer shows. Many callers write the operator's own words as the reason (a warning's or a
 * refusal's reason, a points adjustment's note, a revocation's reason), and free text can carry personal data (a name, a
 * phone number); those stay in the table, beside the record they explain, and the viewer withholds them. Only reasons
 * that code composes from counts, settings and enums are shown. A new action is withheld until it is listed here.
 */
public final class AuditReasons {

    private static final Set<String> COMPOSED = Set.of(
            "members.import",          // "created <n>"
            "settings.members",        // "admission=<auto|review>"
            "members.export",          // "purpose=<code> rows=<n>"
            "channel-keys.create",     // the channel, an enum
            "rewards.pool.upload",     // "<n> codes"
            "rewards.pool.generate");  // "<n> codes"

    private AuditReasons() {
    }

    public static boolean shown(String action) {
        return COMPOSED.contains(action);
    }
}
