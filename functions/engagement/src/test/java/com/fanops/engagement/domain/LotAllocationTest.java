package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Spending takes the soonest-expiring lots first, never more than a lot holds, exactly the request or nothing. */
class LotAllocationTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    static MemberDay lot(LocalDate day, long remaining, LocalDate expiresOn) {
        return new MemberDay(day, 0, 0, remaining, 0, 0, remaining, 0, BigDecimal.ZERO, 0, expiresOn);
    }

    @Provide
    Arbitrary<List<MemberDay>> days() {
        // Distinct days (one lot per member-day); some expired, some empty, some that never held points.
        Arbitrary<MemberDay> one = Combinators.combine(Arbitraries.integers().between(-400, 0), Arbitraries.longs().between(0, 300),
                Arbitraries.integers().between(-30, 400), Arbitraries.integers().between(0, 9))
                .as((offset, rem, expires, never) -> lot(TODAY.plusDays(offset), never == 0 ? 0 : rem,
                        never == 0 ? null : TODAY.plusDays(expires)));
        return one.list().ofMaxSize(40).map(l -> l.stream().collect(Collectors.toMap(MemberDay::day, Function.identity(), (a, b) -> a))
                .values().stream().toList());
    }

    @Property
    void takesExactlyTheRequestOrRefusesWhenTheBalanceIsShort(@ForAll("days") List<MemberDay> days, @ForAll @LongRange(min = 1, max = 3000) long points) {
        LotAllocation.Plan plan = LotAllocation.plan(days, TODAY, points);
        long balance = days.stream().filter(d -> d.usableOn(TODAY)).mapToLong(MemberDay::remaining).sum();
        assertEquals(balance, plan.balance());
        if (balance < points) {
            assertTrue(plan.refused());
            assertEquals(List.of(), plan.takes());
        } else {
            assertEquals(points, plan.takes().stream().mapToLong(LotAllocation.Take::points).sum());
        }
    }

    @Property
    void neverTakesMoreThanALotHoldsNorFromAnUnusableLot(@ForAll("days") List<MemberDay> days, @ForAll @LongRange(min = 1, max = 3000) long points) {
        Map<LocalDate, MemberDay> byDay = new HashMap<>();
        days.forEach(d -> byDay.put(d.day(), d));
        for (LotAllocation.Take take : LotAllocation.plan(days, TODAY, points).takes()) {
            MemberDay lot = byDay.get(take.lot());
            assertTrue(lot.usableOn(TODAY), "takes only from lots holding points and not expired: " + lot);
            assertTrue(take.points() > 0 && take.points() <= lot.remaining(), take + " from " + lot);
        }
    }

    @Property
    void takesSoonestExpiringFirstAndEmptiesEveryLotBeforeTheLast(@ForAll("days") List<MemberDay> days,
                                                                   @ForAll @LongRange(min = 1, max = 3000) long points) {
        List<LotAllocation.Take> takes = LotAllocation.plan(days, TODAY, points).takes();
        Map<LocalDate, MemberDay> byDay = days.stream().collect(Collectors.toMap(MemberDay::day, Function.identity()));
        for (int i = 1; i < takes.size(); i++) {
            MemberDay before = byDay.get(takes.get(i - 1).lot());
            MemberDay after = byDay.get(takes.get(i).lot());
            assertTrue(LotAllocation.SOONEST_EXPIRING_FIRST.compare(before, after) < 0, before + " before " + after);
            assertEquals(before.remaining(), takes.get(i - 1).points(), "a later lot is touched only once an earlier one is empty");
        }
        // No usable lot expiring sooner than one it took was left untouched.
        if (!takes.isEmpty()) {
            MemberDay last = byDay.get(takes.get(takes.size() - 1).lot());
            long skipped = days.stream().filter(d -> d.usableOn(TODAY) && LotAllocation.SOONEST_EXPIRING_FIRST.compare(d, last) < 0)
                    .filter(d -> takes.stream().noneMatch(t -> t.lot().equals(d.day()))).count();
            assertEquals(0, skipped);
        }
    }

    @Example
    void sameExpiryTakesTheOlderLotFirst() {
        LocalDate expires = TODAY.plusMonths(2);
        List<MemberDay> days = List.of(lot(TODAY.minusDays(1), 5, expires), lot(TODAY.minusDays(3), 5, expires),
                lot(TODAY.minusDays(300), 100, TODAY), lot(TODAY.minusDays(2), 7, TODAY.plusDays(1)));
        assertEquals(List.of(new LotAllocation.Take(TODAY.minusDays(2), 7), new LotAllocation.Take(TODAY.minusDays(3), 5),
                new LotAllocation.Take(TODAY.minusDays(1), 2)), LotAllocation.plan(days, TODAY, 14).takes());
    }

    @Example
    void aBalanceThatWouldWrapFailsInsteadOfTurningNegative() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        List<MemberDay> huge = List.of(lot(day, Long.MAX_VALUE, day.plusYears(1)), lot(day.plusDays(1), 1, day.plusYears(1)));
        assertThrows(ArithmeticException.class, () -> LotAllocation.balance(huge));
        assertEquals(7, LotAllocation.balance(List.of(lot(day, 3, day), lot(day, 4, day))));
    }

    @Example
    void returnsGoBackToTheirLotsLiveOnlyWhileTheLotIsUsable() {
        LocalDate today = LocalDate.parse("2026-06-10");
        var returns = LotAllocation.returns(Map.of(LocalDate.parse("2025-06-10"), 5L, LocalDate.parse("2025-06-11"), 7L,
                        LocalDate.parse("2026-01-01"), 3L),
                Map.of(LocalDate.parse("2025-06-10"), LocalDate.parse("2026-06-10"), LocalDate.parse("2025-06-11"),
                        LocalDate.parse("2026-06-11"), LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01")), today);
        assertEquals(List.of(
                new LotAllocation.Return(LocalDate.parse("2025-06-10"), 5, true),
                new LotAllocation.Return(LocalDate.parse("2025-06-11"), 7, false),
                new LotAllocation.Return(LocalDate.parse("2026-01-01"), 3, false)), returns,
                "a lot expiring today is no longer spendable; the others take their points back");
    }
}
