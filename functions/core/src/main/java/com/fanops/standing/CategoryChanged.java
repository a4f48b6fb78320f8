package com.fanops.standing;

import java.time.LocalDate;

/** Published when a member's category changes (scored interaction or daily review). No personal data. */
public record CategoryChanged(String memberId, String from, String to, double score, int activeDays, LocalDate on, int rulesVersion) {
}
