package com.fanops.members.domain;

import java.time.Instant;

/** Published on every status change (left, warned, muted, removed, restored, erased). No personal data. */
public record MemberStatusChanged(String memberId, String from, String to, Instant at, String actor) {
}
