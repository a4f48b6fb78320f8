package com.fanops.engagement.domain;

import java.time.LocalDate;

/**
 * Published when a member moves up (at once) or down (daily review, after a warning) a tier. {@code revision} is the
 * member's standing revision the change was written at (see {@link CategoryChanged}); null in older events.
 */
public record TierChanged(String memberId, String from, String to, String reason, LocalDate on, LocalDate holdUntil, int rulesVersion,
                          Long revision) {

    public TierChanged(String memberId, String from, String to, String reason, LocalDate on, LocalDate holdUntil, int rulesVersion) {
        this(memberId, from, to, reason, on, holdUntil, rulesVersion, null);
    }

    /** The same change without its revision (tests compare changes, not revisions). */
    public TierChanged withoutRevision() {
        return new TierChanged(memberId, from, to, reason, on, holdUntil, rulesVersion);
    }
}
