package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.Evaluation;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.rewards.store.BudgetStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The report's store (the admin API reads the latest), the survey's scores, and the cost: what the activity's allocation
 * of its rewards budget ({@code ALLOC#<activityId>}) has spent - the prizes and the rewards issued for it. With the final
 * report the allocation is released: its unspent rest goes back to the budget's available (once).
 */
final class StoredReports implements ActivitiesDailyJob.Reports {

    private final EvaluationStore reports;
    private final SurveyStore surveys;
    private final BudgetStore budgets;
    private final Clock clock;

    StoredReports(EvaluationStore reports, SurveyStore surveys, BudgetStore budgets, Clock clock) {
        this.reports = reports;
        this.surveys = surveys;
        this.budgets = budgets;
        this.clock = clock;
    }

    @Override
    public void save(Activity a, Evaluation e, LocalDate asOf, boolean last) {
        reports.put(new EvaluationStore.Report(a.activityId(), e, clock.instant(), asOf, last));
    }

    @Override
    public List<Integer> scores(String activityId) {
        return surveys.scores(activityId);
    }

    @Override
    public long cost(Activity a) {
        return budgets.allocation(a.activityId()).map(BudgetStore.Allocation::spent).orElse(0L);
    }

    @Override
    public void settle(Activity a) {
        budgets.release(a.activityId(), clock.instant());
    }
}
