package com.fanops.members.domain;

import java.time.Instant;

/**
 * What a sign-up with an {@code Idempotency-Key} answered, kept until {@code expiresAt} so that a retry gets the same
 * answer: the key and the canonical body as SHA-256 hashes, the member id and status, and the member token as field
 * ciphertext (it is a secret; only this record can give it back).
 */
public record SignUpReceipt(String keyHash, String bodyHash, String memberId, MemberStatus status, String tokenEnc,
                            Instant createdAt, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
