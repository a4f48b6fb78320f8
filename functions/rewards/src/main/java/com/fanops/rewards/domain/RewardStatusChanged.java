package com.fanops.rewards.domain;

import java.time.Instant;

/** Published when an issuance is fulfilled, fails, is revoked or expires; {@code reason} is the operator's or the integration's. */
public record RewardStatusChanged(String memberId, String issuanceId, String itemId, String type, String from, String to, Instant at,
                                  String reason) {
}
