package com.fanops.members.domain;

import java.time.Instant;

/** One line of a member's status history: never overwritten, evidence only when the operator gave some. */
public record StatusLine(String from, String to, String reason, String evidence, String actor, Instant at) {
}
