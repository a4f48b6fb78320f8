package com.fanops.complaints.domain;

import java.time.Instant;

/**
 * A ticket was resolved (source {@code fanops.complaints}, detail-type {@code ComplaintResolved}): for a member (null
 * when the complainant is not a member), its category and priority keys, when, and whether the complaint was upheld (the
 * brand was at fault). Rewards' service-recovery rules consume it (upheld complaints of members only). No personal data.
 */
public record ComplaintResolved(String ticketId, String memberId, String category, String priority, Instant resolvedAt, boolean upheld) {
}
