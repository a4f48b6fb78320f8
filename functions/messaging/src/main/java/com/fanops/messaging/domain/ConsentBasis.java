package com.fanops.messaging.domain;

import java.time.Instant;

/**
 * The consent a send relied on: the purpose's decision in force at send time, which names its ledger entry (the
 * member's consent ledger holds exactly one entry for a purpose at that instant and notice version).
 */
public record ConsentBasis(String purpose, boolean granted, int noticeVersion, Instant at) {
}
