package com.fanops.members.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The member's bearer secret from sign-up: 256 random bits; only its SHA-256 is kept on the profile. */
public final class MemberToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MemberToken() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compared in constant time; a missing token or hash never matches. */
    public static boolean matches(String token, String hash) {
        return token != null && hash != null && !hash.isEmpty()
                && MessageDigest.isEqual(sha256(token).getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
