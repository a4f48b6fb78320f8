package com.fanops.metrics.domain;

import com.fanops.members.domain.MemberKind;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one member's state change does to the metrics items, as the difference between what the state before and the
 * state after imply: the JOIN row to (re)write, the EXIT row to remove and to write, COUNTS per day and DIST counters
 * to add (either sign), and the XCL marker. Pure: the same pair of states always gives the same delta, and applying the
 * delta of every change keeps each counter equal to the sum over members' current states.
 */
public record MetricsDelta(JoinRow join, ExitRow exitRemoved, ExitRow exitWritten, Map<LocalDate, DayCounts> counts,
                           Map<String, Long> distribution, MemberKind excluded) {

    /** {@code JOIN#<day>/<memberId>}. */
    public record JoinRow(LocalDate day, MemberKind kind, boolean imported, LocalDate exitDay) {
    }

    /** {@code EXIT#<day>/<memberId>}. */
    public record ExitRow(LocalDate day, LocalDate joinDay, String to, MemberKind kind) {
    }

    /** What to add to {@code COUNTS/<day>}. */
    public record DayCounts(long joins, long exits) {
        DayCounts plus(DayCounts o) {
            return new DayCounts(joins + o.joins, exits + o.exits);
        }

        boolean zero() {
            return joins == 0 && exits == 0;
        }
    }

    public static MetricsDelta between(MemberMetricState before, MemberMetricState after) {
        JoinRow joinBefore = joinRow(before);
        JoinRow joinAfter = joinRow(after);
        ExitRow exitBefore = exitRow(before);
        ExitRow exitAfter = exitRow(after);
        Map<LocalDate, DayCounts> counts = new TreeMap<>();
        addCounts(counts, after, 1);
        addCounts(counts, before, -1);
        counts.values().removeIf(DayCounts::zero);
        Map<String, Long> distribution = new TreeMap<>();
        addDistribution(distribution, after, 1);
        addDistribution(distribution, before, -1);
        distribution.values().removeIf(v -> v == 0);
        return new MetricsDelta(Objects.equals(joinBefore, joinAfter) ? null : joinAfter,
                exitBefore != null && (exitAfter == null || !exitBefore.day().equals(exitAfter.day())) ? exitBefore : null,
                exitAfter != null && !exitAfter.equals(exitBefore) ? exitAfter : null,
                counts, distribution, !before.excluded() && after.excluded() ? after.kind() : null);
    }

    public boolean empty() {
        return join == null && exitRemoved == null && exitWritten == null && counts.isEmpty() && distribution.isEmpty() && excluded == null;
    }

    private static JoinRow joinRow(MemberMetricState s) {
        return s.joined() ? new JoinRow(s.joinDay(), s.kind(), s.imported(), s.exitDay()) : null;
    }

    /** Exits of members who never joined (a pending member erased) are no exits of the community. */
    private static ExitRow exitRow(MemberMetricState s) {
        return s.joined() && s.exited() ? new ExitRow(s.exitDay(), s.joinDay(), s.exitTo(), s.kind()) : null;
    }

    private static void addCounts(Map<LocalDate, DayCounts> counts, MemberMetricState s, int sign) {
        if (!s.community()) {
            return;
        }
        counts.merge(s.joinDay(), new DayCounts(sign, 0), DayCounts::plus);
        if (s.exited()) {
            counts.merge(s.exitDay(), new DayCounts(0, sign), DayCounts::plus);
        }
    }

    private static void addDistribution(Map<String, Long> distribution, MemberMetricState s, int sign) {
        if (!s.current()) {
            return;
        }
        distribution.merge("cat_" + s.category(), (long) sign, Long::sum);
        distribution.merge("tier_" + s.tier(), (long) sign, Long::sum);
    }
}
