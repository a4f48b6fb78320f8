package com.fanops.complaints.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The promised reply time as the acknowledgement says it, in the complainant's language and the business time zone. */
public final class ReplyBy {

    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("M月d日 EEEE HH:mm", Locale.SIMPLIFIED_CHINESE);

    private ReplyBy() {
    }

    /** {@code Monday 30 November 10:00} or {@code 11月30日 星期一 10:00}. */
    public static String format(Instant at, ZoneId zone, String locale) {
        return at.atZone(zone).format("en".equals(locale) ? EN : ZH);
    }
}
