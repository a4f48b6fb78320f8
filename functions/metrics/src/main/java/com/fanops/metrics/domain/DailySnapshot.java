package com.fanops.metrics.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * One business day's retention figures, as stored ({@code pk=SNAP#<day>}) and served by the admin API. The shape is
 * the contract in docs/metrics.md. Nulls are written out: a rate whose denominator is 0 is {@code null}, and so is a
 * figure not known (CSAT before complaints exist, the distribution of a day first computed by a backfill).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DailySnapshot(LocalDate day, String timeZone, Instant computedAt, Integer runs, Activity activity, Members members,
                            Retention retention, List<CohortRow> cohorts, Conversion conversion, Points points, Care care, Double csat,
                            Distribution distribution, List<Kpi> kpis, int targetsVersion, Messages messages, Pulse pulse) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Activity(long dau, long wau, long mau, Double dauMau) {
    }

    /**
     * {@code activeMembers}: the members of the end of D active on some day of D-29..D, and {@code monthlyActiveRate} =
     * activeMembers / members (both counts from the same population). Snapshots computed before 2026-12-06 have no
     * {@code activeMembers} ({@code null}) and a rate of MAU / members.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Members(long members, long newMembers, long exits, long netGrowth, long follows, long unfollows,
                          Long activeMembers, Double monthlyActiveRate) {
    }

    /**
     * {@code headline}: D1/D7/D30 over several cohorts (since 2026-12-06). {@code classic} and {@code onOrAfter} are the
     * single-cohort headline of snapshots computed before: read back from them, never written (absent from new JSON).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Retention(Headline headline, Annual annual,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Classic classic,
                            @JsonInclude(JsonInclude.Include.NON_NULL) OnOrAfter onOrAfter) {

        public Retention(Headline headline, Annual annual) {
            this(headline, annual, null, null);
        }
    }

    /** The headline retention: classic and "on or after", each D1, D7 and D30 pooled over the most recent complete cohorts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Headline(HeadlineRates classic, HeadlineRates onOrAfter) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HeadlineRates(PooledRate d1, PooledRate d7, PooledRate d30) {
    }

    /**
     * One headline figure: the cohorts {@code fromCohort..toCohort} ({@code cohorts} days) taken together - {@code size}
     * members behind the figure, {@code retained} of them retained, {@code rate} = retained / size ({@code null} when
     * no member joined on those days).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PooledRate(LocalDate fromCohort, LocalDate toCohort, int cohorts, long size, long retained, Double rate) {
    }

    /** Before 2026-12-06: the headline classic figures, one cohort each. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Classic(CohortRate d1, CohortRate d7, CohortRate d30) {
    }

    /** Before 2026-12-06, classic N-day retention of one cohort: the cohort of day D-N, active on D. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CohortRate(LocalDate cohortDay, long size, long retained, Double rate) {
    }

    /** Before 2026-12-06, "on or after" retention of the cohort D-30: active on some day from c+N to D. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OnOrAfter(LocalDate cohortDay, long size, Rate d1, Rate d7, Rate d30) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rate(long retained, Double rate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Annual(YearMonth cohortMonth, long size, long retained, Double rate) {
    }

    /** A day cohort seen from D: its size, how many are active on D, and "on or after" counts for N = 1..D-c. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CohortRow(LocalDate cohortDay, long size, long activeToday, Map<String, Long> onOrAfter) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Conversion(long purchasers, long active, Double rate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Points(long issued, long expired) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Care(long newlyDormant, long dormant, long careSent, WinBack winBack) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WinBack(LocalDate careDay, long sent, long wonBack, Double rate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Distribution(Map<String, Long> tier, Map<String, Long> category) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    /**
     * The day's messages (the messaging capability's delivery log): sent by kind, delivery rate (delivered / sent; an
     * e-mail figure, as only SES reports deliveries) and unsubscribe rate (withdrawals through unsubscribe links that
     * day / marketing messages sent). Null for days computed without the log.
     */
    public record Messages(Map<String, Long> sentByKind, long sent, long delivered, Double deliveryRate, long unsubscribed,
                           Double unsubscribeRate) {
    }

    public record Kpi(String kpi, double target, Double actual, Double gap, Boolean met) {
    }

    /**
     * The community pulse beside CSAT: the latest pulse (by start) with answers in the 30 business days ending that day -
     * its average score (1-5, two decimals) and answer count up to that day. Null when no pulse had answers in the window.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Pulse(double score, long answers, String pulseId) {
    }

    /** The same figures with the bookkeeping of a particular run (time, run count) left out: what reruns must keep equal. */
    public DailySnapshot figuresOnly() {
        return new DailySnapshot(day, timeZone, null, null, activity, members, retention, cohorts, conversion, points, care, csat,
                distribution, kpis, targetsVersion, messages, pulse);
    }

    public DailySnapshot withRuns(Integer count) {
        return new DailySnapshot(day, timeZone, computedAt, count, activity, members, retention, cohorts, conversion, points, care, csat,
                distribution, kpis, targetsVersion, messages, pulse);
    }

    public DailySnapshot withPulse(Pulse figure) {
        return new DailySnapshot(day, timeZone, computedAt, runs, activity, members, retention, cohorts, conversion, points, care, csat,
                distribution, kpis, targetsVersion, messages, figure);
    }

    public DailySnapshot withMessages(Messages figures) {
        return new DailySnapshot(day, timeZone, computedAt, runs, activity, members, retention, cohorts, conversion, points, care, csat,
                distribution, kpis, targetsVersion, figures, pulse);
    }
}
