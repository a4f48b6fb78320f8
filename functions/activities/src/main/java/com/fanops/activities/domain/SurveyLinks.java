package com.fanops.activities.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The post-activity survey link's credential, one per member and activity: {@code <memberId>.<tag>}, the tag an
 * HMAC-SHA256 of the activity and member ids (base64url, 43 characters) under a key derived from the activity's secret key
 * (the one drawn at publication, kept on the activity item and never sent to a client). Whoever holds the link may answer
 * that member's survey of that activity and nothing else: it is not the member token, opens no other route, and is
 * useless for another activity or member. It needs no storage (the same link each time it is made) and lives exactly as
 * long as the survey: the answer route refuses it before the end and 30 days after ({@code Surveys.OPEN_FOR}); an
 * activity's end cannot move once it is published.
 */
public final class SurveyLinks {

    private static final Pattern TOKEN = Pattern.compile("(m_[0-9a-f]{1,64})\\.([A-Za-z0-9_-]{43})");

    private final byte[] key;

    /** @param activityKey the activity's secret (its check-in key); the link key is derived from it for this use only */
    public SurveyLinks(byte[] activityKey) {
        if (activityKey == null || activityKey.length < 16) {
            throw new IllegalArgumentException("an activity key has at least 16 bytes");
        }
        this.key = hmac(activityKey, "fanops activity survey link v1");
    }

    public String token(String activityId, String memberId) {
        return memberId + "." + tag(activityId, memberId);
    }

    /** The member a token proves for this activity; empty for a malformed, forged or another activity's token. */
    public Optional<String> memberOf(String activityId, String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        byte[] expected = tag(activityId, m.group(1)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(2).getBytes(StandardCharsets.US_ASCII)) ? Optional.of(m.group(1)) : Optional.empty();
    }

    private String tag(String activityId, String memberId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, "survey\n" + activityId + "\n" + memberId));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
