package com.fanops.rewards.domain;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of the reward archive over a period: count and cost by type, by rule (or {@code redemption} / {@code manual}), by
 * month and by status. Cost here is the budget cost of rewards still live (issued or fulfilled): what the period actually
 * commits; failed, revoked and expired issuances are counted but cost nothing.
 */
public final class ArchiveTotals {

    /** A count and the cost it commits, in minor units. */
    public record Line(long count, long cost, long points) {

        Line plus(Issuance i) {
            boolean live = i.status().live();
            return new Line(count + 1, cost + (live ? i.cost() : 0), points + (live ? i.pointsPrice() : 0));
        }
    }

    private final Map<String, Line> byType = new TreeMap<>();
    private final Map<String, Line> byRule = new TreeMap<>();
    private final Map<String, Line> byMonth = new TreeMap<>();
    private final Map<String, Line> byStatus = new TreeMap<>();
    private Line all = new Line(0, 0, 0);

    public void add(Issuance i) {
        byType.merge(i.type().key(), new Line(0, 0, 0).plus(i), ArchiveTotals::sum);
        byRule.merge(i.ruleId() != null ? i.ruleId() : i.trigger(), new Line(0, 0, 0).plus(i), ArchiveTotals::sum);
        byMonth.merge(YearMonth.from(i.day()).toString(), new Line(0, 0, 0).plus(i), ArchiveTotals::sum);
        byStatus.merge(i.status().key(), new Line(0, 0, 0).plus(i), ArchiveTotals::sum);
        all = all.plus(i);
    }

    private static Line sum(Line a, Line b) {
        return new Line(a.count() + b.count(), a.cost() + b.cost(), a.points() + b.points());
    }

    public Map<String, Object> view() {
        return Map.of("total", all, "byType", byType, "byRule", byRule, "byMonth", byMonth, "byStatus", byStatus);
    }

    public Line total() {
        return all;
    }

    public Map<String, Line> byType() {
        return byType;
    }

    public Map<String, Line> byRule() {
        return byRule;
    }

    public Map<String, Line> byStatus() {
        return byStatus;
    }
}
