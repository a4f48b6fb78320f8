package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/** Amounts of money: decimals (never binary floating point) in an ISO 4217 currency with its minor units. */
public final class Money {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /** The currency's minor units (CNY 2, JPY 0, KWD 3); empty for a code ISO 4217 does not know or gives none (XAU). */
    public static Optional<Integer> minorUnits(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(digits);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Decimal places the amount really uses: 120.50 has 1, 1E+3 has 0. */
    public static int decimals(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }
}
