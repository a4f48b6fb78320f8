package com.fanops.rewards.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BurnDownTest {

    private static Budget budget(long amount, long committed) {
        return new Budget("b", "B", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), amount, amount - committed, committed, 0,
                "m", Instant.EPOCH);
    }

    @Example
    void theCurrentPaceNamesTheDayTheBudgetRunsOut() {
        // 10 days in (1-10 March), 4,000 of 10,000 committed: 400 a day, 6,000 left last 15 more days.
        var r = BurnDown.of(budget(10_000, 4_000), Map.of(LocalDate.parse("2026-03-02"), 1_000L, LocalDate.parse("2026-03-09"), 3_000L),
                LocalDate.parse("2026-03-10"));
        assertEquals(400, r.pacePerDay());
        assertEquals(LocalDate.parse("2026-03-25"), r.exhaustsOn());
        assertTrue(r.beforeEnd());
        assertEquals(10, r.days().size());
        assertEquals(4_000, r.days().get(9).cumulative());
        assertEquals(6_000, r.days().get(9).left());
    }

    @Example
    void nothingCommittedRunsOutNeverAndNothingLeftRunsOutToday() {
        assertNull(BurnDown.of(budget(10_000, 0), Map.of(), LocalDate.parse("2026-03-10")).exhaustsOn());
        assertEquals(LocalDate.parse("2026-03-10"), BurnDown.of(budget(10_000, 10_000), Map.of(), LocalDate.parse("2026-03-10")).exhaustsOn());
    }

    @Property
    void atThePaceTheAvailableAmountLastsUntilTheNamedDayAndNotADayLess(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long amount,
                                                                        @ForAll @IntRange(min = 1, max = 1000) int per1000,
                                                                        @ForAll @IntRange(min = 0, max = 30) int dayOffset) {
        long committed = Math.max(1, amount * per1000 / 1000);
        LocalDate today = LocalDate.parse("2026-03-01").plusDays(dayOffset);
        var r = BurnDown.of(budget(amount, committed), Map.of(), today);
        long elapsed = dayOffset + 1;
        long available = amount - committed;
        if (available == 0) {
            assertEquals(today, r.exhaustsOn());
            return;
        }
        if (r.exhaustsOn() == null) {
            assertTrue(committed * 36_600 < available * elapsed, "no day named only when the pace needs more than 100 years");
            return;
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(today, r.exhaustsOn());
        // committed/elapsed per day for `days` days covers what is available; one day fewer does not.
        assertTrue(committed * days >= available * elapsed, "enough days");
        assertTrue(days == 1 || committed * (days - 1) < available * elapsed, "not a day more than needed");
    }
}
