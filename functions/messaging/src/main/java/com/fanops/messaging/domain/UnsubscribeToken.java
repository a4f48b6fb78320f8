package com.fanops.messaging.domain;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token in a marketing message's one-click unsubscribe link: the message id and an HMAC of it with a key from the
 * keyring, base64url (43 characters), so the link names no member and cannot be forged or altered. The message's log
 * entry says whose consent it withdraws. {@code keyId} lets the key rotate while old links keep working.
 */
public final class UnsubscribeToken {

    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{8}\\.[A-Za-z0-9_-]{43}");
    private static final int MAC_BYTES = 16;

    private UnsubscribeToken() {
    }

    public static String of(String keyId, byte[] key, String messageId) {
        byte[] id = idBytes(messageId);
        byte[] mac = mac(key, id);
        ByteBuffer token = ByteBuffer.allocate(id.length + MAC_BYTES).put(id).put(mac, 0, MAC_BYTES);
        return keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The key id a token was made with (to fetch its key), if the token has the right shape. */
    public static Optional<String> keyId(String token) {
        return token != null && SHAPE.matcher(token).matches() ? Optional.of(token.substring(0, 8)) : Optional.empty();
    }

    /** The message id the token was made for, when its MAC checks out with the key. */
    public static Optional<String> messageId(String token, byte[] key) {
        if (keyId(token).isEmpty()) {
            return Optional.empty();
        }
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(9));
        byte[] id = java.util.Arrays.copyOf(raw, 16);
        byte[] given = java.util.Arrays.copyOfRange(raw, 16, 32);
        byte[] expected = java.util.Arrays.copyOf(mac(key, id), MAC_BYTES);
        return MessageDigest.isEqual(given, expected) ? Optional.of("msg_" + HexFormat.of().formatHex(id)) : Optional.empty();
    }

    private static byte[] idBytes(String messageId) {
        if (!messageId.matches("msg_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a message id");
        }
        return HexFormat.of().parseHex(messageId.substring(4));
    }

    private static byte[] mac(byte[] key, byte[] id) {
        return WebhookSignature.hmac(key, "unsubscribe:" + HexFormat.of().formatHex(id));
    }
}
