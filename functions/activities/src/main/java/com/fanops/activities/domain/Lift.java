package com.fanops.activities.domain;

/**
 * The difference between two proportions - a treated group's rate minus the holdout's - with its 95% confidence interval
 * (the normal approximation of the difference of two independent binomial proportions, Wald: d +/- 1.96 * sqrt(p1 (1 -
 * p1) / n1 + p2 (1 - p2) / n2)). {@code null} rates when a group is empty; the interval is {@code null} too then. Rates
 * and bounds are fractions (0.042 is 4.2 points).
 */
public record Lift(long treated, long treatedRetained, long holdout, long holdoutRetained,
                   Double treatedRate, Double holdoutRate, Double lift, Double low, Double high) {

    static final double Z95 = 1.959963984540054;

    public static Lift of(long treated, long treatedRetained, long holdout, long holdoutRetained) {
        if (treatedRetained < 0 || treatedRetained > treated || holdoutRetained < 0 || holdoutRetained > holdout) {
            throw new IllegalArgumentException("retained must be within the group");
        }
        Double p1 = treated == 0 ? null : treatedRetained / (double) treated;
        Double p2 = holdout == 0 ? null : holdoutRetained / (double) holdout;
        if (p1 == null || p2 == null) {
            return new Lift(treated, treatedRetained, holdout, holdoutRetained, p1, p2, null, null, null);
        }
        double d = p1 - p2;
        double se = Math.sqrt(p1 * (1 - p1) / treated + p2 * (1 - p2) / holdout);
        return new Lift(treated, treatedRetained, holdout, holdoutRetained, p1, p2, d, d - Z95 * se, d + Z95 * se);
    }

    /** Whether the interval lies wholly above zero (the activity kept members the holdout lost). */
    public boolean significant() {
        return low != null && (low > 0 || high < 0);
    }
}
