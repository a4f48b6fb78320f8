package com.fanops.members;

import java.time.Instant;

/** Published when a member is admitted. Holds no personal data. */
public record MemberJoined(String memberId, String channel, String locale, Instant joinedAt, String referralCode) {
}
