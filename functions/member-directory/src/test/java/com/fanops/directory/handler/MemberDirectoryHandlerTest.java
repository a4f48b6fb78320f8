package com.fanops.directory.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The directory's projector as EventBridge invokes it: events twice, in any order, end in one entry; a rebuild for existing members. */
class MemberDirectoryHandlerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant JOINED = Instant.parse("2026-11-01T02:00:00Z");
    private static LocalDynamo dynamo;
    private static MemberDirectoryHandler handler;
    private static MemberStore members;
    private static MemberDirectoryStore directory;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new MemberDirectoryHandler(dynamo.client(), "MembersTable", "MemberDirectoryTable", "InteractionsTable", ZONE);
        members = new MemberStore(dynamo.client(), "MembersTable");
        directory = new MemberDirectoryStore(dynamo.client(), "MemberDirectoryTable", ZONE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A member as the sign-up writes one (no personal data needed here: the directory never reads it). */
    private static String join(boolean marketing) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "");
        members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "wechat", "Wuhan", "zh-CN", JOINED, "email", "idx-" + id,
                        "n", "c", null, null, null, null, "hash"),
                List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, JOINED, 1, "wechat", "zh-CN", "proof", "form", "member", null),
                        new ConsentEntry(id, Purpose.MARKETING, 1, marketing, JOINED, 1, "wechat", "zh-CN", "proof", "form", "member", null)),
                null, List.of());
        return id;
    }

    private static Map<String, Object> event(String id, String source, String type, Map<String, Object> detail) {
        return Map.of("version", "0", "id", id, "detail-type", type, "source", source, "time", "2026-12-01T00:00:00Z", "detail", detail);
    }

    @Test
    void eventsDeliveredTwiceInAnyOrderEndInTheSameEntry() {
        Random random = new Random(3);
        for (int run = 0; run < 6; run++) {
            String id = join(true);
            members.changeStatus(members.profile(id).orElseThrow(), MemberStatus.WARNED, "spam", null, "manager@brand.cn",
                    JOINED.plusSeconds(3600), List.of());
            List<Map<String, Object>> events = new ArrayList<>(List.of(
                    event("e1", "fanops.members", "MemberJoined", Map.of("memberId", id, "channel", "wechat", "locale", "zh-CN",
                            "joinedAt", JOINED.toString())),
                    event("e2", "fanops.members", "MemberStatusChanged", Map.of("memberId", id, "from", "active", "to", "warned",
                            "at", JOINED.plusSeconds(3600).toString(), "actor", "manager@brand.cn")),
                    event("e3", "fanops.standing", "TierChanged", Map.of("memberId", id, "from", "bronze", "to", "silver", "reason", "upgrade",
                            "on", "2026-11-05", "holdUntil", "2027-11-05", "rulesVersion", 0, "revision", 2)),
                    event("e4", "fanops.standing", "TierChanged", Map.of("memberId", id, "from", "silver", "to", "gold", "reason", "upgrade",
                            "on", "2026-11-09", "holdUntil", "2027-11-09", "rulesVersion", 0, "revision", 5)),
                    event("e5", "fanops.standing", "CategoryChanged", Map.of("memberId", id, "from", "potential", "to", "active", "score", 31.5,
                            "activeDays", 7, "on", "2026-11-09", "rulesVersion", 0, "revision", 5)),
                    event("e6", "fanops.standing", "CategoryChanged", Map.of("memberId", id, "from", "active", "to", "regular", "score", 12.25,
                            "activeDays", 7, "on", "2026-11-29", "rulesVersion", 0, "revision", 6)),
                    event("e7", "fanops.metrics", "MemberDormant", Map.of("memberId", id, "day", "2026-12-10", "lastActiveDay", "2026-11-10",
                            "careQueued", true))));
            events.addAll(new ArrayList<>(events));
            Collections.shuffle(events, random);
            events.forEach(e -> handler.handleRequest(e, null));

            DirectoryEntry entry = directory.get(id).orElseThrow();
            assertEquals("warned", entry.status());
            assertEquals("wechat", entry.channel());
            assertEquals(JOINED, entry.joinedAt());
            assertTrue(entry.marketing());
            assertEquals("gold", entry.tier());
            assertEquals("regular", entry.category());
            assertEquals(12.25, entry.score());
            assertTrue(entry.dormant());
            assertEquals(LocalDate.of(2026, 11, 10), entry.lastActiveDay());
            long version = entry.version();
            events.forEach(e -> handler.handleRequest(e, null));
            assertEquals(version, directory.get(id).orElseThrow().version(), "a third delivery writes nothing");
        }
        List<String> warnedGold = new ArrayList<>();
        directory.page(DirectoryQuery.parse(Map.of("status", "warned", "tier", "gold")), null, 50).entries()
                .forEach(e -> warnedGold.add(e.memberId()));
        assertEquals(6, warnedGold.size());
    }

    @Test
    void aStandingEventBeforeTheJoinWaitsUnlistedAndAnUnknownMemberIsNotInvented() {
        String id = join(false);
        handler.handleRequest(event("t1", "fanops.standing", "TierChanged", Map.of("memberId", id, "from", "bronze", "to", "diamond",
                "reason", "upgrade", "on", "2026-11-05", "holdUntil", "2027-11-05", "rulesVersion", 0, "revision", 1)), null);
        assertFalse(directory.get(id).orElseThrow().listed());
        handler.handleRequest(event("j1", "fanops.members", "MemberJoined", Map.of("memberId", id, "channel", "wechat", "locale", "zh-CN",
                "joinedAt", JOINED.toString())), null);
        DirectoryEntry entry = directory.get(id).orElseThrow();
        assertTrue(entry.listed());
        assertEquals("diamond", entry.tier());
        assertFalse(entry.marketing());

        handler.handleRequest(event("j2", "fanops.members", "MemberJoined", Map.of("memberId", "m_0123456789abcdef", "channel", "web",
                "locale", "en", "joinedAt", JOINED.toString())), null);
        assertTrue(directory.get("m_0123456789abcdef").isEmpty());
    }

    @Test
    void aRebuildListsExistingMembersWithTheirStoredStanding() {
        String withStanding = join(true);
        String without = join(false);
        Map<String, AttributeValue> standing = new HashMap<>();
        standing.put("pk", AttributeValue.fromS("MEMBER#" + withStanding));
        standing.put("sk", AttributeValue.fromS("STANDING"));
        standing.put("category", AttributeValue.fromS("core"));
        standing.put("tier", AttributeValue.fromS("diamond"));
        standing.put("rulesVersion", AttributeValue.fromN("0"));
        standing.put("rev", AttributeValue.fromN("4"));
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(standing));

        String after = null;
        int rebuilt = 0;
        do {
            Map<String, Object> rebuild = new HashMap<>();
            rebuild.put("segment", 0);
            rebuild.put("totalSegments", 1);
            rebuild.put("after", after);
            rebuild.put("pages", 1);
            Map<String, Object> answer = handler.handleRequest(Map.of("rebuild", rebuild), null);
            rebuilt += (Integer) answer.get("members");
            after = (String) answer.get("after");
        } while (after != null);
        assertTrue(rebuilt >= 2);
        DirectoryEntry a = directory.get(withStanding).orElseThrow();
        assertEquals("diamond", a.tier());
        assertEquals("core", a.category());
        assertTrue(a.listed());
        DirectoryEntry b = directory.get(without).orElseThrow();
        assertEquals("bronze", b.tier());
        assertNull(b.scoreOn());
        // A rebuild run again changes nothing, and never undoes a newer event.
        handler.handleRequest(event("t9", "fanops.standing", "TierChanged", Map.of("memberId", withStanding, "from", "diamond", "to", "gold",
                "reason", "downgrade", "on", "2026-12-01", "holdUntil", "2027-12-01", "rulesVersion", 0, "revision", 5)), null);
        handler.handleRequest(Map.of("rebuild", Map.of("segment", 0, "totalSegments", 1)), null);
        assertEquals("gold", directory.get(withStanding).orElseThrow().tier());
    }
}
