package com.fanops.rewards.domain;

import java.time.Instant;

/**
 * The contract of the complaints capability's event (source {@code fanops.complaints}, detail-type
 * {@code ComplaintResolved}), defined here ahead of that capability so service-recovery rules can be written now: a ticket
 * resolved, for a member (null when the complainant is not a member), its category and priority keys, when, and whether
 * the complaint was upheld (the brand was at fault). Service-recovery rules fire only for upheld complaints of members.
 * No personal data: ids and keys only. When the complaints capability lands it owns this record (same name and fields).
 */
public record ComplaintResolved(String ticketId, String memberId, String category, String priority, Instant resolvedAt, boolean upheld) {
}
