package com.fanops.complaints.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the support team works, against which SLA time is counted (versioned setting {@code complaints-calendar}): a time
 * zone, working hours per weekday as one or more shifts ({@code "09:00-12:00"}, {@code "13:30-18:00"}: a split shift),
 * holidays (no working hours), and adjusted working days (调休: a Saturday or Sunday China declares a working day, worked
 * with {@code workdayHours}). A shift may end at {@code 24:00}. Local times are turned into instants in the zone, so a
 * daylight-saving change shortens or lengthens the civil day but never the shifts' own hours (a shift starting in a
 * skipped hour starts at the first valid instant).
 *
 * @param timeZone     IANA zone id
 * @param hours        weekday (lower-case English name) to its shifts; a missing day has none
 * @param holidays     dates with no working hours, whatever their weekday
 * @param workdays     adjusted working days, worked with {@code workdayHours}
 * @param workdayHours the shifts of an adjusted working day
 */
public record BusinessCalendar(String timeZone, Map<String, List<String>> hours, List<String> holidays, List<String> workdays,
                               List<String> workdayHours) implements SettingsValue<BusinessCalendar> {

    private static final Pattern SHIFT = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-(([01][0-9]|2[0-3]):([0-5][0-9])|24:00)");
    private static final int MAX_DATES = 1000;
    /** How far ahead a deadline is looked for before the calendar is called unworkable. */
    static final int MAX_DAYS_AHEAD = 3 * 366;

    /** One working interval of a day. */
    public record Interval(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    public BusinessCalendar {
        hours = hours == null ? Map.of() : Map.copyOf(hours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
        workdayHours = workdayHours == null ? List.of() : List.copyOf(workdayHours);
    }

    /** Monday to Friday, 09:00-12:00 and 13:30-18:00 in the zone; holidays and adjusted days are the operators' to add. */
    public static BusinessCalendar defaults(ZoneId zone) {
        List<String> day = List.of("09:00-12:00", "13:30-18:00");
        Map<String, List<String>> week = new LinkedHashMap<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(dayKey(d), day);
        }
        return new BusinessCalendar(zone.getId(), week, List.of(), List.of(), day);
    }

    /** Every hour of every day counts (what a priority with {@code alwaysOn} targets is measured on). */
    public static BusinessCalendar always(ZoneId zone) {
        Map<String, List<String>> week = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(dayKey(d), List.of("00:00-24:00"));
        }
        return new BusinessCalendar(zone.getId(), week, List.of(), List.of(), List.of("00:00-24:00"));
    }

    public static String dayKey(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        try {
            if (timeZone == null) {
                errors.add(new FieldError("timeZone", "is required: an IANA time zone such as Asia/Shanghai"));
            } else {
                ZoneId.of(timeZone);
            }
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not a known time zone"));
        }
        boolean anyHours = false;
        for (Map.Entry<String, List<String>> e : hours.entrySet()) {
            if (java.util.Arrays.stream(DayOfWeek.values()).noneMatch(d -> dayKey(d).equals(e.getKey()))) {
                errors.add(new FieldError("hours." + e.getKey(), "is not a weekday (monday ... sunday)"));
                continue;
            }
            checkShifts(errors, "hours." + e.getKey(), e.getValue());
            anyHours |= e.getValue() != null && !e.getValue().isEmpty();
        }
        if (!anyHours) {
            errors.add(new FieldError("hours", "needs at least one working shift in the week"));
        }
        checkShifts(errors, "workdayHours", workdayHours);
        TreeSet<LocalDate> off = checkDates(errors, "holidays", holidays);
        TreeSet<LocalDate> on = checkDates(errors, "workdays", workdays);
        for (LocalDate d : on) {
            if (off.contains(d)) {
                errors.add(new FieldError("workdays", d + " is also a holiday"));
            }
        }
        if (!on.isEmpty() && workdayHours.isEmpty()) {
            errors.add(new FieldError("workdayHours", "adjusted working days need their hours"));
        }
        return errors;
    }

    private static boolean checkShifts(List<FieldError> errors, String field, List<String> shifts) {
        if (shifts == null) {
            return false;
        }
        if (shifts.size() > 6) {
            errors.add(new FieldError(field, "at most 6 shifts a day"));
            return false;
        }
        int lastEnd = -1;
        for (int i = 0; i < shifts.size(); i++) {
            String s = shifts.get(i);
            int[] m = s == null ? null : minutes(s);
            if (m == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must be HH:mm-HH:mm (24:00 may end the day)"));
                return false;
            }
            if (m[1] <= m[0]) {
                errors.add(new FieldError(field + "[" + i + "]", "must end after it starts"));
                return false;
            }
            if (m[0] < lastEnd) {
                errors.add(new FieldError(field + "[" + i + "]", "must start after the previous shift ends (in order, no overlap)"));
                return false;
            }
            lastEnd = m[1];
        }
        return !shifts.isEmpty();
    }

    private static TreeSet<LocalDate> checkDates(List<FieldError> errors, String field, List<String> dates) {
        TreeSet<LocalDate> out = new TreeSet<>();
        if (dates.size() > MAX_DATES) {
            errors.add(new FieldError(field, "at most " + MAX_DATES + " dates"));
            return out;
        }
        for (int i = 0; i < dates.size(); i++) {
            try {
                LocalDate d = LocalDate.parse(dates.get(i));
                if (!out.add(d)) {
                    errors.add(new FieldError(field + "[" + i + "]", "is listed twice"));
                }
            } catch (DateTimeParseException | NullPointerException e) {
                errors.add(new FieldError(field + "[" + i + "]", "must be a date YYYY-MM-DD"));
            }
        }
        return out;
    }

    /** Start and end minute of the day, or null when the text is not a shift. */
    static int[] minutes(String shift) {
        Matcher m = SHIFT.matcher(shift);
        if (!m.matches()) {
            return null;
        }
        int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int end = m.group(4) == null ? 24 * 60 : Integer.parseInt(m.group(4)) * 60 + Integer.parseInt(m.group(5));
        return new int[] {start, end};
    }

    // ------------------------------------------------------------------ arithmetic (on a validated calendar)

    /** The shifts worked on a date: none on a holiday, {@code workdayHours} on an adjusted working day, else the weekday's. */
    public List<String> shiftsOn(LocalDate date) {
        String iso = date.toString();
        if (holidays.contains(iso)) {
            return List.of();
        }
        if (workdays.contains(iso)) {
            return workdayHours;
        }
        return hours.getOrDefault(dayKey(date.getDayOfWeek()), List.of());
    }

    /** The working intervals of a date, as instants. */
    public List<Interval> intervalsOn(LocalDate date) {
        ZoneId zone = zone();
        List<Interval> out = new ArrayList<>();
        for (String s : shiftsOn(date)) {
            int[] m = minutes(s);
            Instant from = at(date, m[0], zone);
            Instant to = at(date, m[1], zone);
            if (to.isAfter(from)) {
                out.add(new Interval(from, to));
            }
        }
        return out;
    }

    private static Instant at(LocalDate date, int minute, ZoneId zone) {
        if (minute == 24 * 60) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration workingBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZoneId zone = zone();
        Duration sum = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            for (Interval i : intervalsOn(d)) {
                Instant a = i.from().isAfter(from) ? i.from() : from;
                Instant b = i.to().isBefore(to) ? i.to() : to;
                if (b.isAfter(a)) {
                    sum = sum.plus(Duration.between(a, b));
                }
            }
        }
        return sum;
    }

    /**
     * The instant at which {@code amount} of working time has passed after {@code from} (never before {@code from}; from
     * itself for a zero amount).
     *
     * @throws IllegalStateException when the calendar has no working time within three years
     */
    public Instant advance(Instant from, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return from;
        }
        ZoneId zone = zone();
        Duration left = amount;
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        for (int n = 0; n <= MAX_DAYS_AHEAD; n++) {
            for (Interval i : intervalsOn(first.plusDays(n))) {
                if (!i.to().isAfter(from)) {
                    continue;
                }
                Instant a = i.from().isAfter(from) ? i.from() : from;
                Duration here = Duration.between(a, i.to());
                if (left.compareTo(here) <= 0) {
                    return a.plus(left);
                }
                left = left.minus(here);
            }
        }
        throw new IllegalStateException("no working time in the calendar within " + MAX_DAYS_AHEAD + " days");
    }

    /** Whether an instant falls in working hours. */
    public boolean working(Instant t) {
        LocalDate d = t.atZone(zone()).toLocalDate();
        for (LocalDate day : List.of(d.minusDays(1), d)) {
            for (Interval i : intervalsOn(day)) {
                if (!t.isBefore(i.from()) && t.isBefore(i.to())) {
                    return true;
                }
            }
        }
        return false;
    }
}
