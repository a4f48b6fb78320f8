package com.fanops.messaging.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a webhook delivery: {@code X-Fanops-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code <t>.<body>} with the webhook's secret. The timestamp inside the signed text lets a receiver refuse replays
 * (older than its tolerance, five minutes by default); comparing in constant time keeps the secret from leaking.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Fanops-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    public static String sign(byte[] secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t + "." + body));
    }

    /** True when the header is a valid signature of the body made within the tolerance of {@code now}. */
    public static boolean verify(byte[] secret, String header, String body, Instant now) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("\\d{1,12}")) {
                t = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("v1") && kv[1].matches("[0-9a-f]{64}")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(v1), hmac(secret, t + "." + body));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
