package com.fanops.activities.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The members of an activity's audience kept out of it to measure its effect: a share (in basis points, 0-5,000) chosen
 * at random when the activity is published and locked then. A member is held out when HMAC-SHA256(seed, memberId), read
 * as a number in [0, 1), falls below the share: a fresh random seed per activity (drawn at publication, kept on the
 * activity) makes the choice random, independent between activities and fixed for the activity's life - the invitation,
 * the registration check and the evaluation all ask the same question and get the same answer, with no list to store.
 */
public final class Holdout {

    public static final int MAX_SHARE_BP = 5_000;

    private final byte[] seed;
    private final int shareBp;

    public Holdout(byte[] seed, int shareBp) {
        if (shareBp < 0 || shareBp > MAX_SHARE_BP) {
            throw new IllegalArgumentException("holdout share out of range: " + shareBp);
        }
        if (shareBp > 0 && (seed == null || seed.length < 16)) {
            throw new IllegalArgumentException("a holdout needs a seed of at least 16 bytes");
        }
        this.seed = seed == null ? new byte[0] : seed.clone();
        this.shareBp = shareBp;
    }

    public static Holdout none() {
        return new Holdout(null, 0);
    }

    public int shareBp() {
        return shareBp;
    }

    public boolean heldOut(String memberId) {
        if (shareBp == 0) {
            return false;
        }
        return position(memberId) < shareBp / 10_000.0;
    }

    /** The member's place in [0, 1): the HMAC's first 53 bits as a fraction. */
    double position(String memberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            byte[] h = mac.doFinal(memberId.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            return (bits >>> 3) / (double) (1L << 53);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
