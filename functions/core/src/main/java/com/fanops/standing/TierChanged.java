package com.fanops.standing;

import java.time.LocalDate;

/** Published when a member moves up (at once) or down (daily review, after a warning) a tier. */
public record TierChanged(String memberId, String from, String to, String reason, LocalDate on, LocalDate holdUntil, int rulesVersion) {
}
