package com.fanops.rewards.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * A manager's grant above the approval threshold, waiting for an admin: who asked, for whom, what, why; then who decided,
 * when and why, and the issuance an approval made.
 */
public record Approval(String approvalId, String memberId, String itemId, String grantId, String reason, String requestedBy,
                       Instant requestedAt, long cost, Status status, String decidedBy, Instant decidedAt, String decisionReason,
                       String issuanceId) {

    /** pending -> approved (the grant is issued) or rejected; both final. */
    public enum Status {
        PENDING, APPROVED, REJECTED;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
