package com.fanops.complaints.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a ticket is a 舆情 (public-opinion) risk: a configured keyword in the description, a spike in its category that
 * day, a repeat complainant, or a low survey score from a high-tier member.
 */
public enum RiskReason {
    KEYWORD, SPIKE, REPEAT, LOW_SCORE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RiskReason> of(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }

    public static List<String> keys(List<RiskReason> reasons) {
        return reasons.stream().map(RiskReason::key).toList();
    }
}
