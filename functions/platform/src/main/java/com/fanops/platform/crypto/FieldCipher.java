package com.fanops.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level encryption of personal data (AES-256-GCM from the JDK, random 96-bit IV, the record and
 * field as associated data so a value cannot be moved to another member or field), and the blind index:
 * HMAC-SHA256 under a separate key, so lookups never need the plaintext.
 * Ciphertext: {@code v1.<keyId>.<iv b64>.<ciphertext+tag b64>}.
 */
public final class FieldCipher {

    static final String FIELDS = "fields";
    static final String INDEX = "blind-index";

    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    public String encrypt(String recordId, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String keyId = keyring.activeKeyId(FIELDS);
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyring.key(keyId), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(recordId, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return "v1." + keyId + "." + b64.encodeToString(iv) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String recordId, String field, String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        String[] parts = ciphertext.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not a field ciphertext");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyring.key(parts[1]), "AES"),
                    new GCMParameterSpec(128, b64.decode(parts[2])));
            cipher.updateAAD(aad(recordId, field));
            return new String(cipher.doFinal(b64.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong record, field or key)", e);
        }
    }

    /** Keyed hash of a normalised value: equal inputs give equal indexes; nothing about the input leaks without the key. */
    public String blindIndex(String normalised) {
        String keyId = keyring.activeKeyId(INDEX);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyring.key(keyId), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String recordId, String field) {
        byte[] r = recordId.getBytes(StandardCharsets.UTF_8);
        byte[] f = field.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + r.length + f.length).putInt(r.length).put(r).put(f).array();
    }
}
