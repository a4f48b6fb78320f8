package com.fanops.engagement.domain;

import java.time.LocalDate;

/** Published once per lot, a configurable number of days before its remaining points expire. */
public record PointsExpiring(String memberId, long points, LocalDate lotDay, LocalDate expiresOn) {
}
