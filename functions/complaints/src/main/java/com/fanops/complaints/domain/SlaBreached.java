package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * A ticket's target passed its deadline while open: level 2 (the team lead) at 100% of the goal, level 3 (the manager)
 * when still open at the policy's {@code managerAtPercent}. Each level once per ticket and target instance. Source
 * {@code fanops.complaints}; rewards' service-recovery rules with {@code onBreach} consume it.
 */
public record SlaBreached(String ticketId, String ticketNumber, String memberId, String target, String instance, String priority,
                          String assignee, int level, Instant deadline, Instant at) {
}
