package com.fanops.rewards.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LimitWindowsTest {

    private static final MemberLimits ALL = new MemberLimits(10, 1, 2, 3, 4);

    @Example
    void everyLimitedWindowHasOneCounterNamedByItsPeriod() {
        assertEquals(List.of(new LimitWindows.Window("total", 10), new LimitWindows.Window("D2026-03-01", 1),
                        new LimitWindows.Window("W2026-09", 2), new LimitWindows.Window("M2026-03", 3), new LimitWindows.Window("Y2026", 4)),
                LimitWindows.of(ALL, LocalDate.parse("2026-03-01")));
        assertEquals(List.of(), LimitWindows.of(MemberLimits.none(), LocalDate.parse("2026-03-01")));
    }

    @Example
    void theFirstDaysOfJanuaryMayBelongToTheLastIsoWeekOfTheYearBefore() {
        assertEquals("W2026-53", LimitWindows.of(new MemberLimits(null, null, 1, null, null), LocalDate.parse("2027-01-01")).get(0).name());
        assertEquals("W2027-01", LimitWindows.of(new MemberLimits(null, null, 1, null, null), LocalDate.parse("2027-01-04")).get(0).name());
    }

    @Property
    void daysOfOneIsoWeekShareTheWeekCounterAndNoOtherWeekDoes(@ForAll @IntRange(min = 0, max = 40_000) int offset,
                                                               @ForAll @IntRange(min = 0, max = 6) int shift) {
        LocalDate monday = LocalDate.parse("1990-01-01").plusDays(offset).with(DayOfWeek.MONDAY);
        MemberLimits weekly = new MemberLimits(null, null, 1, null, null);
        String week = LimitWindows.of(weekly, monday).get(0).name();
        assertEquals(week, LimitWindows.of(weekly, monday.plusDays(shift)).get(0).name());
        assertEquals(false, week.equals(LimitWindows.of(weekly, monday.plusDays(7)).get(0).name()));
        assertEquals(false, week.equals(LimitWindows.of(weekly, monday.minusDays(1)).get(0).name()));
    }
}
