package com.fanops.rewards.domain;

/**
 * Why an issuance exists, and the key that makes it happen at most once: a rule firing for a member on a triggering event
 * ({@code rule:<ruleId>:<memberId>:<eventId>}), a member's redemption under an Idempotency-Key
 * ({@code redeem:<memberId>:<key>}), an operator's grant under its grant id ({@code grant:<grantId>}) or an activity's prize
 * to a top participant ({@code prize:<memberId>:activity-<activityId>:<itemId>}). The same cause delivered any number of
 * times, concurrently or not, yields one issuance.
 */
public record Cause(String kind, String ruleId, String memberId, String eventId) {

    public static Cause rule(String ruleId, String memberId, String eventId) {
        return new Cause("rule", ruleId, memberId, eventId);
    }

    public static Cause redemption(String memberId, String idempotencyKey) {
        return new Cause("redeem", null, memberId, idempotencyKey);
    }

    public static Cause grant(String memberId, String grantId) {
        return new Cause("grant", null, memberId, grantId);
    }

    /** An activity's prize (catalogue item {@code itemId}) for a member ranked within its reach. */
    public static Cause prize(String activityId, String itemId, String memberId) {
        return new Cause("prize", null, memberId, "activity-" + activityId + ":" + itemId);
    }

    public String key() {
        return switch (kind) {
            case "rule" -> "rule:" + ruleId + ":" + memberId + ":" + eventId;
            case "redeem" -> "redeem:" + memberId + ":" + eventId;
            case "grant" -> "grant:" + eventId;
            case "prize" -> "prize:" + memberId + ":" + eventId;
            default -> throw new IllegalStateException(kind);
        };
    }
}
