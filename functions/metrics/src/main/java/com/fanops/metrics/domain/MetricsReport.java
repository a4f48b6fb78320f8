package com.fanops.metrics.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A weekly, monthly or quarterly report built from daily snapshots: each figure over the period (a sum, an average,
 * a weighted rate or the value at the period's end), the same figure for the previous period and the change, and the
 * KPI gaps at the period's end. Days without a snapshot are left out and counted ({@code daysWithData}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricsReport(String kind, String label, LocalDate start, LocalDate end, int days, int daysWithData, LocalDate through,
                            boolean complete, String timeZone, Previous previous, Map<String, Figure> figures,
                            List<DailySnapshot.Kpi> kpis, Integer targetsVersion) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Previous(String label, LocalDate start, LocalDate end, int daysWithData) {
    }

    /** {@code change} = value - previous; {@code changeRate} = change / previous (null when either is missing or previous is 0). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figure(String aggregation, Number value, Number previous, Number change, Double changeRate) {
    }

    private enum Aggregation { SUM, AVERAGE, WEIGHTED, END }

    private record Definition(String name, Aggregation aggregation, Function<DailySnapshot, Number> value,
                              Function<DailySnapshot, long[]> ratio) {
    }

    private static final List<Definition> FIGURES = List.of(
            sum("newMembers", s -> s.members().newMembers()),
            sum("exits", s -> s.members().exits()),
            sum("netGrowth", s -> s.members().netGrowth()),
            sum("follows", s -> s.members().follows()),
            sum("unfollows", s -> s.members().unfollows()),
            sum("pointsIssued", s -> s.points().issued()),
            sum("pointsExpired", s -> s.points().expired()),
            sum("newlyDormant", s -> s.care().newlyDormant()),
            sum("careSent", s -> s.care().careSent()),
            new Definition("dau", Aggregation.AVERAGE, s -> s.activity().dau(), null),
            new Definition("dauMau", Aggregation.AVERAGE, s -> s.activity().dauMau(), null),
            end("members", s -> s.members().members()),
            end("wau", s -> s.activity().wau()),
            end("mau", s -> s.activity().mau()),
            end("activeMembers", s -> s.members().activeMembers()),
            end("monthlyActiveRate", s -> s.members().monthlyActiveRate()),
            end("annualRetention", s -> s.retention().annual().rate()),
            end("conversion", s -> s.conversion().rate()),
            end("dormant", s -> s.care().dormant()),
            end("winBackRate", s -> s.care().winBack().rate()),
            end("csat", DailySnapshot::csat),
            weighted("classicD1", 1),
            weighted("classicD7", 7),
            weighted("classicD30", 30));

    /**
     * @param current  the snapshots of the period (any order; days without one are simply missing)
     * @param before   the snapshots of the previous period
     * @param through  the last whole business day now: a period reaching past it is not complete
     */
    public static MetricsReport of(ReportPeriod period, List<DailySnapshot> current, List<DailySnapshot> before, LocalDate through,
                                   String timeZone) {
        List<DailySnapshot> now = inside(period, current);
        ReportPeriod prev = period.previous();
        List<DailySnapshot> then = inside(prev, before);
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Definition d : FIGURES) {
            Number value = aggregate(d, now);
            Number previous = aggregate(d, then);
            Number change = null;
            Double changeRate = null;
            if (value != null && previous != null) {
                if (value instanceof Long v && previous instanceof Long p) {
                    change = v - p;
                } else {
                    change = Rates.difference(value.doubleValue(), previous.doubleValue());
                }
                changeRate = previous.doubleValue() == 0 ? null
                        : BigDecimal.valueOf(value.doubleValue()).subtract(BigDecimal.valueOf(previous.doubleValue()))
                        .divide(BigDecimal.valueOf(Math.abs(previous.doubleValue())), 4, RoundingMode.HALF_UP).doubleValue();
            }
            figures.put(d.name(), new Figure(d.aggregation().name().toLowerCase(java.util.Locale.ROOT), value, previous, change, changeRate));
        }
        DailySnapshot last = now.isEmpty() ? null : now.get(now.size() - 1);
        LocalDate reached = last == null ? null : last.day();
        boolean complete = !period.end().isAfter(through) && now.size() == period.days();
        return new MetricsReport(period.kind().key(), period.label(), period.start(), period.end(), period.days(), now.size(), reached,
                complete, timeZone, new Previous(prev.label(), prev.start(), prev.end(), then.size()), figures,
                last == null ? List.of() : last.kpis(), last == null ? null : last.targetsVersion());
    }

    /** The report as CSV: one row per figure, then one per KPI (value = actual at the period's end). */
    public String csv() {
        StringBuilder out = new StringBuilder("section,name,aggregation,value,previous,change,changeRate,target,gap,met\r\n");
        figures.forEach((name, f) -> out.append("figure,").append(name).append(',').append(f.aggregation()).append(',')
                .append(cell(f.value())).append(',').append(cell(f.previous())).append(',').append(cell(f.change())).append(',')
                .append(cell(f.changeRate())).append(",,,\r\n"));
        for (DailySnapshot.Kpi k : kpis) {
            Figure f = figures.get(k.kpi().equals("satisfaction") ? "csat" : k.kpi());
            out.append("kpi,").append(k.kpi()).append(",end,").append(cell(k.actual())).append(',')
                    .append(f == null ? "" : cell(f.previous())).append(',').append(f == null ? "" : cell(f.change())).append(',')
                    .append(f == null ? "" : cell(f.changeRate())).append(',').append(cell(k.target())).append(',')
                    .append(cell(k.gap())).append(',').append(k.met() == null ? "" : k.met()).append("\r\n");
        }
        return out.toString();
    }

    public String filename() {
        return "fanops-metrics-" + kind + "-" + label + ".csv";
    }

    private static String cell(Number n) {
        if (n == null) {
            return "";
        }
        return n instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : n.toString();
    }

    private static List<DailySnapshot> inside(ReportPeriod p, List<DailySnapshot> snapshots) {
        return snapshots.stream().filter(s -> !s.day().isBefore(p.start()) && !s.day().isAfter(p.end()))
                .sorted(java.util.Comparator.comparing(DailySnapshot::day)).toList();
    }

    private static Number aggregate(Definition d, List<DailySnapshot> days) {
        if (days.isEmpty()) {
            return null;
        }
        return switch (d.aggregation()) {
            case SUM -> days.stream().mapToLong(s -> d.value().apply(s).longValue()).sum();
            case AVERAGE -> {
                List<Double> values = days.stream().map(d.value()).filter(Objects::nonNull).map(Number::doubleValue).toList();
                yield values.isEmpty() ? null : BigDecimal.valueOf(values.stream().mapToDouble(Double::doubleValue).sum())
                        .divide(BigDecimal.valueOf(values.size()), 4, RoundingMode.HALF_UP).doubleValue();
            }
            case END -> d.value().apply(days.get(days.size() - 1));
            case WEIGHTED -> {
                long retained = 0;
                long size = 0;
                for (DailySnapshot s : days) {
                    long[] r = d.ratio().apply(s);
                    retained += r[0];
                    size += r[1];
                }
                yield Rates.of(retained, size);
            }
        };
    }

    private static Definition sum(String name, Function<DailySnapshot, Number> f) {
        return new Definition(name, Aggregation.SUM, f, null);
    }

    private static Definition end(String name, Function<DailySnapshot, Number> f) {
        return new Definition(name, Aggregation.END, f, null);
    }

    /**
     * Classic N-day retention of each day's single cohort D-N (active on D), from the day's cohort row: every snapshot
     * has it, whichever headline definition it was computed with, and each cohort counts once over a period.
     */
    private static Definition weighted(String name, int n) {
        return new Definition(name, Aggregation.WEIGHTED, null, s -> {
            LocalDate cohort = s.day().minusDays(n);
            return s.cohorts().stream().filter(r -> r.cohortDay().equals(cohort)).findFirst()
                    .map(r -> new long[] {r.activeToday(), r.size()}).orElse(new long[] {0, 0});
        });
    }
}
