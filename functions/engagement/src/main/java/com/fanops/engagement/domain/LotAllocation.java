package com.fanops.engagement.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which lots a spend takes its points from: the usable lots (holding points, not yet expired), soonest-expiring
 * first and, among lots expiring the same day, the oldest first; each lot gives at most what it holds. A spend
 * the balance cannot cover takes nothing.
 */
public final class LotAllocation {

    /** The usable lots in the order a spend takes them. */
    public static final Comparator<MemberDay> SOONEST_EXPIRING_FIRST = Comparator.comparing(MemberDay::expiresOn).thenComparing(MemberDay::day);

    /** Points taken from one lot (the member's day). */
    public record Take(LocalDate lot, long points) {
    }

    /** The takes, in order, or none when the balance is short of the request. */
    public record Plan(long requested, long balance, List<Take> takes) {

        public boolean refused() {
            return balance < requested;
        }
    }

    private LotAllocation() {
    }

    public static List<MemberDay> usable(List<MemberDay> days, LocalDate today) {
        return days.stream().filter(d -> d.usableOn(today)).sorted(SOONEST_EXPIRING_FIRST).toList();
    }

    /** What the lots hold together; an overflow fails loudly instead of wrapping to a negative balance. */
    public static long balance(List<MemberDay> lots) {
        return lots.stream().mapToLong(MemberDay::remaining).reduce(0L, Math::addExact);
    }

    public static Plan plan(List<MemberDay> days, LocalDate today, long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive");
        }
        List<MemberDay> lots = usable(days, today);
        long balance = balance(lots);
        if (balance < points) {
            return new Plan(points, balance, List.of());
        }
        List<Take> takes = new ArrayList<>();
        long left = points;
        for (MemberDay lot : lots) {
            if (left == 0) {
                break;
            }
            long x = Math.min(left, lot.remaining());
            left -= x;
            takes.add(new Take(lot.day(), x));
        }
        return new Plan(points, balance, List.copyOf(takes));
    }
}
