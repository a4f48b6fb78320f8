package com.fanops.members.domain;

import java.time.Instant;

/**
 * A consent change sent with an {@code Idempotency-Key}, kept until {@code expiresAt}: the key (per member) and the
 * canonical body as SHA-256 hashes. A retry with the same key and body changes nothing; another body is refused.
 */
public record ConsentReceipt(String keyHash, String bodyHash, Instant createdAt, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
