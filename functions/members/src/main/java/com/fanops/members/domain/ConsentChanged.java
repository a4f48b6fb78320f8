package com.fanops.members.domain;

import java.time.Instant;

/** Published on every consent decision after sign-up, so other capabilities stop (or start) using data for that purpose. */
public record ConsentChanged(String memberId, String purpose, boolean granted, int noticeVersion, Instant at, String source) {
}
