package com.fanops.testing;

import com.fanops.platform.crypto.DataKeyService;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A key source with a master key held in memory: real AES-GCM wrapping, no KMS endpoint needed here. */
public final class InMemoryDataKeys implements DataKeyService {
    private final byte[] master = new byte[32];
    private final SecureRandom random = new SecureRandom();

    public InMemoryDataKeys() {
        random.nextBytes(master);
    }

    @Override
    public DataKey generate(String purpose) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new DataKey(key, crypt(Cipher.ENCRYPT_MODE, key, purpose));
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String purpose) {
        return crypt(Cipher.DECRYPT_MODE, wrapped, purpose);
    }

    private byte[] crypt(int mode, byte[] input, String purpose) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] iv = new byte[12];
            if (mode == Cipher.DECRYPT_MODE) {
                System.arraycopy(input, 0, iv, 0, 12);
                cipher.init(mode, new SecretKeySpec(master, "AES"), new GCMParameterSpec(128, iv));
                cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(input, 12, input.length - 12);
            }
            random.nextBytes(iv);
            cipher.init(mode, new SecretKeySpec(master, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(input);
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(iv, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
