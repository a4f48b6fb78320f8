package com.fanops.metrics.domain;

import java.time.LocalDate;
import java.util.List;

/** Published after each run of the daily job: the newest day computed and every day (re)written by the run. */
public record DailyMetricsReady(LocalDate day, List<LocalDate> recomputed, int targetsVersion) {
}
