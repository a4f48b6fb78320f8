package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * A ticket's target is close to its deadline (the policy's warning share used), once per ticket and target instance
 * ({@code first_response}, {@code next_response#2}, {@code resolution}). Source {@code fanops.complaints}.
 */
public record ComplaintSlaWarning(String ticketId, String ticketNumber, String target, String instance, String priority,
                                  String assignee, Instant deadline, Instant at) {
}
