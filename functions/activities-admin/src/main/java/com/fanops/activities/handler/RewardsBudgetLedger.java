package com.fanops.activities.handler;

import com.fanops.activities.app.Activities;
import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.store.BudgetStore;
import java.time.Instant;

/**
 * An activity's budget as an allocation of a rewards budget, under the activity's id: approval moves the amount from the
 * budget's available to reserved (once, whatever retries), withdrawal gives back what was not spent (once). The rewards
 * budget's own page shows it as reserved.
 */
final class RewardsBudgetLedger implements Activities.BudgetLedger {

    private final BudgetStore budgets;

    RewardsBudgetLedger(BudgetStore budgets) {
        this.budgets = budgets;
    }

    @Override
    public boolean reserve(String budgetId, String activityId, long amount, Instant at) {
        BudgetStore.AllocationResult r = budgets.allocate(budgetId, activityId, amount, at);
        return r == BudgetStore.AllocationResult.ALLOCATED || r == BudgetStore.AllocationResult.ALREADY;
    }

    @Override
    public void release(String budgetId, String activityId, Instant at) {
        budgets.release(activityId, at);
    }

    @Override
    public long available(String budgetId) {
        return budgets.get(budgetId).map(Budget::available).orElse(-1L);
    }
}
