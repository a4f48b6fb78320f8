package com.fanops.messaging.app;

import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.events.BusEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events other capabilities publish, as the message requests they imply. The producers only announce what
 * happened; which of it a member is told, and in what words, is decided here and in the templates. The cause makes
 * each occurrence one message, however often its event is delivered.
 */
public final class EventRequests {

    private EventRequests() {
    }

    public static Optional<MessageRequest> of(BusEvent<Map<String, Object>> e) {
        Map<String, Object> d = e.detail();
        String member = text(d, "memberId");
        Instant at = e.time() == null ? Instant.EPOCH : e.time();
        if (member == null) {
            return Optional.empty();
        }
        try {
            return switch (e.source() + "/" + e.detailType()) {
            case "fanops.members/MemberJoined" -> Boolean.TRUE.equals(d.get("imported")) ? Optional.empty()
                    : request(member, MessageKind.WELCOME, "joined", Map.of(), at);
            case "fanops.metrics/MemberDormant" -> Boolean.TRUE.equals(d.get("careQueued"))
                    ? request(member, MessageKind.CARE, "dormant:" + text(d, "day"), params("lastActiveDay", text(d, "lastActiveDay"),
                            "dormantDays", String.valueOf(ChronoUnit.DAYS.between(LocalDate.parse(text(d, "lastActiveDay")),
                                    LocalDate.parse(text(d, "day"))))), at)
                    : Optional.empty();
            case "fanops.standing/TierChanged" -> request(member, MessageKind.TIER_CHANGED,
                    "tier:" + text(d, "on") + ":" + text(d, "from") + ">" + text(d, "to"),
                    params("tier", text(d, "to"), "fromTier", text(d, "from")), at);
            case "fanops.standing/TierDowngradeWarning" -> request(member, MessageKind.TIER_DOWNGRADE_WARNING,
                    "downgrade-warning:" + text(d, "tier") + ":" + text(d, "downgradeOn"),
                    params("tier", text(d, "tier"), "downgradeTo", text(d, "downgradeTo"), "downgradeOn", text(d, "downgradeOn")), at);
            case "fanops.points/PointsExpiring" -> request(member, MessageKind.POINTS_EXPIRING,
                    "points-expiring:" + text(d, "lotDay") + ":" + text(d, "expiresOn"),
                    params("points", text(d, "points"), "expiresOn", text(d, "expiresOn")), at);
            case "fanops.members/DataRequestUpdated" -> request(member, MessageKind.DATA_REQUEST_UPDATE,
                    "data-request:" + text(d, "requestId") + ":" + text(d, "status"),
                    params("requestType", text(d, "type"), "requestStatus", text(d, "status"), "deadline", day(text(d, "deadline"))), at);
            case "fanops.rewards/RewardIssued" -> request(member, MessageKind.REWARD_ISSUED, "reward:" + text(d, "issuanceId"),
                    params("rewardName", clip(Optional.ofNullable(text(d, "name")).orElse(String.valueOf(text(d, "itemId"))), 60),
                            "rewardType", String.valueOf(text(d, "type"))), at);
            default -> Optional.empty();
        };
        } catch (RuntimeException malformed) {
            // An event without the fields its contract promises implies no message; the sender logs it as ignored.
            return Optional.empty();
        }
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                out.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }

    private static Optional<MessageRequest> request(String member, MessageKind kind, String cause, Map<String, String> params, Instant at) {
        return Optional.of(new MessageRequest(member, kind.key(), cause, params, at));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The date of an ISO instant (UTC), the form a template shows a deadline in. */
    private static String day(String instant) {
        return instant == null || instant.length() < 10 ? null : instant.substring(0, 10);
    }

    private static String text(Map<String, Object> d, String name) {
        Object v = d.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
