package com.fanops.activities.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the daily job owes an activity on a run at {@code at} (business day {@code day}), decided from its status, its
 * times and what the job has already done for it. E is the activity's last business day.
 * <ul>
 *   <li>{@link Duty#START} a published activity whose start has come; {@link Duty#CLOSE} a published or running one whose
 *       end has come (both on the same run when the job missed the whole activity);</li>
 *   <li>{@link Duty#INVITE} once, for an activity published before the run and not over: its audience is walked, each
 *       member drawn invited or held out and the invited sent an invitation;</li>
 *   <li>{@link Duty#REMIND} the business day before the start, and on the start day when the run comes before the start
 *       (members who registered since the day before): each seat holder once;</li>
 *   <li>{@link Duty#SURVEY} once, on the first run after the end: each participant (checked in);</li>
 *   <li>{@link Duty#EVALUATE} from E + evaluateAfterDays on every run until the report is final: the run of E+37 is the
 *       first to see E+36, the D30 window's last day, complete, so its report is final (a later first evaluation is final
 *       at once).</li>
 * </ul>
 */
public final class DailyDuties {

    public enum Duty { START, CLOSE, INVITE, REMIND, SURVEY, EVALUATE }

    /** The run of this day after E sees the D30 window (E+30 .. E+36) complete. */
    public static final int FINAL_AFTER_DAYS = 37;

    private DailyDuties() {
    }

    /** What the job has already done for an activity ({@code null}: not yet). */
    public record Done(Instant invitedAt, Instant surveyedAt, LocalDate finalOn) {
    }

    public static Set<Duty> of(Activity a, Instant publishedAt, Done done, Instant at, ZoneId zone) {
        Set<Duty> out = EnumSet.noneOf(Duty.class);
        ActivityStatus status = a.status();
        boolean open = status == ActivityStatus.PUBLISHED || status == ActivityStatus.RUNNING;
        if (status == ActivityStatus.PUBLISHED && !at.isBefore(a.startsAt())) {
            out.add(Duty.START);
        }
        boolean over = !at.isBefore(a.endsAt());
        if (open && over) {
            out.add(Duty.CLOSE);
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        if (open && !over && publishedAt != null && publishedAt.isBefore(at) && done.invitedAt() == null) {
            out.add(Duty.INVITE);
        }
        LocalDate startDay = a.startsAt().atZone(zone).toLocalDate();
        if (open && at.isBefore(a.startsAt()) && !day.isBefore(startDay.minusDays(1))) {
            out.add(Duty.REMIND);
        }
        boolean closed = open && over || status == ActivityStatus.CLOSED || status == ActivityStatus.EVALUATED;
        if (closed && done.surveyedAt() == null) {
            out.add(Duty.SURVEY);
        }
        LocalDate end = lastDay(a, zone);
        if (closed && done.finalOn() == null && !day.isBefore(end.plusDays(a.evaluateAfterDays()))) {
            out.add(Duty.EVALUATE);
        }
        return out;
    }

    /** E: the business day the activity ends in (an end at midnight belongs to the day before). */
    public static LocalDate lastDay(Activity a, ZoneId zone) {
        return a.endsAt().minusNanos(1).atZone(zone).toLocalDate();
    }

    /** Whether a report computed on {@code day} is the final one. */
    public static boolean finalOn(Activity a, ZoneId zone, LocalDate day) {
        return !day.isBefore(lastDay(a, zone).plusDays(FINAL_AFTER_DAYS));
    }
}
