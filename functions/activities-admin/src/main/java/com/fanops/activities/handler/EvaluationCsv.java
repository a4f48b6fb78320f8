package com.fanops.activities.handler;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.domain.Lift;
import com.fanops.activities.store.EvaluationStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation report as CSV, one figure a row ({@code section,figure,value}): what a spreadsheet can total and chart.
 * Rates and lifts are fractions (0.042 is 4.2 points); money in fen; an empty value is pending or not defined (an empty
 * group). Text an operator typed (the theme) is quoted by Jackson's CSV writer and, when it starts like a formula, prefixed
 * with an apostrophe so a spreadsheet shows it rather than runs it.
 */
final class EvaluationCsv {

    private static final CsvSchema SCHEMA = CsvSchema.builder().setUseHeader(true).addColumn("section").addColumn("figure")
            .addColumn("value").build();

    private EvaluationCsv() {
    }

    static String of(Activity a, EvaluationStore.Report report) {
        Evaluation e = report.evaluation();
        List<Map<String, Object>> rows = new ArrayList<>();
        add(rows, "activity", "activityId", a.activityId());
        add(rows, "activity", "theme", cell(a.theme()));
        add(rows, "activity", "startsAt", a.startsAt());
        add(rows, "activity", "endsAt", a.endsAt());
        add(rows, "report", "computedAt", report.computedAt());
        add(rows, "report", "asOf", report.asOf());
        add(rows, "report", "final", report.isFinal());
        add(rows, "attendance", "seated", e.seated());
        add(rows, "attendance", "participants", e.participants());
        add(rows, "attendance", "attendanceRate", e.attendanceRate());
        add(rows, "satisfaction", "responses", e.satisfactionResponses());
        add(rows, "satisfaction", "mean", e.satisfaction());
        add(rows, "purchases", "buyers", e.buyers());
        add(rows, "purchases", "totalMinor", e.purchasesMinor());
        add(rows, "cost", "costMinor", e.costMinor());
        add(rows, "cost", "costPerRetainedMinor", e.costPerRetainedMinor());
        for (Evaluation.Retention r : new Evaluation.Retention[] {e.d7(), e.d30()}) {
            if (r == null) {
                continue;
            }
            String section = "retentionD" + r.day();
            add(rows, section, "from", r.from());
            add(rows, section, "to", r.to());
            add(rows, section, "pending", r.pending());
            lift(rows, section, "participantsVsHoldout", r.participantsVsHoldout());
            lift(rows, section, "invitedVsHoldout", r.invitedVsHoldout());
        }
        Evaluation.Engagement g = e.engagement();
        if (g != null) {
            add(rows, "engagement", "from", g.from());
            add(rows, "engagement", "to", g.to());
            add(rows, "engagement", "pending", g.pending());
            add(rows, "engagement", "participantsMeanActiveDays", g.participants());
            add(rows, "engagement", "invitedMeanActiveDays", g.invited());
            add(rows, "engagement", "holdoutMeanActiveDays", g.holdout());
        }
        for (Evaluation.GoalResult goal : e.goals() == null ? List.<Evaluation.GoalResult>of() : e.goals()) {
            add(rows, "goal", goal.goal() + ".target", goal.target());
            add(rows, "goal", goal.goal() + ".actual", goal.actual());
            add(rows, "goal", goal.goal() + ".met", goal.met() == null ? "pending" : goal.met());
        }
        try {
            return new CsvMapper().writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("evaluation not writable as CSV", ex);
        }
    }

    private static void lift(List<Map<String, Object>> rows, String section, String name, Lift l) {
        if (l == null) {
            return;
        }
        add(rows, section, name + ".treated", l.treated());
        add(rows, section, name + ".treatedRate", l.treatedRate());
        add(rows, section, name + ".holdout", l.holdout());
        add(rows, section, name + ".holdoutRate", l.holdoutRate());
        add(rows, section, name + ".lift", l.lift());
        add(rows, section, name + ".low95", l.low());
        add(rows, section, name + ".high95", l.high());
    }

    private static void add(List<Map<String, Object>> rows, String section, String figure, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("section", section);
        row.put("figure", figure);
        row.put("value", value == null ? "" : value.toString());
        rows.add(row);
    }

    static String cell(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
