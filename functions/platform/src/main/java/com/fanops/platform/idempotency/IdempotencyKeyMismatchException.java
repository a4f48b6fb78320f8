package com.fanops.platform.idempotency;

/** The key was used before with a different payload: the caller reused a key for another request. */
public class IdempotencyKeyMismatchException extends RuntimeException {
    public IdempotencyKeyMismatchException(String key) {
        super("idempotency key reused with a different payload: " + key);
    }
}
