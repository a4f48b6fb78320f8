package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * A ticket came in (source {@code fanops.complaints}). No personal data: ids and keys; {@code memberId} null when the
 * complainant is not a member.
 */
public record ComplaintReceived(String ticketId, String ticketNumber, String memberId, String category, String priority,
                                Instant receivedAt, Instant firstResponseDue, Instant resolutionDue) {
}
