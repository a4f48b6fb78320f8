package com.fanops.complaints.domain;

import java.time.Instant;

/** A ticket's target passed its deadline, once per ticket and target instance. Source {@code fanops.complaints}. */
public record ComplaintEscalated(String ticketId, String ticketNumber, String target, String instance, String priority,
                                 String assignee, Instant deadline, Instant at) {
}
