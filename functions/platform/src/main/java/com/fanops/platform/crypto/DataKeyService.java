package com.fanops.platform.crypto;

/** Where data keys come from: KMS in AWS (and the local KMS stand-in on a laptop). */
public interface DataKeyService {

    record DataKey(byte[] plaintext, byte[] wrapped) {
    }

    /** A new 256-bit key, in plaintext for use now and wrapped for storage. */
    DataKey generate(String purpose);

    /** The plaintext of a stored wrapped key. */
    byte[] unwrap(byte[] wrapped, String purpose);
}
