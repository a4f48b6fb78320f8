package com.fanops.members.domain;

import java.time.Instant;

/**
 * One line of the append-only consent ledger: never edited. {@code source} is form, operator or import;
 * {@code sequence} is the member's revision the decision was written at (orders decisions of one instant);
 * {@code proofHash} is the SHA-256 of the notice text shown; {@code origin} holds no raw IP, only a keyed hash.
 */
public record ConsentEntry(String memberId, Purpose purpose, int noticeVersion, boolean granted, Instant at, long sequence,
                           String channel, String locale, String proofHash, String source, String actor, String origin) {
}
