package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * A ticket's target used the policy's warning share ({@code warnAtPercent}) of its goal: escalation level 1, the
 * assignee. Once per ticket and target instance ({@code first_response}, {@code next_response#2}, {@code resolution}).
 * Source {@code fanops.complaints}; ids and keys only ({@code memberId} null for a non-member).
 */
public record SlaWarning(String ticketId, String ticketNumber, String memberId, String target, String instance, String priority,
                         String assignee, int level, Instant deadline, Instant at) {
}
