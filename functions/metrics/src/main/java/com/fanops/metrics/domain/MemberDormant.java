package com.fanops.metrics.domain;

import java.time.LocalDate;

/**
 * Published once per dormancy episode: the member's last activity (an active day, or the admission day if never
 * active) was {@code lastActiveDay}, N days before {@code day}. {@code careQueued} when a care message went to the
 * outbox (marketing consent given, and the day recent enough). No personal data.
 */
public record MemberDormant(String memberId, LocalDate day, LocalDate lastActiveDay, boolean careQueued) {
}
