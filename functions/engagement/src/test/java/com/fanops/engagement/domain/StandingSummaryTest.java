package com.fanops.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The summary against the full recomputation: random days over more than a year, a rebase on a random day, then days
 * restated (open days changed, new days) and evaluated up to {@link StandingSummary#FRESH_DAYS} later - the figures
 * equal what {@link Engagement} computes from the days.
 */
class StandingSummaryTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate START = LocalDate.parse("2025-01-01");

    @Property(tries = 300)
    void theSummaryGivesTheFiguresTheDaysGive(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int daysLater,
                                              @ForAll @IntRange(min = 1, max = 60) int halfLife) {
        Random random = new Random(seed);
        TreeMap<LocalDate, StandingSummary.Day> days = new TreeMap<>();
        double density = random.nextDouble();
        LocalDate base = START.plusDays(300 + random.nextInt(200));
        for (LocalDate d = START; !d.isAfter(base); d = d.plusDays(1)) {
            if (random.nextDouble() < density) {
                days.put(d, day(d, random));
            }
        }
        StandingSummary summary = StandingSummary.rebase(new ArrayList<>(days.values()), base, ZONE, halfLife);
        LocalDate today = base.plusDays(daysLater);
        // Events after the rebase: open days change (late events, only upward in claims) and new days begin.
        TreeMap<LocalDate, StandingSummary.Day> open = new TreeMap<>(summary.open());
        for (int i = 0; i < 20; i++) {
            LocalDate d = today.minusDays(random.nextInt(StandingSummary.OPEN_DAYS - daysLater - 1));
            StandingSummary.Day changed = day(d, random);
            StandingSummary.Day was = days.get(d);
            changed = new StandingSummary.Day(d, (was == null ? 0 : was.claims()) + 1, changed.weight(), changed.points(), changed.spend(),
                    changed.referrals());
            days.put(d, changed);
            open.put(d, changed);
        }
        StandingSummary restated = new StandingSummary(summary.base(), summary.halfLifeDays(), summary.closedScore(), summary.closedPoints(),
                summary.closedSpend(), summary.closedReferrals(), open, summary.leaving(), false);
        Instant at = today.atStartOfDay(ZONE).toInstant().plus(Duration.ofMinutes(random.nextInt(24 * 60)));
        StandingSummary.Figures f = restated.figures(at, ZONE, halfLife).orElseThrow();

        List<MemberDay> all = days.values().stream().map(StandingSummaryTest::memberDay).toList();
        double expected = Engagement.score(all, at, ZONE, halfLife);
        assertEquals(expected, f.score(), Math.max(1e-9, expected * 1e-12), "score");
        assertEquals(Engagement.activeDays(all, today), f.activeDays(), "active days");
        Engagement.Qualifying q = Engagement.qualifying(all, today);
        assertEquals(q.points(), f.qualifying().points(), "qualifying points");
        assertEquals(q.referrals(), f.qualifying().referrals(), "referrals");
        assertEquals(0, q.spend().compareTo(f.qualifying().spend()), "spend");
    }

    @Test
    void aMemberYoungerThanTheOpenDaysGetsExactlyTheSameScore() {
        Random random = new Random(3);
        List<StandingSummary.Day> days = new ArrayList<>();
        LocalDate base = START.plusDays(20);
        for (LocalDate d = START; !d.isAfter(base); d = d.plusDays(1)) {
            days.add(day(d, random));
        }
        Instant at = base.plusDays(2).atTime(10, 0).atZone(ZONE).toInstant();
        StandingSummary.Figures f = StandingSummary.rebase(days, base, ZONE, 30).figures(at, ZONE, 30).orElseThrow();
        assertEquals(Engagement.score(days.stream().map(StandingSummaryTest::memberDay).toList(), at, ZONE, 30), f.score(),
                "summed in the same order, not merely close");
    }

    @Test
    void theSummaryIsNotUsedWhenItCannotTell() {
        LocalDate base = START.plusDays(400);
        StandingSummary s = StandingSummary.rebase(List.of(day(START.plusDays(390), new Random(1))), base, ZONE, 30);
        Instant inside = base.plusDays(StandingSummary.FRESH_DAYS).atTime(23, 0).atZone(ZONE).toInstant();
        assertTrue(s.figures(inside, ZONE, 30).isPresent());
        assertFalse(s.figures(inside.plus(Duration.ofDays(1)), ZONE, 30).isPresent(), "too long after its base");
        assertFalse(s.figures(inside, ZONE, 14).isPresent(), "the half-life changed");
        assertFalse(s.figures(base.minusDays(1).atTime(12, 0).atZone(ZONE).toInstant(), ZONE, 30).isPresent(), "before its base");
        TreeMap<LocalDate, StandingSummary.Day> open = new TreeMap<>(s.open());
        LocalDate closed = base.minusDays(StandingSummary.OPEN_DAYS);
        open.put(closed, day(closed, new Random(2)));
        StandingSummary late = new StandingSummary(s.base(), 30, s.closedScore(), s.closedPoints(), s.closedSpend(), s.closedReferrals(),
                open, s.leaving(), false);
        assertFalse(late.figures(inside, ZONE, 30).isPresent(), "a closed day changed: its totals no longer hold");
        StandingSummary stale = new StandingSummary(s.base(), 30, s.closedScore(), s.closedPoints(), s.closedSpend(), s.closedReferrals(),
                s.open(), s.leaving(), true);
        assertFalse(stale.figures(inside, ZONE, 30).isPresent(), "marked stale (a refund's lot day)");
    }

    private static StandingSummary.Day day(LocalDate d, Random random) {
        long weight = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(60);
        long points = random.nextInt(5) == 0 ? -random.nextInt(50) : random.nextInt(400);
        BigDecimal spend = random.nextInt(6) == 0 ? BigDecimal.valueOf(random.nextInt(90000), 2) : BigDecimal.ZERO;
        return new StandingSummary.Day(d, 1 + random.nextInt(30), weight, points, spend, random.nextInt(9) == 0 ? 1 : 0);
    }

    private static MemberDay memberDay(StandingSummary.Day d) {
        return new MemberDay(d.day(), d.weight(), d.active() ? 1 : 0, d.points(), 0, 0, 0, 0, d.spend(), d.referrals(), null);
    }
}
