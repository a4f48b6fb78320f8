package com.fanops.complaints.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The monthly summary by category (pure): what each ticket of the month contributes, and the figures per category and
 * in total. Percentiles are nearest-rank (the smallest value with at least p% of the values at or below it).
 */
public final class ComplaintSummary {

    /**
     * One ticket of the month as it stood at the month's end (or now, for the current month).
     *
     * @param resolved             resolved or closed then
     * @param upheld               resolved and the brand was at fault
     * @param businessMinutes      resolved: the SLA clock's counted resolution time (working time, pauses left out)
     * @param calendarMinutes      resolved: from receipt to the (last) resolution, every minute
     * @param firstResponseOnTime  the first response was made by then: within its target or not; null while none was made
     * @param breached             a target was breached by then (met late, or open past its deadline)
     * @param score                the survey's score when answered by then
     * @param flagged              flagged as a 舆情 risk by then
     */
    public record Case(Category category, boolean resolved, boolean upheld, Long businessMinutes, Long calendarMinutes,
                       Boolean firstResponseOnTime, boolean breached, Integer score, boolean flagged) {
    }

    /**
     * One line: a category's figures, or the total ({@code category} "total").
     *
     * @param firstResponseWithinSla the share (0-1, 4 decimals) of first responses made within target, of those made; null without any
     * @param csatAverage            the average survey score (2 decimals); null without answers
     */
    public record Row(String category, long received, long resolved, long openAtMonthEnd, long upheld,
                      Long resolutionBusinessMinutesP50, Long resolutionBusinessMinutesP90, Double resolutionCalendarHoursP50,
                      Double resolutionCalendarHoursP90, Double firstResponseWithinSla, long breaches, long csatAnswers, Double csatAverage,
                      long riskFlagged) {
    }

    public static final String TOTAL = "total";

    private ComplaintSummary() {
    }

    /** A row for every category (in the categories' order, zeros included) and the total last. */
    public static List<Row> rows(List<Case> cases) {
        List<Row> rows = new ArrayList<>();
        for (Category c : Category.values()) {
            rows.add(row(c.key(), cases, k -> k.category() == c));
        }
        rows.add(row(TOTAL, cases, k -> true));
        return rows;
    }

    private static Row row(String name, List<Case> all, Predicate<Case> in) {
        List<Case> cases = all.stream().filter(in).toList();
        long resolved = cases.stream().filter(Case::resolved).count();
        List<Long> business = cases.stream().filter(Case::resolved).map(Case::businessMinutes).filter(m -> m != null).sorted().toList();
        List<Long> calendar = cases.stream().filter(Case::resolved).map(Case::calendarMinutes).filter(m -> m != null).sorted().toList();
        List<Boolean> responses = cases.stream().map(Case::firstResponseOnTime).filter(r -> r != null).toList();
        List<Integer> scores = cases.stream().map(Case::score).filter(s -> s != null).toList();
        return new Row(name, cases.size(), resolved, cases.size() - resolved, cases.stream().filter(Case::upheld).count(),
                percentile(business, 50), percentile(business, 90), hours(percentile(calendar, 50)), hours(percentile(calendar, 90)),
                responses.isEmpty() ? null : round(responses.stream().filter(r -> r).count() / (double) responses.size(), 10_000),
                cases.stream().filter(Case::breached).count(), scores.size(),
                scores.isEmpty() ? null : round(scores.stream().mapToInt(Integer::intValue).average().orElseThrow(), 100),
                cases.stream().filter(Case::flagged).count());
    }

    /** Nearest rank over sorted values; null for none. */
    public static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Double hours(Long minutes) {
        return minutes == null ? null : round(minutes / 60.0, 10);
    }

    private static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }
}
