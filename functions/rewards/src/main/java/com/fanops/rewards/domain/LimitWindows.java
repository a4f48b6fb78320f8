package com.fanops.rewards.domain;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters a member's limits are kept in: one per limited window that contains the business day, each named so that
 * the same window always has the same name ({@code total}, {@code D2026-03-01}, {@code W2026-09} (ISO week, so the
 * week of 1 January may belong to the year before), {@code M2026-03}, {@code Y2026}). An issuance increments each
 * under the condition that it stays within its cap; revoking it decrements the same counters.
 */
public final class LimitWindows {

    /** One counter: its window's name and the cap it must stay within. */
    public record Window(String name, int cap) {
    }

    private LimitWindows() {
    }

    public static List<Window> of(MemberLimits limits, LocalDate day) {
        List<Window> out = new ArrayList<>();
        if (limits == null) {
            return out;
        }
        if (limits.total() != null) {
            out.add(new Window("total", limits.total()));
        }
        if (limits.day() != null) {
            out.add(new Window("D" + day, limits.day()));
        }
        if (limits.week() != null) {
            out.add(new Window(String.format("W%d-%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    limits.week()));
        }
        if (limits.month() != null) {
            out.add(new Window(String.format("M%d-%02d", day.getYear(), day.getMonthValue()), limits.month()));
        }
        if (limits.year() != null) {
            out.add(new Window("Y" + day.getYear(), limits.year()));
        }
        return List.copyOf(out);
    }
}
