package com.fanops.members.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a membership stands, and the only place that says which changes are allowed. The stored value is
 * {@link #key()} (lower case, as it always was): {@code pending} (admission review on) -> {@code active} or
 * {@code rejected}; {@code active}, {@code warned}, {@code muted} move among themselves (warn, mute, restore);
 * {@code removed}, {@code left}, {@code rejected} and {@code erased} end a membership, and only erasure follows an end.
 */
public enum MemberStatus {
    PENDING, ACTIVE, WARNED, MUTED, REJECTED, REMOVED, LEFT, ERASED;

    /** What an operator can do to a membership, and the status each leads to. */
    public enum Action {
        APPROVE(ACTIVE), REJECT(REJECTED), WARN(WARNED), MUTE(MUTED), REMOVE(REMOVED), RESTORE(ACTIVE);

        private final MemberStatus leadsTo;

        Action(MemberStatus leadsTo) {
            this.leadsTo = leadsTo;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public MemberStatus leadsTo() {
            return leadsTo;
        }

        /** Approve and reject decide an admission; the others act on an admitted member. */
        public boolean decidesAdmission() {
            return this == APPROVE || this == REJECT;
        }

        public static Optional<Action> of(String key) {
            for (Action a : values()) {
                if (a.key().equals(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** Why an action is refused; each is its own answer to the operator. */
    public enum Refusal { ENDED, AWAITS_ADMISSION, NOT_PENDING }

    public static final class TransitionRefused extends RuntimeException {
        private final Refusal refusal;
        private final MemberStatus from;

        TransitionRefused(Refusal refusal, MemberStatus from) {
            super(refusal + " from " + from.key(), null, false, false);
            this.refusal = refusal;
            this.from = from;
        }

        public Refusal refusal() {
            return refusal;
        }

        public MemberStatus from() {
            return from;
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MemberStatus> of(String key) {
        for (MemberStatus s : values()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A stored value; every value ever written is one of the constants. */
    public static MemberStatus parse(String key) {
        return of(key).orElseThrow(() -> new IllegalArgumentException("unknown member status " + key));
    }

    /** Rejected, removed, left or erased: nothing but erasure follows. */
    public boolean ended() {
        return this == REJECTED || this == REMOVED || this == LEFT || this == ERASED;
    }

    /** Signed up and not ended (pending included): the member can still act as one. */
    public boolean isMember() {
        return !ended();
    }

    /** Admitted and not ended: what the community metrics count (a pending sign-up is not a member yet). */
    public boolean isAdmitted() {
        return isMember() && this != PENDING;
    }

    public boolean canChangeConsent() {
        return isMember();
    }

    public boolean canLeave() {
        return isMember();
    }

    /** Interactions of a member in this status move their engagement; those of ended memberships are kept as skipped. */
    public boolean isScored() {
        return isMember();
    }

    public Set<MemberStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACTIVE, REJECTED, LEFT, ERASED);
            case ACTIVE, WARNED, MUTED -> EnumSet.of(ACTIVE, WARNED, MUTED, REMOVED, LEFT, ERASED);
            case REJECTED, REMOVED, LEFT -> EnumSet.of(ERASED);
            case ERASED -> EnumSet.noneOf(MemberStatus.class);
        };
    }

    public boolean canTransitionTo(MemberStatus next) {
        return allowedNext().contains(next);
    }

    /** The status an operator's action leads to, or why it cannot be taken now. */
    public MemberStatus apply(Action action) {
        if (ended()) {
            throw new TransitionRefused(Refusal.ENDED, this);
        }
        if (action.decidesAdmission() != (this == PENDING)) {
            throw new TransitionRefused(this == PENDING ? Refusal.AWAITS_ADMISSION : Refusal.NOT_PENDING, this);
        }
        return action.leadsTo();
    }
}
