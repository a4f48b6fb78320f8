package com.fanops.rewards.domain;

import java.time.Instant;

/** The consent an issuance relied on, as the member had given it when the reward was issued: purpose, notice version, when. */
public record ConsentBasis(String purpose, int noticeVersion, Instant givenAt) {
}
