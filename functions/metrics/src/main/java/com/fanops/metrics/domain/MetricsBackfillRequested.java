package com.fanops.metrics.domain;

import java.time.LocalDate;

/**
 * Asks the daily function to recompute the days {@code from}..{@code to} (both included). Published by the admin API,
 * and by the daily function itself for what is left of a long range after one invocation's share.
 */
public record MetricsBackfillRequested(LocalDate from, LocalDate to) {
}
