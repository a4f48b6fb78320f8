package com.fanops.metrics.domain;

import com.fanops.members.domain.MemberKind;
import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Tier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the metrics know of one member (the {@code MEMBER#<id>/M} item): when they joined and as what kind of account,
 * when and how they left, their current category and tier with the standing revision each came from, and the item's
 * own revision (optimistic locking). Every counter the metrics keep (COUNTS, DIST) is a sum over these states, and
 * each change moves the counters by the difference between the state before and after ({@link MetricsDelta}), so
 * events may arrive in any order and more than once.
 */
public record MemberMetricState(String memberId, LocalDate joinDay, MemberKind kind, boolean imported, Instant exitAt, LocalDate exitDay,
                                String exitTo, String category, long categoryRevision, String tier, long tierRevision, long rev) {

    /** A member the metrics have heard nothing of: no join, no exit, the standing every member starts with. */
    public static MemberMetricState unknown(String memberId) {
        return new MemberMetricState(memberId, null, null, false, null, null, null, Category.POTENTIAL.key(), 0, Tier.BRONZE.key(), 0, 0);
    }

    public boolean joined() {
        return joinDay != null;
    }

    public boolean exited() {
        return exitAt != null;
    }

    /** A community member (not staff, not test) whose join is known. */
    public boolean community() {
        return joined() && kind.community();
    }

    /** An excluded account (staff or test) whose join is known. */
    public boolean excluded() {
        return joined() && !kind.community();
    }

    /** Counted in the current distribution: a community member who joined and has not left. */
    public boolean current() {
        return community() && !exited();
    }

    public MemberMetricState withJoin(LocalDate day, MemberKind k, boolean wasImported) {
        return new MemberMetricState(memberId, day, k, wasImported, exitAt, exitDay, exitTo, category, categoryRevision, tier, tierRevision, rev);
    }

    public MemberMetricState withExit(Instant at, LocalDate day, String to) {
        return new MemberMetricState(memberId, joinDay, kind, imported, at, day, to, category, categoryRevision, tier, tierRevision, rev);
    }

    public MemberMetricState withCategory(String to, long revision) {
        return new MemberMetricState(memberId, joinDay, kind, imported, exitAt, exitDay, exitTo, to, revision, tier, tierRevision, rev);
    }

    public MemberMetricState withTier(String to, long revision) {
        return new MemberMetricState(memberId, joinDay, kind, imported, exitAt, exitDay, exitTo, category, categoryRevision, to, revision, rev);
    }

    public MemberMetricState withRev(long next) {
        return new MemberMetricState(memberId, joinDay, kind, imported, exitAt, exitDay, exitTo, category, categoryRevision, tier, tierRevision, next);
    }
}
