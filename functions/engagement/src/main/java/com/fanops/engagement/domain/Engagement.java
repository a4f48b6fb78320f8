package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Pure rules over a member's days: engagement score, active days, category, tier qualification.
 *
 * <p>Why the score cannot depend on arrival order: each counted interaction weighs as of its business day's
 * start, and a day counts at most the cap of each type, so a day's weight is {@code sum(min(count, cap) x weight)}
 * whatever order its events came in. The score at T is {@code sum(dayWeight x 2^(-(T - dayStart) / halfLife))}
 * over the days of the last year (older days weigh less than 2^-12 at the default half-life and are left out by
 * definition, so the score is exact and its reads bounded).
 */
public final class Engagement {

    public static final int SCORE_WINDOW_DAYS = 365;
    public static final int ACTIVE_WINDOW_DAYS = 30;

    /** What a member did in a tier qualifying window. */
    public record Qualifying(long points, BigDecimal spend, long referrals) {
    }

    private Engagement() {
    }

    public static double score(List<MemberDay> days, Instant at, ZoneId zone, int halfLifeDays) {
        LocalDate today = at.atZone(zone).toLocalDate();
        double halfLifeMillis = Duration.ofDays(halfLifeDays).toMillis();
        double sum = 0;
        for (MemberDay d : days) {
            if (d.weight() == 0 || d.day().isAfter(today) || !d.day().isAfter(today.minusDays(SCORE_WINDOW_DAYS))) {
                continue;
            }
            long age = Math.max(0, Duration.between(d.day().atStartOfDay(zone).toInstant(), at).toMillis());
            sum += d.weight() * Math.pow(2, -age / halfLifeMillis);
        }
        return sum;
    }

    /** Days with at least one counted interaction among the 30 ending with {@code today}. */
    public static int activeDays(List<MemberDay> days, LocalDate today) {
        return (int) days.stream().filter(d -> d.active() && !d.day().isAfter(today)
                && d.day().isAfter(today.minusDays(ACTIVE_WINDOW_DAYS))).count();
    }

    public static Category category(double score, int activeDays, EngagementRules rules) {
        Category result = Category.POTENTIAL;
        for (Category c : List.of(Category.REGULAR, Category.ACTIVE, Category.CORE)) {
            EngagementRules.CategoryThreshold t = rules.category(c);
            if (score >= t.minScore() && activeDays >= t.minActiveDays()) {
                result = c;
            }
        }
        return result;
    }

    /** Points earned (net of reversals), base-currency spend and referrals in the 12 months ending with {@code today}. */
    public static Qualifying qualifying(List<MemberDay> days, LocalDate today) {
        LocalDate from = today.minusMonths(12);
        long points = 0;
        long referrals = 0;
        BigDecimal spend = BigDecimal.ZERO;
        for (MemberDay d : days) {
            if (d.day().isAfter(from) && !d.day().isAfter(today)) {
                // Exact: a total that wrapped would qualify a member for the wrong tier without a trace.
                points = Math.addExact(points, Math.subtractExact(d.earned(), d.reversed()));
                referrals = Math.addExact(referrals, d.referrals());
                spend = spend.add(d.spend());
            }
        }
        return new Qualifying(points, spend, referrals);
    }

    public static Tier tierFor(Qualifying q, EngagementRules rules) {
        Tier result = Tier.BRONZE;
        for (Tier t : List.of(Tier.SILVER, Tier.GOLD, Tier.DIAMOND)) {
            EngagementRules.TierThreshold th = rules.tier(t);
            if (q.points() >= th.points() || q.spend().compareTo(th.spend()) >= 0 || q.referrals() >= th.referrals()) {
                result = t;
            }
        }
        return result;
    }
}
