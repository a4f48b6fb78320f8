package com.fanops.local.lambda;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One pending or running request, handed to whichever process of the function asks for work next. */
final class Invocation {
    final String requestId = UUID.randomUUID().toString();
    final byte[] payload;
    final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
    volatile long deadlineMillis;

    Invocation(byte[] payload) {
        this.payload = payload;
    }
}
