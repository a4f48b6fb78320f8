package com.fanops.metrics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the metrics round: rates and gaps to 4 decimals (half up); a rate over nothing is {@code null}, never 0. */
public final class Rates {

    private Rates() {
    }

    public static Double of(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP).doubleValue();
    }

    public static Double round4(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code a - b} to 4 decimals, without the binary noise of double subtraction; null if either is null. */
    public static Double difference(Double a, Double b) {
        if (a == null || b == null) {
            return null;
        }
        return BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b)).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
