package com.fanops.metrics.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's KPI targets (seed 002 §二), one version of them. Version 0 is the plan's defaults; every change is a
 * new version with its author and time (KpiTargetsStore, through the platform's versioned settings). Rates are fractions (0.60 = 60%).
 *
 * @param monthlyActiveRate MAU / members at least this (default 60%)
 * @param annualRetention   share of the cohort of twelve months ago still active and still members (default 50%)
 * @param satisfaction      average CSAT on the 1-5 scale (default 4.5)
 * @param conversion        purchasers among the month's active members (default 10%)
 */
public record KpiTargets(int version, String changedBy, Instant changedAt, Double monthlyActiveRate, Double annualRetention,
                         Double satisfaction, Double conversion) implements SettingsValue<KpiTargets> {

    public static KpiTargets defaults() {
        return new KpiTargets(0, "default", Instant.EPOCH, 0.60, 0.50, 4.5, 0.10);
    }

    @Override
    public KpiTargets asVersion(int newVersion, String author, Instant at) {
        return new KpiTargets(newVersion, author, at, monthlyActiveRate, annualRetention, satisfaction, conversion);
    }

    /** What is wrong with these targets, field by field (empty when they can be saved). */
    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        share("monthlyActiveRate", monthlyActiveRate, errors);
        share("annualRetention", annualRetention, errors);
        share("conversion", conversion, errors);
        if (satisfaction == null) {
            errors.add(new FieldError("satisfaction", "is required"));
        } else if (satisfaction.isNaN() || satisfaction < 1 || satisfaction > 5 || scale(satisfaction) > 2) {
            errors.add(new FieldError("satisfaction", "a score from 1 to 5 (at most 2 decimals)"));
        }
        return errors;
    }

    /** Each KPI of a day's figures against these targets: the gap is actual - target; {@code met} when actual >= target. */
    public List<DailySnapshot.Kpi> against(Double monthlyActive, Double annual, Double csat, Double purchaseConversion) {
        return List.of(kpi("monthlyActiveRate", monthlyActiveRate, monthlyActive), kpi("annualRetention", annualRetention, annual),
                kpi("satisfaction", satisfaction, csat), kpi("conversion", conversion, purchaseConversion));
    }

    private static DailySnapshot.Kpi kpi(String name, double target, Double actual) {
        Double gap = Rates.difference(actual, target);
        return new DailySnapshot.Kpi(name, target, actual, gap, actual == null ? null : gap >= 0);
    }

    private static void share(String field, Double v, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (v.isNaN() || v < 0 || v > 1 || scale(v) > 4) {
            errors.add(new FieldError(field, "a fraction from 0 to 1 (0.6 = 60%, at most 4 decimals)"));
        }
    }

    private static int scale(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().scale();
    }
}
