package com.fanops.engagement.domain;

import java.time.LocalDate;

/** Announces a downgrade: published once, a configurable number of days before it happens. */
public record TierDowngradeWarning(String memberId, String tier, String downgradeTo, LocalDate downgradeOn, int rulesVersion) {
}
