package com.fanops.metrics.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** A report's period: an ISO week (Monday to Sunday), a calendar month or a quarter of business days. */
public record ReportPeriod(Kind kind, LocalDate start, LocalDate end) {

    public enum Kind {
        WEEK, MONTH, QUARTER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> of(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** The period of that kind which contains the day. */
    public static ReportPeriod containing(Kind kind, LocalDate day) {
        return switch (kind) {
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new ReportPeriod(kind, monday, monday.plusDays(6));
            }
            case MONTH -> new ReportPeriod(kind, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> {
                LocalDate first = day.withMonth((day.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
                yield new ReportPeriod(kind, first, first.plusMonths(3).minusDays(1));
            }
        };
    }

    public ReportPeriod previous() {
        return containing(kind, start.minusDays(1));
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** 2026-W47, 2026-11, 2026-Q4. */
    public String label() {
        return switch (kind) {
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
        };
    }
}
