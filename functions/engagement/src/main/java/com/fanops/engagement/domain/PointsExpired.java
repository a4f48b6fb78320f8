package com.fanops.engagement.domain;

import java.time.LocalDate;

/** Published when a lot's remaining points expire. */
public record PointsExpired(String memberId, long points, LocalDate lotDay, LocalDate expiredOn) {
}
