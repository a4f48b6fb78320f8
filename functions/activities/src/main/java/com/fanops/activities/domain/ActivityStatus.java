package com.fanops.activities.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * An activity's life: drafted, approved by a manager, published (the registration page opens and the holdout is drawn and
 * locked), running from its start, closed at its end, evaluated once the report has been computed. A draft may also be
 * withdrawn ({@link #CANCELLED}) before it runs; nothing moves backwards.
 */
public enum ActivityStatus {
    DRAFT, APPROVED, PUBLISHED, RUNNING, CLOSED, EVALUATED, CANCELLED;

    /** The statuses this one may move to. */
    public Set<ActivityStatus> next() {
        switch (this) {
            case DRAFT: return EnumSet.of(APPROVED, CANCELLED);
            case APPROVED: return EnumSet.of(PUBLISHED, DRAFT, CANCELLED);
            case PUBLISHED: return EnumSet.of(RUNNING, CANCELLED);
            case RUNNING: return EnumSet.of(CLOSED);
            case CLOSED: return EnumSet.of(EVALUATED);
            default: return EnumSet.noneOf(ActivityStatus.class);
        }
    }

    public boolean canMoveTo(ActivityStatus target) {
        return next().contains(target);
    }

    /** Whether its definition (times, capacity, audience, budget, goals) may still be edited. */
    public boolean editable() {
        return this == DRAFT || this == APPROVED;
    }

    /** Whether members may register or cancel (the registration window decides the rest). */
    public boolean takesRegistrations() {
        return this == PUBLISHED || this == RUNNING;
    }
}
