package com.fanops.rewards.app;

import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.domain.BurnDown;
import com.fanops.rewards.domain.RewardIds;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.IssuanceStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Budgets: create, raise or cut (audited), read, and the burn-down with the day the current pace exhausts it. */
public final class Budgets {

    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    private final BudgetStore budgets;
    private final IssuanceStore archive;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    public Budgets(BudgetStore budgets, IssuanceStore archive, AuditLog audit, ZoneId zone, Clock clock) {
        this.budgets = budgets;
        this.archive = archive;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    public Budget create(String actor, String budgetId, String name, LocalDate from, LocalDate until, Long amount) {
        List<FieldError> errors = new ArrayList<>();
        if (budgetId == null || !RewardIds.SLUG.matcher(budgetId).matches()) {
            errors.add(new FieldError("budgetId", "2-48 of a-z, 0-9 and -, starting with a letter or digit"));
        }
        String clean = Text.line(errors, "name", name, 80, true);
        if (from == null) {
            errors.add(new FieldError("from", "is required (YYYY-MM-DD)"));
        }
        if (until == null) {
            errors.add(new FieldError("until", "is required (YYYY-MM-DD)"));
        } else if (from != null && (until.isBefore(from) || ChronoUnit.DAYS.between(from, until) > 3660)) {
            errors.add(new FieldError("until", "on or after from, at most 10 years later"));
        }
        if (amount == null || amount < 0 || amount > MAX_AMOUNT) {
            errors.add(new FieldError("amount", "minor units (fen) from 0 to " + MAX_AMOUNT));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (!budgets.create(budgetId, clean, from, until, amount, actor, clock.instant())) {
            throw ProblemException.conflict("budget-exists", "Budget exists", "A budget " + budgetId + " exists already.");
        }
        audit.record(actor, "rewards.budget.create", budgetId, null);
        return get(budgetId);
    }

    /** Raises (positive) or cuts (negative, only from what is available) the amount. */
    public Budget change(String actor, String budgetId, Long delta, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (delta == null || delta == 0 || delta > MAX_AMOUNT || delta < -MAX_AMOUNT) {
            errors.add(new FieldError("delta", "a non-zero whole number of minor units within " + MAX_AMOUNT + " either way"));
        }
        String why = Text.line(errors, "reason", reason, 200, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Budget current = get(budgetId);
        if (current.amount() + delta > MAX_AMOUNT) {
            throw ProblemException.invalidField("delta", "the amount would exceed " + MAX_AMOUNT);
        }
        if (!budgets.changeAmount(budgetId, delta, actor, clock.instant())) {
            throw ProblemException.conflict("budget-committed", "Cut beyond what is available",
                    "Only what is available (not reserved or confirmed) can be cut: " + get(budgetId).available() + ".");
        }
        audit.record(actor, "rewards.budget.change", budgetId, why);
        return get(budgetId);
    }

    public Budget get(String budgetId) {
        return budgets.get(budgetId).orElseThrow(() -> ProblemException.notFound("Budget " + budgetId));
    }

    public List<Budget> list() {
        return budgets.list();
    }

    public BurnDown.Result burnDown(String budgetId) {
        Budget budget = get(budgetId);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Map<LocalDate, Long> byDay = new HashMap<>();
        LocalDate to = today.isBefore(budget.until()) ? today : budget.until();
        if (!to.isBefore(budget.from())) {
            archive.forEachInPeriod(budget.from(), to, new IssuanceStore.Filter(null, null, null, budgetId, null, null), i -> {
                if (i.status().live()) {
                    byDay.merge(i.day(), i.cost(), Long::sum);
                }
            });
        }
        return BurnDown.of(budget, byDay, today);
    }
}
