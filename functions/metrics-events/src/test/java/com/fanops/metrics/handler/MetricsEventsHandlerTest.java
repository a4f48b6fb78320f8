package com.fanops.metrics.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.metrics.store.MemberFacts;
import com.fanops.metrics.domain.MemberMetricState;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Member and standing events into the metrics table, against DynamoDB Local: every event delivered twice, out of
 * order, and for staff and test accounts. Each test starts from an empty table (the counters are shared items).
 */
class MetricsEventsHandlerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The handler's clock is far from the events' own times: days must come from the events. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-15T09:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static MetricsEventsHandler handler;
    private static MemberFacts facts;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new MetricsEventsHandler(dynamo.client(), "MetricsTable", ZONE, CLOCK);
        facts = new MemberFacts(dynamo.client(), "MetricsTable", CLOCK, new CapacityMeter());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void empty() {
        dynamo.client().scan(b -> b.tableName("MetricsTable")).items().forEach(i -> dynamo.client().deleteItem(b -> b.tableName("MetricsTable")
                .key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
    }

    /** An EventBridge event as a Lambda target receives it. */
    private static Map<String, Object> event(String source, String type, Map<String, Object> detail) {
        Map<String, Object> e = new HashMap<>();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", type);
        e.put("source", source);
        e.put("time", "2026-11-22T02:00:00Z");
        e.put("detail", detail);
        return e;
    }

    private static Map<String, Object> joined(String id, String joinedAt, String kind, Boolean imported) {
        Map<String, Object> d = new HashMap<>(Map.of("memberId", id, "channel", "wechat", "locale", "zh-CN", "joinedAt", joinedAt));
        if (kind != null) {
            d.put("kind", kind);
        }
        if (imported != null) {
            d.put("imported", imported);
        }
        return event("fanops.members", "MemberJoined", d);
    }

    private static Map<String, Object> status(String id, String from, String to, String at) {
        return event("fanops.members", "MemberStatusChanged", Map.of("memberId", id, "from", from, "to", to, "at", at, "actor", "x"));
    }

    private static Map<String, Object> category(String id, String from, String to, long revision) {
        return event("fanops.standing", "CategoryChanged", Map.of("memberId", id, "from", from, "to", to, "score", 12.5, "activeDays", 3,
                "on", "2026-11-22", "rulesVersion", 0, "revision", revision));
    }

    private static Map<String, Object> tier(String id, String from, String to, long revision) {
        return event("fanops.standing", "TierChanged", Map.of("memberId", id, "from", from, "to", to, "reason", "qualified",
                "on", "2026-11-22", "holdUntil", "2027-11-22", "rulesVersion", 0, "revision", revision));
    }

    /** Delivers each event twice, as Lambda's retries may. */
    private static void deliverTwice(List<Map<String, Object>> events) {
        events.forEach(e -> handler.handleRequest(e, null));
        events.forEach(e -> handler.handleRequest(e, null));
    }

    /**
     * Everything in the table but the event markers, for before/after comparisons; without the member items' own
     * revision, which counts their writes (an out-of-order event that adds nothing is not written), and without
     * counters back at zero.
     */
    private static Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        dynamo.client().scan(b -> b.tableName("MetricsTable")).items().stream().filter(i -> !i.get("pk").s().startsWith("EVT#"))
                .forEach(i -> {
                    Map<String, AttributeValue> item = new TreeMap<>(i);
                    item.remove("rev");
                    item.values().removeIf(v -> "0".equals(v.n())); // a counter at zero is a counter never moved
                    if (item.size() > 2) {
                        out.put(i.get("pk").s() + "/" + i.get("sk").s(), item);
                    }
                });
        return out;
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        var i = dynamo.client().getItem(b -> b.tableName("MetricsTable").key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
                .item();
        return i == null || i.isEmpty() ? null : i;
    }

    private static Map<String, Long> counts(String day) {
        Map<String, AttributeValue> i = item("COUNTS", day);
        Map<String, Long> out = new TreeMap<>();
        if (i != null) {
            for (String k : List.of("joins", "exits")) {
                if (i.containsKey(k) && Long.parseLong(i.get(k).n()) != 0) {
                    out.put(k, Long.parseLong(i.get(k).n()));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> dist() {
        Map<String, Long> d = new TreeMap<>(facts.distribution());
        d.values().removeIf(v -> v == 0);
        return d;
    }

    @Test
    void aJoinCountsOnceOnTheBusinessDayOfItsOwnTimeWhateverIsDeliveredTwice() {
        // 01:30 on 22 November in Shanghai, still the 21st in UTC; the handler's clock says January.
        var join = joined("m_j1", "2026-11-21T17:30:00Z", null, null);
        deliverTwice(List.of(join));
        var once = items();
        Map<String, Object> republished = new HashMap<>(join);
        republished.put("id", "republished-by-the-relay");
        handler.handleRequest(republished, null);
        assertEquals(once, items(), "the same join published again under another id changes nothing");
        assertEquals(Map.of("joins", 1L), counts("2026-11-22"));
        assertEquals("member", item("JOIN#2026-11-22", "m_j1").get("kind").s(), "an older event without kind is a member");
        assertFalse(item("JOIN#2026-11-22", "m_j1").get("imported").bool());
        assertEquals(Map.of("cat_potential", 1L, "tier_bronze", 1L), dist(), "a new member is potential and bronze");
        MemberMetricState m = facts.member("m_j1").orElseThrow();
        assertEquals(LocalDate.parse("2026-11-22"), m.joinDay());
        assertTrue(item("EVT#" + join.get("id"), "EVT").get("expiresAt").n().startsWith(
                String.valueOf(CLOCK.instant().plusSeconds(30L * 86400).getEpochSecond()).substring(0, 6)), "markers expire after 30 days");
    }

    @Test
    void standingMovesOneMemberAndAnExitTakesThemOutOnce() {
        deliverTwice(List.of(joined("m_x1", "2026-11-01T02:00:00Z", "member", false), joined("m_x2", "2026-11-01T03:00:00Z", null, null),
                category("m_x1", "potential", "regular", 1), tier("m_x1", "bronze", "silver", 1), category("m_x1", "regular", "active", 2)));
        assertEquals(Map.of("cat_active", 1L, "cat_potential", 1L, "tier_bronze", 1L, "tier_silver", 1L), dist());

        deliverTwice(List.of(status("m_x1", "active", "muted", "2026-11-10T02:00:00Z"), status("m_x1", "muted", "removed", "2026-11-12T02:00:00Z"),
                status("m_x1", "removed", "erased", "2026-11-20T02:00:00Z")));
        assertEquals(Map.of("cat_potential", 1L, "tier_bronze", 1L), dist(), "the removed member's category and tier are gone");
        assertEquals(Map.of("joins", 2L), counts("2026-11-01"));
        assertEquals(Map.of("exits", 1L), counts("2026-11-12"), "removed then erased is one exit, on the day of removal");
        assertEquals(Map.of(), counts("2026-11-20"));
        Map<String, AttributeValue> exit = item("EXIT#2026-11-12", "m_x1");
        assertEquals("removed", exit.get("to").s());
        assertEquals("2026-11-01", exit.get("joinDay").s());
        assertEquals("2026-11-12", item("JOIN#2026-11-01", "m_x1").get("exitDay").s());
        assertEquals(LocalDate.parse("2026-11-12"), facts.member("m_x1").orElseThrow().exitDay());

        deliverTwice(List.of(tier("m_x1", "silver", "gold", 3)));
        assertEquals(Map.of("cat_potential", 1L, "tier_bronze", 1L), dist(), "a late standing change of an exited member moves nothing");
    }

    @Test
    void eventsOutOfOrderGiveTheSameFacts() {
        // The true order: join, tier bronze->silver (rev 1), silver->gold (rev 2), category (rev 2), left, erased.
        var join = joined("m_o1", "2026-11-05T02:00:00Z", null, null);
        var silver = tier("m_o1", "bronze", "silver", 1);
        var gold = tier("m_o1", "silver", "gold", 2);
        var regular = category("m_o1", "potential", "regular", 2);
        var left = status("m_o1", "active", "left", "2026-11-08T02:00:00Z");
        var erased = status("m_o1", "left", "erased", "2026-11-09T02:00:00Z");

        deliverTwice(List.of(gold, regular, silver)); // the standing before the join
        assertEquals(Map.of(), dist(), "nobody counts before their join is known");
        deliverTwice(List.of(join));
        assertEquals(Map.of("cat_regular", 1L, "tier_gold", 1L), dist(), "a late join counts the standing it already has");
        assertEquals(Map.of("joins", 1L), counts("2026-11-05"));
        var inOrder = items();

        empty();
        deliverTwice(List.of(join, silver, gold, regular));
        assertEquals(inOrder, items(), "in order, the same items");

        deliverTwice(List.of(erased, left)); // erasure first: the exit is still the day of leaving
        assertEquals(Map.of("exits", 1L), counts("2026-11-08"));
        assertEquals(Map.of(), counts("2026-11-09"));
        assertEquals("left", item("EXIT#2026-11-08", "m_o1").get("to").s());
        assertEquals(null, item("EXIT#2026-11-09", "m_o1"), "the exit moved to the earlier day");
        assertEquals(Map.of(), dist());
        var exitedInOrder = items();

        empty();
        deliverTwice(List.of(left, gold, join, erased, silver, regular)); // an exit before the join
        assertEquals(exitedInOrder, items());
    }

    @Test
    void staffAndTestAccountsAreMarkedAndCountNowhere() {
        deliverTwice(List.of(joined("m_s1", "2026-11-03T02:00:00Z", "staff", true), joined("m_t1", "2026-11-03T02:00:00Z", "test", false),
                tier("m_s1", "bronze", "gold", 1), category("m_t1", "potential", "core", 1),
                status("m_t1", "active", "left", "2026-11-04T02:00:00Z")));
        assertEquals(Map.of(), dist());
        assertEquals(Map.of(), counts("2026-11-03"));
        assertEquals(Map.of(), counts("2026-11-04"));
        assertEquals("staff", item("XCL", "m_s1").get("kind").s());
        assertEquals("test", item("XCL", "m_t1").get("kind").s());
        assertEquals("staff", item("JOIN#2026-11-03", "m_s1").get("kind").s());
        assertTrue(item("JOIN#2026-11-03", "m_s1").get("imported").bool());
        assertEquals("test", item("EXIT#2026-11-04", "m_t1").get("kind").s(), "exit rows say the kind, like join rows");
    }

    @Test
    void aPendingMemberErasedBeforeAdmissionIsNoExit() {
        deliverTwice(List.of(status("m_p1", "pending", "erased", "2026-11-06T02:00:00Z"), status("m_p2", "pending", "rejected",
                "2026-11-06T02:00:00Z")));
        assertEquals(Map.of(), counts("2026-11-06"));
        assertEquals(null, item("EXIT#2026-11-06", "m_p1"));
        assertEquals(Map.of(), dist());
        assertEquals(null, item("MEMBER#m_p2", "M"), "a rejection is no metric");
    }

    @Test
    void concurrentEventsOfManyMembersKeepEveryCounterExact() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            String id = "m_c" + m;
            events.add(joined(id, "2026-11-0" + (1 + m % 3) + "T02:00:00Z", null, null));
            events.add(category(id, "potential", m % 2 == 0 ? "regular" : "active", 1));
            events.add(tier(id, "bronze", "silver", 1));
            if (m % 5 == 0) {
                events.add(status(id, "active", "left", "2026-11-07T02:00:00Z"));
            }
        }
        java.util.Collections.shuffle(events, new java.util.Random(11));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Map<String, Object> e : events) {
                done.add(pool.submit(() -> handler.handleRequest(e, null)));
                done.add(pool.submit(() -> handler.handleRequest(e, null)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of("cat_active", 12L, "cat_regular", 12L, "tier_silver", 24L), dist(), "30 members, 6 left");
        assertEquals(Map.of("joins", 10L), counts("2026-11-01"));
        assertEquals(Map.of("exits", 6L), counts("2026-11-07"));
    }

    @Test
    void anEventWithoutItsMemberGoesBackToLambdaAndUnknownEventsAreIgnored() {
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event("fanops.members", "MemberJoined",
                Map.of("channel", "web")), null));
        handler.handleRequest(event("fanops.members", "ConsentChanged", Map.of("memberId", "m_z")), null);
        assertEquals(Map.of(), items());
    }
}
