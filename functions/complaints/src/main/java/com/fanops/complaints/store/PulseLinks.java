package com.fanops.complaints.store;

import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.platform.crypto.Keyring;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A sampled member's private pulse link: {@code <site>/pulse.html#<pulseId>.<token>}. The token is the keyring's
 * {@code pulse-link} key id and an HMAC-SHA256 of the pulse and member ids under that key: unguessable without the key,
 * the same each time it is made (a rerun of the sampling sends the same link). Only its SHA-256 is stored, without the
 * member id.
 */
public final class PulseLinks {

    static final String PURPOSE = "pulse-link";
    private final Keyring keyring;
    private final String siteUrl;

    public PulseLinks(Keyring keyring, String siteUrl) {
        this.keyring = keyring;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    public String token(String pulseId, String memberId) {
        String keyId = keyring.activeKeyId(PURPOSE);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyring.key(keyId), "HmacSHA256"));
            byte[] tag = mac.doFinal(("pulse-link\n" + pulseId + "\n" + memberId).getBytes(StandardCharsets.UTF_8));
            return keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is stored of a token. */
    public static String hash(String token) {
        return ComplaintIds.sha256Hex(token);
    }

    public String page(String pulseId, String token) {
        return siteUrl + "/pulse.html#" + pulseId + "." + token;
    }
}
