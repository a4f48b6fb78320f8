package com.fanops.members.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** A published version of a purpose's notice, with its text per locale (zh-CN, en). */
public record Notice(Purpose purpose, int version, Map<String, String> texts, Instant publishedAt, String publishedBy) {

    public static final String DEFAULT_LOCALE = "zh-CN";
    /** The longest notice text per locale, in characters. */
    public static final int MAX_TEXT = 20_000;

    public String text(String locale) {
        return texts.getOrDefault(locale, texts.get(DEFAULT_LOCALE));
    }

    /** Proof of what was shown: SHA-256 of the exact text in the member's locale. */
    public String proofHash(String locale) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text(locale).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
