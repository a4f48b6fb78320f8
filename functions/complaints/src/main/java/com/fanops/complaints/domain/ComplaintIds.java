package com.fanops.complaints.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The ids of the complaints capability. A ticket's id ({@code t_} + 24 hex) is made from the submission (its
 * Idempotency-Key and the contact's blind index), so a submission delivered twice makes one ticket; its number
 * ({@code C-20261124-0042}) is what people read aloud: the business day it came in and that day's counter.
 */
public final class ComplaintIds {

    public static final Pattern TICKET = Pattern.compile("t_[0-9a-f]{24}");
    public static final Pattern NUMBER = Pattern.compile("C-[0-9]{8}-[0-9]{4,6}");
    /** A private link's token: the key id, a dot, an HMAC in unpadded base64url. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,16}\\.[A-Za-z0-9_-]{43}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ComplaintIds() {
    }

    public static String ticketId(String idempotencyKey, String contactIndex) {
        return "t_" + sha256Hex("complaint\n" + idempotencyKey + "\n" + contactIndex).substring(0, 24);
    }

    /** {@code C-<yyyyMMdd>-<n, 4 digits at least>}. */
    public static String number(LocalDate day, long n) {
        return "C-" + day.format(DAY) + "-" + String.format("%04d", n);
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compared in constant time; a missing token or hash never matches. */
    public static boolean tokenMatches(String token, String hash) {
        return token != null && hash != null && !hash.isEmpty()
                && MessageDigest.isEqual(sha256Hex(token).getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    }
}
