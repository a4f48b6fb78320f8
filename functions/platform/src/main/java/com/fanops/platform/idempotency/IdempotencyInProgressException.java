package com.fanops.platform.idempotency;

/** Another execution holds the key right now; retry later (an SQS redelivery does exactly that). */
public class IdempotencyInProgressException extends RuntimeException {
    public IdempotencyInProgressException(String key) {
        super("another execution is in progress for " + key);
    }
}
