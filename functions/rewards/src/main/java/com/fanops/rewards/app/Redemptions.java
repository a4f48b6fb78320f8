package com.fanops.rewards.app;

import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.domain.Cause;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.RewardIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A member spends points on a catalogue item, all or nothing: the points taken soonest-expiring first, the stock, the
 * limits, the budget and the archive record in one transaction. The Idempotency-Key makes a retried request answer the
 * first one's issuance; the same key with another item is refused.
 */
public final class Redemptions {

    private final IssuanceService issuance;

    public Redemptions(IssuanceService issuance) {
        this.issuance = issuance;
    }

    public static void checkKey(String key) {
        if (key == null || !RewardIds.KEY.matcher(key).matches()) {
            throw ProblemException.invalidField("idempotency-key", "send an Idempotency-Key header: 8-128 of A-Z a-z 0-9 . _ : -");
        }
    }

    public IssuanceService.Result redeem(MemberSnapshot member, String itemId, String idempotencyKey) {
        checkKey(idempotencyKey);
        ConsentBasis membership = member.consent("membership").orElse(null);
        return issuance.issue(new IssuanceService.Request(Cause.redemption(member.memberId(), idempotencyKey), itemId, member, membership,
                Issuance.REDEMPTION, null, null, member.memberId(), "redemption", hash(itemId), true, null));
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
