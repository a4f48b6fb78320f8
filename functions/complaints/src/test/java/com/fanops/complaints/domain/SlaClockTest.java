package com.fanops.complaints.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.SlaClock.Entry;
import com.fanops.complaints.domain.SlaClock.Mark;
import com.fanops.complaints.domain.SlaClock.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaClockTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final BusinessCalendar CAL = BusinessCalendar.defaults(SHANGHAI);
    static final SlaPolicy.Goals NORMAL = SlaPolicy.defaults().goals(Priority.NORMAL, false);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    static Instant local(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static List<Entry> log(Object... markThenTime) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < markThenTime.length; i += 2) {
            out.add(new Entry(out.size() + 1, at((String) markThenTime[i + 1]), (Mark) markThenTime[i]));
        }
        return out;
    }

    @Test
    void aTicketFiledFridayEveningIsDueAfterThreeWorkingDaysOfSplitShifts() {
        // 24 working hours of first response, 7.5 h a day (09:00-12:00, 13:30-18:00): Mon 7.5, Tue 7.5, Wed 7.5, Thu 1.5.
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-20T19:00:00"), CAL, NORMAL, 75);
        var first = r.current(Target.FIRST_RESPONSE).orElseThrow();
        assertEquals(at("2026-11-26T10:30:00"), first.deadline());
        assertTrue(first.open());
        assertEquals(Duration.ZERO, first.elapsed());
    }

    @Test
    void theLunchBreakDoesNotCount() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(8), false);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-24T11:30:00"), CAL, goals, 50);
        assertEquals(at("2026-11-24T14:00:00"), r.current(Target.FIRST_RESPONSE).orElseThrow().deadline());
        assertEquals(at("2026-11-24T12:00:00"), r.current(Target.FIRST_RESPONSE).orElseThrow().warnAt(),
                "half an hour is used at noon, as the morning shift ends");
    }

    @Test
    void waitingOnTheMemberPausesResolutionButKeepsWhatWasUsed() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(4), false);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-24T09:00:00", Mark.RESPONDED, "2026-11-24T09:30:00",
                Mark.PAUSED, "2026-11-24T10:00:00", Mark.RESUMED, "2026-11-25T09:00:00"), CAL, goals, 75);
        var resolution = r.current(Target.RESOLUTION).orElseThrow();
        assertEquals(Duration.ofHours(1), resolution.elapsed());
        assertEquals(at("2026-11-25T12:00:00"), resolution.deadline());
        var first = r.current(Target.FIRST_RESPONSE).orElseThrow();
        assertFalse(first.open());
        assertFalse(first.breached(at("2026-12-01T00:00:00")));
        assertTrue(r.segments().stream().anyMatch(s -> s.kind() == SlaClock.SegmentKind.PAUSED));
    }

    @Test
    void whilePausedThereIsNoDeadlineUnlessTheGoalWasAlreadyReached() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(2), false);
        var paused = SlaClock.replay(log(Mark.OPENED, "2026-11-24T09:00:00", Mark.RESPONDED, "2026-11-24T09:10:00",
                Mark.PAUSED, "2026-11-24T09:30:00"), CAL, goals, 75);
        assertNull(paused.current(Target.RESOLUTION).orElseThrow().deadline());
        var late = SlaClock.replay(log(Mark.OPENED, "2026-11-24T09:00:00", Mark.RESPONDED, "2026-11-24T09:10:00",
                Mark.PAUSED, "2026-11-24T13:45:00"), CAL, goals, 75);
        assertEquals(at("2026-11-24T11:00:00"), late.current(Target.RESOLUTION).orElseThrow().deadline());
        assertTrue(late.current(Target.RESOLUTION).orElseThrow().breached(at("2026-11-24T14:00:00")));
    }

    @Test
    void aReopenContinuesTheResolutionClockWithTheTimeAlreadyUsed() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(3), false);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-24T09:00:00", Mark.RESPONDED, "2026-11-24T09:20:00",
                Mark.RESOLVED, "2026-11-24T11:00:00", Mark.REOPENED, "2026-11-26T09:00:00", Mark.MEMBER_REPLIED, "2026-11-26T09:00:00"),
                CAL, goals, 75);
        var resolution = r.current(Target.RESOLUTION).orElseThrow();
        assertTrue(resolution.open());
        assertEquals(Duration.ofHours(2), resolution.elapsed());
        assertEquals(at("2026-11-26T10:00:00"), resolution.deadline());
        var next = r.current(Target.NEXT_RESPONSE).orElseThrow();
        assertEquals(1, next.round());
        assertEquals("next_response#1", next.instance());
        assertEquals(at("2026-11-26T10:00:00"), next.deadline());
    }

    @Test
    void aReplyAfterTheDeadlineIsABreachThatStays() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(8), false);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-24T09:00:00", Mark.RESPONDED, "2026-11-24T10:30:00"), CAL, goals, 75);
        var first = r.current(Target.FIRST_RESPONSE).orElseThrow();
        assertFalse(first.open());
        assertTrue(first.breached(at("2026-11-24T10:30:00")));
        assertFalse(first.warningDue(at("2026-11-24T10:30:00")));
    }

    @Test
    void holidaysAreSkippedAndAnAdjustedSaturdayIsWorked() {
        // National Day week: Oct 1-7 off; Saturday Oct 10 worked (an adjusted working day).
        List<String> off = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            off.add(LocalDate.of(2026, 10, d).toString());
        }
        var base = BusinessCalendar.defaults(SHANGHAI);
        var holidays = new BusinessCalendar(base.timeZone(), base.hours(), off, List.of("2026-10-10"), base.workdayHours());
        assertEquals(List.of(), holidays.validate());
        var goals = new SlaPolicy.Goals(Duration.ofHours(15), Duration.ofHours(1), Duration.ofHours(30), false);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-09-30T18:30:00"), holidays, goals, 75);
        // Oct 8 (Thu) 7.5 h, Oct 9 (Fri) 7.5 h: due at the end of Friday's shift.
        assertEquals(at("2026-10-09T18:00:00"), r.current(Target.FIRST_RESPONSE).orElseThrow().deadline());
        // 30 h: Thu 7.5 + Fri 7.5 + Sat (adjusted) 7.5 + Mon 7.5.
        assertEquals(at("2026-10-12T18:00:00"), r.current(Target.RESOLUTION).orElseThrow().deadline());
        var withoutSaturday = new BusinessCalendar(base.timeZone(), base.hours(), off, List.of(), base.workdayHours());
        assertEquals(at("2026-10-13T18:00:00"),
                SlaClock.replay(log(Mark.OPENED, "2026-09-30T18:30:00"), withoutSaturday, goals, 75).current(Target.RESOLUTION).orElseThrow().deadline());
    }

    @Test
    void aDaylightSavingZoneKeepsItsShiftsInLocalTime() {
        ZoneId ny = ZoneId.of("America/New_York");
        var cal = new BusinessCalendar(ny.getId(), Map.of("friday", List.of("09:00-17:00"), "monday", List.of("09:00-17:00")),
                List.of(), List.of(), List.of());
        var goals = new SlaPolicy.Goals(Duration.ofHours(10), Duration.ofHours(1), Duration.ofHours(16), false);
        // Clocks go back on Sunday 2026-11-01: Friday's and Monday's shifts are still 09:00-17:00 local.
        Instant opened = local("2026-10-30T09:00:00", ny);
        var r = SlaClock.replay(List.of(new Entry(1, opened, Mark.OPENED)), cal, goals, 75);
        assertEquals(local("2026-11-02T11:00:00", ny), r.current(Target.FIRST_RESPONSE).orElseThrow().deadline());
        assertEquals(local("2026-11-02T17:00:00", ny), r.current(Target.RESOLUTION).orElseThrow().deadline());
        // And over the spring change (2026-03-08) the same.
        Instant spring = local("2026-03-06T16:00:00", ny);
        assertEquals(local("2026-03-09T10:00:00", ny), cal.advance(spring, Duration.ofHours(2)));
    }

    @Test
    void alwaysOnTargetsCountEveryHour() {
        var goals = new SlaPolicy.Goals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(8), true);
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-21T23:30:00"), CAL, goals, 75);
        assertEquals(at("2026-11-22T00:30:00"), r.current(Target.FIRST_RESPONSE).orElseThrow().deadline());
    }

    @Test
    void segmentsCoverTheTicketsLifeWithoutGaps() {
        var r = SlaClock.replay(log(Mark.OPENED, "2026-11-24T08:00:00", Mark.RESPONDED, "2026-11-24T09:30:00",
                Mark.PAUSED, "2026-11-24T12:30:00", Mark.RESUMED, "2026-11-25T10:00:00", Mark.RESOLVED, "2026-11-25T19:00:00"),
                CAL, NORMAL, 75);
        var s = r.segments();
        assertEquals(at("2026-11-24T08:00:00"), s.get(0).from());
        assertEquals(SlaClock.SegmentKind.OFF_HOURS, s.get(0).kind());
        for (int i = 1; i < s.size(); i++) {
            assertEquals(s.get(i - 1).to(), s.get(i).from());
        }
        assertEquals(at("2026-11-25T19:00:00"), s.get(s.size() - 1).to());
        var resolution = r.current(Target.RESOLUTION).orElseThrow();
        // 09:00-12:00 (3 h) + Wed 10:00-12:00 (2 h) + 13:30-18:00 (4.5 h); 12:00-12:30 is lunch.
        assertEquals(Duration.ofMinutes(9 * 60 + 30), resolution.elapsed());
        assertFalse(resolution.open());
    }

    @Test
    void calendarValidationNamesTheFields() {
        var bad = new BusinessCalendar("Mars/Olympus", Map.of("monday", List.of("12:00-09:00"), "funday", List.of("09:00-10:00")),
                List.of("2026-13-01"), List.of("2026-10-10"), List.of());
        var fields = bad.validate().stream().map(com.fanops.platform.http.FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("timeZone", "hours.monday[0]", "hours.funday", "holidays[0]", "workdayHours")), fields.toString());
        var overlap = new BusinessCalendar("Asia/Shanghai", Map.of("monday", List.of("09:00-12:00", "11:00-13:00")), List.of(), List.of(), List.of());
        assertEquals(List.of("hours.monday[1]"), overlap.validate().stream().map(com.fanops.platform.http.FieldError::field).toList());
    }

    @Test
    void policyDefaultsAndDiamondHalving() {
        var p = SlaPolicy.defaults();
        assertEquals(List.of(), p.validate());
        assertEquals(Duration.ofMinutes(30), p.goals(Priority.URGENT, true).firstResponse());
        assertEquals(Duration.ofHours(84), p.goals(Priority.LOW, true).resolution());
        assertEquals(Duration.ofHours(7 * 24), p.goals(Priority.LOW, false).resolution());
    }
}
