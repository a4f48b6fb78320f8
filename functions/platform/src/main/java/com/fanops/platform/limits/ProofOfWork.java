package com.fanops.platform.limits;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stateless proof-of-work challenge for public forms. {@link #issue()} signs {@code <issued>.<bits>.<id>} with HMAC-SHA256
 * (nothing is stored); the browser finds a counter such that SHA-256 of {@code <token>:<counter>} starts with
 * {@code bits} zero bits (2^bits hashes on average) and sends {@code <token>:<counter>} in the
 * {@value #HEADER} header. {@link #check} verifies signature, age and work without writing; {@link #spend} then marks the
 * token used (one conditional put), so a solution buys exactly one attempt within its short lifetime.
 */
public final class ProofOfWork {

    public static final String HEADER = "X-Challenge-Solution";
    private static final Pattern SOLUTION = Pattern.compile("((\\d{1,12})\\.(\\d{1,2})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})):(\\d{1,12})");
    private static final Duration SKEW = Duration.ofSeconds(30);

    /** What the form is asked to solve. */
    public record Challenge(String token, int difficulty, Instant expiresAt) {
    }

    /** A solution whose signature, age and work are right, not yet used. */
    public record Solved(String id, Instant expiresAt) {
    }

    private final Supplier<byte[]> key;
    private final RateLimiter once;
    private final Clock clock;
    private final int difficulty;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public ProofOfWork(Supplier<byte[]> key, RateLimiter once, Clock clock, int difficulty, Duration lifetime) {
        if (difficulty < 1 || difficulty > 32) {
            throw new IllegalArgumentException("difficulty must be 1 to 32 bits");
        }
        this.key = key;
        this.once = once;
        this.clock = clock;
        this.difficulty = difficulty;
        this.lifetime = lifetime;
    }

    public Challenge issue() {
        Instant now = clock.instant();
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = now.getEpochSecond() + "." + difficulty + "." + b64(id);
        return new Challenge(payload + "." + b64(mac(payload)), difficulty, now.plus(lifetime));
    }

    /** Verifies a solution without using it; a 400 {@code challenge-failed} naming the header otherwise. */
    public Solved check(String solution) {
        if (solution == null || solution.isBlank()) {
            throw failed("is required: solve GET /v1/challenge and send <token>:<counter>");
        }
        Matcher m = SOLUTION.matcher(solution.strip());
        if (!m.matches()) {
            throw failed("must be <token>:<counter> as GET /v1/challenge describes");
        }
        String payload = m.group(2) + "." + m.group(3) + "." + m.group(4);
        if (!MessageDigest.isEqual(b64(mac(payload)).getBytes(StandardCharsets.US_ASCII), m.group(5).getBytes(StandardCharsets.US_ASCII))) {
            throw failed("is not a challenge of ours");
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(m.group(2)));
        Instant now = clock.instant();
        Instant expires = issued.plus(lifetime);
        if (issued.isAfter(now.plus(SKEW)) || !expires.isAfter(now)) {
            throw failed("has expired: solve a new challenge");
        }
        int bits = Integer.parseInt(m.group(3));
        if (bits < difficulty || leadingZeroBits(sha256(m.group(1) + ":" + m.group(6))) < bits) {
            throw failed("does not solve the challenge");
        }
        return new Solved(m.group(4), expires);
    }

    /** Uses a checked solution up; a second use is refused. */
    public void spend(Solved solved) {
        if (!once.useOnce("challenge", solved.id(), solved.expiresAt())) {
            throw failed("was already used: solve a new challenge");
        }
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    private static ProblemException failed(String message) {
        return new ProblemException(new Problem(Problem.BASE + "challenge-failed", "Challenge not solved", 400,
                "This form asks the browser to solve a small puzzle first (" + HEADER + ").", null, null,
                List.of(new FieldError(HEADER, message))));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
            return mac.doFinal(("challenge.v1." + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
