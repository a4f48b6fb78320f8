package com.fanops.complaints.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.SlaClock.Entry;
import com.fanops.complaints.domain.SlaClock.Mark;
import com.fanops.complaints.domain.SlaClock.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the SLA clock over random calendars (split shifts, holidays, adjusted days; DST and DST-free zones) and logs. */
class SlaClockProperties {

    static final List<String> ZONES = List.of("Asia/Shanghai", "America/New_York", "Europe/Berlin", "UTC", "Australia/Sydney");
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<String> zone = Arbitraries.of(ZONES);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(zone, seed).as(SlaClockProperties::calendar);
    }

    /** A random valid calendar: 1-7 working weekdays with 1-3 ordered shifts, some holidays and adjusted days in 2026. */
    static BusinessCalendar calendar(String zone, long seed) {
        Random r = new Random(seed);
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (r.nextInt(7) < 5 || d == DayOfWeek.WEDNESDAY) {
                hours.put(BusinessCalendar.dayKey(d), shifts(r));
            }
        }
        List<String> holidays = new ArrayList<>();
        List<String> workdays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LocalDate d = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365));
            if (d.getDayOfWeek() == DayOfWeek.WEDNESDAY) {
                continue;
            }
            String iso = d.toString();
            if (holidays.contains(iso) || workdays.contains(iso)) {
                continue;
            }
            (r.nextBoolean() ? holidays : workdays).add(iso);
        }
        BusinessCalendar c = new BusinessCalendar(zone, hours, holidays, workdays, shifts(r));
        if (!c.validate().isEmpty()) {
            throw new IllegalStateException(c.validate().toString());
        }
        return c;
    }

    static List<String> shifts(Random r) {
        List<String> out = new ArrayList<>();
        int minute = 6 * 60 + r.nextInt(4) * 30;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && minute < 23 * 60; i++) {
            int end = Math.min(24 * 60, minute + 60 + r.nextInt(6) * 30);
            out.add(hhmm(minute) + "-" + hhmm(end));
            minute = end + 30 + r.nextInt(3) * 30;
        }
        return out;
    }

    static String hhmm(int m) {
        return m == 24 * 60 ? "24:00" : String.format("%02d:%02d", m / 60, m % 60);
    }

    static SlaPolicy.Goals goals(long minutes) {
        return new SlaPolicy.Goals(Duration.ofMinutes(minutes), Duration.ofMinutes(minutes), Duration.ofMinutes(minutes * 3), false);
    }

    @Property(tries = 300)
    void theDeadlineIsNeverBeforeTheStart(@ForAll("calendars") BusinessCalendar cal, @ForAll @LongRange(min = 0, max = 300 * 24 * 60) long offset,
                                          @ForAll @LongRange(min = 1, max = 20_000) long goal) {
        Instant start = BASE.plus(Duration.ofMinutes(offset));
        var r = SlaClock.replay(List.of(new Entry(1, start, Mark.OPENED)), cal, goals(goal), 75);
        for (var t : r.targets()) {
            assertFalse(t.deadline().isBefore(start));
            assertFalse(t.warnAt().isAfter(t.deadline()));
            assertEquals(Duration.ofMinutes(t.goal().toMinutes()), cal.workingBetween(start, t.deadline()));
        }
    }

    @Property(tries = 300)
    void pausingNeverShortensTheResolutionDeadline(@ForAll("calendars") BusinessCalendar cal,
                                                    @ForAll @LongRange(min = 0, max = 300 * 24 * 60) long offset,
                                                    @ForAll @LongRange(min = 1, max = 10_000) long goal,
                                                    @ForAll @IntRange(min = 0, max = 10_000) int pauseAfter,
                                                    @ForAll @IntRange(min = 0, max = 10_000) int pauseFor) {
        Instant start = BASE.plus(Duration.ofMinutes(offset));
        List<Entry> plain = List.of(new Entry(1, start, Mark.OPENED));
        Instant p = start.plus(Duration.ofMinutes(pauseAfter));
        List<Entry> paused = List.of(new Entry(1, start, Mark.OPENED), new Entry(2, p, Mark.PAUSED),
                new Entry(3, p.plus(Duration.ofMinutes(pauseFor)), Mark.RESUMED));
        Instant without = SlaClock.replay(plain, cal, goals(goal), 75).current(Target.RESOLUTION).orElseThrow().deadline();
        Instant with = SlaClock.replay(paused, cal, goals(goal), 75).current(Target.RESOLUTION).orElseThrow().deadline();
        assertFalse(with.isBefore(without), "pause moved the deadline from " + without + " to " + with);
    }

    @Property(tries = 200)
    void replayIsDeterministicWhateverOrderTheLogIsReadIn(@ForAll("calendars") BusinessCalendar cal, @ForAll long seed,
                                                          @ForAll @LongRange(min = 1, max = 5_000) long goal) {
        List<Entry> log = randomLog(new Random(seed));
        var once = SlaClock.replay(log, cal, goals(goal), 75);
        List<Entry> shuffled = new ArrayList<>(log);
        Collections.shuffle(shuffled, new Random(seed + 1));
        assertEquals(once, SlaClock.replay(shuffled, cal, goals(goal), 75));
        assertEquals(once, SlaClock.replay(log, cal, goals(goal), 75));
    }

    @Property(tries = 200)
    void noAccumulatedTimeIsLostWhenMoreIsAppended(@ForAll("calendars") BusinessCalendar cal, @ForAll long seed) {
        List<Entry> log = randomLog(new Random(seed));
        for (int n = 1; n < log.size(); n++) {
            var before = SlaClock.replay(log.subList(0, n), cal, goals(600), 75).current(Target.RESOLUTION).orElseThrow();
            var after = SlaClock.replay(log.subList(0, n + 1), cal, goals(600), 75).current(Target.RESOLUTION).orElseThrow();
            assertTrue(after.elapsed().compareTo(before.elapsed()) >= 0, "elapsed went from " + before.elapsed() + " to " + after.elapsed());
        }
    }

    @Property(tries = 200)
    void anAdjustedWorkingDayNeverMakesADeadlineLater(@ForAll("calendars") BusinessCalendar cal,
                                                      @ForAll @IntRange(min = 0, max = 300) int day,
                                                      @ForAll @LongRange(min = 1, max = 5_000) long goal) {
        LocalDate extra = LocalDate.of(2026, 1, 1).plusDays(day);
        // An adjusted working day is one that would otherwise not be worked (a weekend day, as China declares them).
        if (!cal.shiftsOn(extra).isEmpty() || cal.holidays().contains(extra.toString())) {
            return;
        }
        List<String> workdays = new ArrayList<>(cal.workdays());
        workdays.add(extra.toString());
        var more = new BusinessCalendar(cal.timeZone(), cal.hours(), cal.holidays(), workdays, cal.workdayHours());
        Instant start = BASE;
        var log = List.of(new Entry(1, start, Mark.OPENED));
        Instant a = SlaClock.replay(log, cal, goals(goal), 75).current(Target.RESOLUTION).orElseThrow().deadline();
        Instant b = SlaClock.replay(log, more, goals(goal), 75).current(Target.RESOLUTION).orElseThrow().deadline();
        assertFalse(b.isAfter(a));
        assertTrue(more.workingBetween(start, a).compareTo(cal.workingBetween(start, a)) >= 0);
    }

    @Property(tries = 200)
    void advanceAndWorkingBetweenAgree(@ForAll("calendars") BusinessCalendar cal, @ForAll @LongRange(min = 0, max = 300 * 24 * 60) long offset,
                                       @ForAll @LongRange(min = 0, max = 20_000) long minutes) {
        Instant start = BASE.plus(Duration.ofMinutes(offset));
        Instant end = cal.advance(start, Duration.ofMinutes(minutes));
        assertEquals(Duration.ofMinutes(minutes), cal.workingBetween(start, end));
        if (minutes > 0) {
            assertTrue(cal.working(end.minusSeconds(1)), "the deadline closes working time");
        }
    }

    /** A plausible ticket life: opened, then responses, pauses, replies, resolutions and reopens at increasing times. */
    static List<Entry> randomLog(Random r) {
        List<Entry> log = new ArrayList<>();
        Instant t = BASE.plus(Duration.ofMinutes(r.nextInt(200 * 24 * 60)));
        log.add(new Entry(1, t, Mark.OPENED));
        Mark[] marks = Mark.values();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            t = t.plus(Duration.ofMinutes(r.nextInt(3 * 24 * 60)));
            log.add(new Entry(log.size() + 1, t, marks[1 + r.nextInt(marks.length - 1)]));
        }
        return log;
    }
}
