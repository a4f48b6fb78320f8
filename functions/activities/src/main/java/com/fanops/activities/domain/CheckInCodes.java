package com.fanops.activities.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A registered member's rotating check-in code, the way a one-time password works (RFC 6238's time steps, HMAC-SHA256):
 * the code of a registration changes every {@link #STEP}, so a screenshot passed around stops working within about 30
 * seconds. The member's page shows it (as a QR code and as text); the staff tablet scans or types it.
 *
 * <p>A code is {@code <registration number>-<6 digits>}: the number says whose registration it is (it is shown on the
 * member's page and is no secret), the digits prove the member holds the page now. The activity's key never leaves the
 * server: the member's page asks the API for the current code with the member's token. A code is accepted during its own
 * step and {@link #GRACE} after it (the member may show it a moment before it turns), so for 30-40 seconds.
 */
public final class CheckInCodes {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final Duration GRACE = Duration.ofSeconds(10);
    /** How far back an old code is still recognised as this activity's, to answer "expired" rather than "not ours". */
    static final int RECOGNISED_STEPS = 2 * 60 * 12;

    private static final Pattern CODE = Pattern.compile("([1-9][0-9]{0,6})-([0-9]{6})");

    private final byte[] key;

    /** @param key the activity's secret (32 random bytes, kept on the activity item, never sent to a client) */
    public CheckInCodes(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a check-in key has at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** The code a registration shows at a time, and until when the page should show it. */
    public record Code(String text, Instant refreshAt, Instant validUntil) {
    }

    /** Why a code was refused, or the registration number it proves. */
    public record Verdict(Outcome outcome, long registrationNo) {
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    public enum Outcome { ACCEPTED, EXPIRED, NOT_THIS_ACTIVITY, MALFORMED }

    public Code current(long registrationNo, Instant at) {
        long step = step(at);
        Instant next = Instant.ofEpochSecond((step + 1) * STEP.getSeconds());
        return new Code(registrationNo + "-" + digits(registrationNo, step), next, next.plus(GRACE));
    }

    /** Checks a scanned or typed code at a time. */
    public Verdict verify(String code, Instant at) {
        Matcher m = code == null ? null : CODE.matcher(code.strip());
        if (m == null || !m.matches()) {
            return new Verdict(Outcome.MALFORMED, 0);
        }
        long registrationNo = Long.parseLong(m.group(1));
        byte[] typed = m.group(2).getBytes(StandardCharsets.US_ASCII);
        long now = step(at);
        if (matches(registrationNo, now, typed)) {
            return new Verdict(Outcome.ACCEPTED, registrationNo);
        }
        boolean inGrace = !at.isAfter(Instant.ofEpochSecond(now * STEP.getSeconds()).plus(GRACE));
        if (matches(registrationNo, now - 1, typed)) {
            return new Verdict(inGrace ? Outcome.ACCEPTED : Outcome.EXPIRED, registrationNo);
        }
        for (long s = now - 2; s >= now - RECOGNISED_STEPS; s--) {
            if (matches(registrationNo, s, typed)) {
                return new Verdict(Outcome.EXPIRED, registrationNo);
            }
        }
        return new Verdict(Outcome.NOT_THIS_ACTIVITY, registrationNo);
    }

    private boolean matches(long registrationNo, long step, byte[] typed) {
        return MessageDigest.isEqual(digits(registrationNo, step).getBytes(StandardCharsets.US_ASCII), typed);
    }

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /** RFC 4226's dynamic truncation of HMAC(key, registration number || step), 6 decimal digits. */
    String digits(long registrationNo, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal((registrationNo + ":" + step).getBytes(StandardCharsets.US_ASCII));
            int offset = h[h.length - 1] & 0x0f;
            int bin = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether a code has the right shape (for input checking before any read). */
    public static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code.strip()).matches();
    }

    /** The registration number a well-formed code names. */
    public static Optional<Long> registrationNo(String code) {
        Matcher m = code == null ? null : CODE.matcher(code.strip());
        return m != null && m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
