package com.fanops.rewards.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An amount the brand sets aside for rewards over a period (a campaign, a month), in minor units of CNY. Every issuance
 * drawing on it first reserves its cost ({@code reserved}); fulfilment confirms it ({@code confirmed}); failure,
 * revocation or expiry releases it back to {@code available}. Always {@code available + reserved + confirmed = amount},
 * and available never goes below zero, so reserved + confirmed never exceeds the amount.
 */
public record Budget(String budgetId, String name, LocalDate from, LocalDate until, long amount, long available, long reserved,
                     long confirmed, String createdBy, Instant createdAt) {

    public long committed() {
        return reserved + confirmed;
    }

    /** Whether issuances on {@code day} may draw on it. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
