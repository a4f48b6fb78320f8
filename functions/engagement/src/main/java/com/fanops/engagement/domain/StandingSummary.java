package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member's rolling qualifying figures, kept beside the standing so that scoring an event does not read a year of
 * days. Built ({@link #rebase}) from the days - the source of truth - on a base day B: the days up to {@code B - OPEN_DAYS}
 * are <em>closed</em> (no event can still land on them through ingestion, whose horizon is 30 days) and folded into
 * totals (the score decayed to B's start, the 12-month points, spend and referrals); the later days are kept one by one
 * as {@link Day}s, which the scorer restates with each day's absolute figures as events arrive (an absolute value
 * written under a claim count that only grows is idempotent and order-independent). The closed days that leave a window
 * within {@link #FRESH_DAYS} of B are kept too, so they can be subtracted. The figures are usable from B to
 * {@code B + FRESH_DAYS} with the half-life they were decayed with; otherwise - or when a day the totals hold changed,
 * as a refund's lot day does - the evaluation reads the days and rebases (the daily review does so for every member it
 * reviews).
 */
public record StandingSummary(LocalDate base, int halfLifeDays, double closedScore, long closedPoints, BigDecimal closedSpend,
                              long closedReferrals, SortedMap<LocalDate, Day> open, SortedMap<LocalDate, Day> leaving, boolean stale) {

    /** Days kept one by one: the ingestion horizon (30 days) and {@link #FRESH_DAYS} (the active-day window fits inside). */
    public static final int OPEN_DAYS = 35;
    /** How long after its base the summary is used before the days are read again. */
    public static final int FRESH_DAYS = 5;

    /**
     * One day's figures as the day item holds them: {@code claims} (events applied to it, which only grows), engagement
     * weight, net qualifying points (earned minus reversed), base-currency spend, referrals.
     */
    public record Day(LocalDate day, long claims, long weight, long points, BigDecimal spend, long referrals) {

        public boolean active() {
            return weight > 0;
        }
    }

    /** What the standing evaluation needs. */
    public record Figures(double score, int activeDays, Engagement.Qualifying qualifying) {
    }

    public static StandingSummary empty() {
        return new StandingSummary(null, 0, 0, 0, BigDecimal.ZERO, 0, new TreeMap<>(), new TreeMap<>(), true);
    }

    /** The figures at {@code at}, if this summary can give them exactly as the days would. */
    public Optional<Figures> figures(Instant at, ZoneId zone, int rulesHalfLifeDays) {
        LocalDate today = at.atZone(zone).toLocalDate();
        if (stale || base == null || rulesHalfLifeDays != halfLifeDays || today.isBefore(base) || today.isAfter(base.plusDays(FRESH_DAYS))) {
            return Optional.empty();
        }
        LocalDate closedUpTo = base.minusDays(OPEN_DAYS);
        if (!open.isEmpty() && !open.firstKey().isAfter(closedUpTo)) {
            return Optional.empty(); // a closed day changed (an event older than the horizon): the totals no longer hold it
        }
        double halfLife = Duration.ofDays(halfLifeDays).toMillis();
        Instant baseStart = base.atStartOfDay(zone).toInstant();
        LocalDate scoreFrom = today.minusDays(Engagement.SCORE_WINDOW_DAYS);
        LocalDate qualifyingFrom = today.minusMonths(12);
        double closed = closedScore;
        long points = closedPoints;
        long referrals = closedReferrals;
        BigDecimal spend = closedSpend;
        LocalDate baseScoreFrom = base.minusDays(Engagement.SCORE_WINDOW_DAYS);
        LocalDate baseQualifyingFrom = base.minusMonths(12);
        for (Day d : leaving.values()) {
            // Only what the totals hold leaves them.
            if (d.weight() > 0 && d.day().isAfter(baseScoreFrom) && !d.day().isAfter(scoreFrom)) {
                closed -= d.weight() * Math.pow(2, -Duration.between(d.day().atStartOfDay(zone).toInstant(), baseStart).toMillis() / halfLife);
            }
            if (d.day().isAfter(baseQualifyingFrom) && !d.day().isAfter(qualifyingFrom)) {
                points = Math.subtractExact(points, d.points());
                referrals = Math.subtractExact(referrals, d.referrals());
                spend = spend.subtract(d.spend());
            }
        }
        // Summed in the days' order after the closed part, as Engagement.score sums oldest first.
        double score = closed == 0 ? 0 : Math.max(0, closed) * Math.pow(2, -Math.max(0, Duration.between(baseStart, at).toMillis()) / halfLife);
        int active = 0;
        for (Day d : open.values()) {
            if (d.day().isAfter(today)) {
                continue;
            }
            if (d.weight() > 0 && d.day().isAfter(scoreFrom)) {
                long age = Math.max(0, Duration.between(d.day().atStartOfDay(zone).toInstant(), at).toMillis());
                score += d.weight() * Math.pow(2, -age / halfLife);
            }
            if (d.active() && d.day().isAfter(today.minusDays(Engagement.ACTIVE_WINDOW_DAYS))) {
                active++;
            }
            if (d.day().isAfter(qualifyingFrom)) {
                points = Math.addExact(points, d.points());
                referrals = Math.addExact(referrals, d.referrals());
                spend = spend.add(d.spend());
            }
        }
        return Optional.of(new Figures(score, active, new Engagement.Qualifying(points, spend, referrals)));
    }

    /** The summary on {@code today} from the member's days (every day of the last year and more, oldest first). */
    public static StandingSummary rebase(List<Day> days, LocalDate today, ZoneId zone, int halfLifeDays) {
        LocalDate closedUpTo = today.minusDays(OPEN_DAYS);
        LocalDate scoreFrom = today.minusDays(Engagement.SCORE_WINDOW_DAYS);
        LocalDate qualifyingFrom = today.minusMonths(12);
        LocalDate later = today.plusDays(FRESH_DAYS);
        LocalDate leavingUpTo = max(later.minusDays(Engagement.SCORE_WINDOW_DAYS), later.minusMonths(12));
        double halfLife = Duration.ofDays(halfLifeDays).toMillis();
        Instant baseStart = today.atStartOfDay(zone).toInstant();
        double score = 0;
        long points = 0;
        long referrals = 0;
        BigDecimal spend = BigDecimal.ZERO;
        SortedMap<LocalDate, Day> open = new TreeMap<>();
        SortedMap<LocalDate, Day> leaving = new TreeMap<>();
        for (Day d : days) {
            if (d.day().isAfter(closedUpTo)) {
                open.put(d.day(), d);
                continue;
            }
            boolean inScore = d.day().isAfter(scoreFrom);
            boolean inQualifying = d.day().isAfter(qualifyingFrom);
            if (inScore && d.weight() > 0) {
                score += d.weight() * Math.pow(2, -Duration.between(d.day().atStartOfDay(zone).toInstant(), baseStart).toMillis() / halfLife);
            }
            if (inQualifying) {
                points = Math.addExact(points, d.points());
                referrals = Math.addExact(referrals, d.referrals());
                spend = spend.add(d.spend());
            }
            if ((inScore || inQualifying) && !d.day().isAfter(leavingUpTo) && (d.weight() > 0 || d.points() != 0
                    || d.referrals() != 0 || d.spend().signum() != 0)) {
                leaving.put(d.day(), d);
            }
        }
        return new StandingSummary(today, halfLifeDays, score, points, spend, referrals, open, leaving, false);
    }

    /** The first day whose figures a rebase on {@code today} needs. */
    public static LocalDate readFrom(LocalDate today) {
        return min(today.minusDays(Engagement.SCORE_WINDOW_DAYS + 1L), today.minusMonths(12));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
