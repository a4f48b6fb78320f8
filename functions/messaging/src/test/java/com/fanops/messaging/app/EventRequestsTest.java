package com.fanops.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.events.BusEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRequestsTest {

    private static Optional<MessageRequest> of(String source, String type, Map<String, Object> detail) {
        Map<String, Object> e = new HashMap<>(Map.of("version", "0", "id", "e1", "source", source, "detail-type", type,
                "time", "2026-03-01T16:20:00Z", "detail", detail));
        return EventRequests.of(BusEvent.parse(e));
    }

    @Test
    void aJoinedMemberIsWelcomedOnceButAnImportedOneIsNot() {
        MessageRequest welcome = of("fanops.members", "MemberJoined", Map.of("memberId", "m_01", "imported", false)).orElseThrow();
        assertEquals("welcome", welcome.kind());
        assertEquals(welcome.messageId(), of("fanops.members", "MemberJoined", Map.of("memberId", "m_01")).orElseThrow().messageId(),
                "the same member's join is the same message");
        assertTrue(of("fanops.members", "MemberJoined", Map.of("memberId", "m_02", "imported", true)).isEmpty());
    }

    @Test
    void careOnlyWhenTheMetricsJobAskedForIt() {
        MessageRequest care = of("fanops.metrics", "MemberDormant", Map.of("memberId", "m_01", "day", "2026-03-01",
                "lastActiveDay", "2026-01-30", "careQueued", true)).orElseThrow();
        assertEquals("care", care.kind());
        assertEquals("dormant:2026-03-01", care.cause());
        assertEquals("30", care.params().get("dormantDays"));
        assertTrue(care.problems().isEmpty(), care.problems().toString());
        assertTrue(of("fanops.metrics", "MemberDormant", Map.of("memberId", "m_01", "day", "2026-03-01",
                "lastActiveDay", "2026-01-30", "careQueued", false)).isEmpty(), "a backfilled or unconsented episode asks nothing");
    }

    @Test
    void standingAndPointsEventsBecomeWellFormedRequests() {
        MessageRequest tier = of("fanops.standing", "TierChanged", Map.of("memberId", "m_01", "from", "bronze", "to", "silver",
                "on", "2026-03-01")).orElseThrow();
        assertEquals("tier:2026-03-01:bronze>silver", tier.cause());
        assertTrue(tier.problems().isEmpty(), tier.problems().toString());
        MessageRequest warning = of("fanops.standing", "TierDowngradeWarning", Map.of("memberId", "m_01", "tier", "gold",
                "downgradeTo", "silver", "downgradeOn", "2026-04-01")).orElseThrow();
        assertTrue(warning.problems().isEmpty(), warning.problems().toString());
        MessageRequest expiring = of("fanops.points", "PointsExpiring", Map.of("memberId", "m_01", "points", 120,
                "lotDay", "2025-03-01", "expiresOn", "2026-03-31")).orElseThrow();
        assertEquals("120", expiring.params().get("points"));
        assertTrue(expiring.problems().isEmpty(), expiring.problems().toString());
    }

    @Test
    void aDataRequestUpdateNamesItsDeadlineAsADate() {
        MessageRequest r = of("fanops.members", "DataRequestUpdated", Map.of("memberId", "m_01", "requestId", "m_01.0123abcd",
                "type", "erasure", "status", "open", "deadline", "2026-03-16T02:00:00Z", "at", "2026-03-01T02:00:00Z")).orElseThrow();
        assertEquals("data_request_update", r.kind());
        assertEquals("2026-03-16", r.params().get("deadline"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void aRewardIsAnnouncedByItsNameClippedToWhatATemplateHolds() {
        MessageRequest r = of("fanops.rewards", "RewardIssued", Map.of("memberId", "m_01", "issuanceId", "i_1", "itemId", "coupon-10",
                "type", "coupon", "name", "A".repeat(80))).orElseThrow();
        assertEquals("reward:i_1", r.cause());
        assertEquals(60, r.params().get("rewardName").length());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void eventsWithoutTheirFieldsOrOfOtherTypesImplyNothing() {
        assertTrue(of("fanops.metrics", "MemberDormant", Map.of("memberId", "m_01", "careQueued", true)).isEmpty());
        assertTrue(of("fanops.members", "ConsentChanged", Map.of("memberId", "m_01")).isEmpty());
        assertTrue(of("fanops.members", "MemberJoined", Map.of()).isEmpty());
    }
}
