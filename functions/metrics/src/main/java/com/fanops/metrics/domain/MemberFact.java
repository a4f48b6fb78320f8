package com.fanops.metrics.domain;

import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatusChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * What a member or standing event tells the metrics, with its business day taken from the event's own time (never
 * the clock), and how it changes a member's {@link MemberMetricState}. Each rule returns the state unchanged when the
 * event adds nothing - a repeat, or a change older than one already applied - which makes every event idempotent by
 * content, whatever its envelope id.
 */
public sealed interface MemberFact {

    /** Statuses that end a membership. The members API refuses every change after one, so the first exit is final. */
    Set<String> EXITS = Set.of("left", "removed", "erased");

    String memberId();

    MemberMetricState applyTo(MemberMetricState s);

    /** Admitted on {@code day}; a member joins once (a second MemberJoined, e.g. a re-published event, changes nothing). */
    record Joined(String memberId, LocalDate day, MemberKind kind, boolean imported) implements MemberFact {
        @Override
        public MemberMetricState applyTo(MemberMetricState s) {
            return s.joined() ? s : s.withJoin(day, kind, imported);
        }
    }

    /**
     * A status change. Only an exit (left, removed, erased) matters, and only the earliest: left then erased is one
     * exit, on the day of leaving, whichever of the two events arrives first. Other statuses (warned, muted, restored,
     * approved, rejected) change no metric.
     */
    record StatusChanged(String memberId, String to, Instant at, LocalDate day) implements MemberFact {
        public boolean exit() {
            return EXITS.contains(to);
        }

        @Override
        public MemberMetricState applyTo(MemberMetricState s) {
            if (!exit() || (s.exited() && !at.isBefore(s.exitAt()))) {
                return s;
            }
            return s.withExit(at, day, to);
        }
    }

    /**
     * A category change. With a standing revision, the latest revision wins: an older or repeated change is ignored,
     * so a late event cannot undo a newer one. Without one (events published before revisions existed), it applies
     * only if the member is in {@code from}.
     */
    record CategoryMoved(String memberId, String from, String to, Long revision) implements MemberFact {
        @Override
        public MemberMetricState applyTo(MemberMetricState s) {
            if (revision != null) {
                return revision > s.categoryRevision() ? s.withCategory(to, revision) : s;
            }
            return Objects.equals(from, s.category()) && !Objects.equals(to, s.category()) ? s.withCategory(to, s.categoryRevision()) : s;
        }
    }

    /** A tier change, under the same rule as {@link CategoryMoved}. */
    record TierMoved(String memberId, String from, String to, Long revision) implements MemberFact {
        @Override
        public MemberMetricState applyTo(MemberMetricState s) {
            if (revision != null) {
                return revision > s.tierRevision() ? s.withTier(to, revision) : s;
            }
            return Objects.equals(from, s.tier()) && !Objects.equals(to, s.tier()) ? s.withTier(to, s.tierRevision()) : s;
        }
    }

    static Joined of(MemberJoined e, ZoneId zone) {
        return new Joined(required(e.memberId(), "memberId"), day(required(e.joinedAt(), "joinedAt"), zone), MemberKind.orMember(e.kind()),
                e.imported());
    }

    static StatusChanged of(MemberStatusChanged e, ZoneId zone) {
        return new StatusChanged(required(e.memberId(), "memberId"), required(e.to(), "to"), required(e.at(), "at"), day(e.at(), zone));
    }

    static CategoryMoved of(com.fanops.engagement.domain.CategoryChanged e) {
        return new CategoryMoved(required(e.memberId(), "memberId"), e.from(), required(e.to(), "to"), e.revision());
    }

    static TierMoved of(com.fanops.engagement.domain.TierChanged e) {
        return new TierMoved(required(e.memberId(), "memberId"), e.from(), required(e.to(), "to"), e.revision());
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("event detail has no " + field);
        }
        return value;
    }
}
