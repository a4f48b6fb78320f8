package com.fanops.engagement.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    /**
     * Points a reversed spend gives back to one of the lots it came from: to the lot's remaining points while the lot
     * is still usable ({@code expired} false), else straight to the lot's expired points - the lot keeps its original
     * expiry either way, and a returned point is never a new lot.
     */
    public record Return(LocalDate lot, long points, boolean expired) {
    }

    private LotAllocation() {
    }

    /**
     * Where a reversed spend's points go: each back to the lot it was taken from ({@code taken}, lot day to points), live
     * when that lot's expiry ({@code expiresOn}) is still after {@code today}, otherwise expired at once. A lot
     * without a known expiry is treated as expired (it can no longer be spent). Oldest lot first.
     */
    public static List<Return> returns(Map<LocalDate, Long> taken, Map<LocalDate, LocalDate> expiresOn, LocalDate today) {
        List<Return> out = new ArrayList<>();
        taken.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> {
            if (t.getValue() <= 0) {
                throw new IllegalArgumentException("a taken amount must be positive: " + t);
            }
            LocalDate expiry = expiresOn.get(t.getKey());
            out.add(new Return(t.getKey(), t.getValue(), expiry == null || !expiry.isAfter(today)));
        });
        return List.copyOf(out);
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
