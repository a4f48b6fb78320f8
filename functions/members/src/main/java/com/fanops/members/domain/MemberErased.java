package com.fanops.members.domain;

import java.time.Instant;

/** A member's personal data was erased: every capability removes or anonymises what it holds about them. */
public record MemberErased(String memberId, Instant at) {
}
