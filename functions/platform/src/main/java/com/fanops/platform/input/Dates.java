package com.fanops.platform.input;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** Calendar dates as clients send them: ISO-8601 {@code YYYY-MM-DD} only, strictly resolved, in a plausible range of years. */
public final class Dates {

    public static final LocalDate MIN = LocalDate.of(1900, 1, 1);
    public static final LocalDate MAX = LocalDate.of(2199, 12, 31);
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private Dates() {
    }

    /** The date, or an {@link IllegalArgumentException} saying what is wrong (for a field error). */
    public static LocalDate parse(String raw) {
        if (raw == null || raw.length() != 10 || !SHAPE.matcher(raw).matches()) {
            throw new IllegalArgumentException("must be a date as YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw, ISO);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a calendar date");
        }
        if (date.isBefore(MIN) || date.isAfter(MAX)) {
            throw new IllegalArgumentException("must be between " + MIN + " and " + MAX);
        }
        return date;
    }
}
