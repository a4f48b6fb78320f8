package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * The complainant answered the satisfaction survey (1-5), emitted in the answer's transaction. {@code tier} is the
 * member's tier when they answered (null for a non-member, like {@code memberId}). Rewards' service recovery consumes it
 * (a low score). Source {@code fanops.complaints}.
 */
public record ComplaintScored(String ticketId, String ticketNumber, String memberId, int score, String tier, Instant at) {
}
