package com.fanops.members.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.app.SegmentMembers;
import com.fanops.members.app.Segments;
import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.Ranks;
import com.fanops.members.domain.Segment;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.ProblemException;
import com.fanops.testing.LocalDynamo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The member directory against DynamoDB Local: every filter and order paged through small pages equals a brute force over
 * all entries (no duplicates, no gaps, across shards and statuses), cursors bound to their query, counts, segments.
 */
class MemberDirectoryStoreTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);
    private static final List<String> STATUSES = List.of("active", "active", "active", "active", "warned", "muted", "left", "removed");
    private static final List<String> CHANNELS = List.of("web", "wechat", "store");
    private static LocalDynamo dynamo;
    private static MemberDirectoryStore store;
    private static final List<DirectoryEntry> ALL = new ArrayList<>();

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        store = new MemberDirectoryStore(dynamo.client(), "MemberDirectoryTable", ZONE);
        Random random = new Random(7);
        Instant base = Instant.parse("2026-06-01T00:00:00Z");
        for (int i = 0; i < 240; i++) {
            String id = "m_" + Integer.toHexString(0x1000 + i * 7919);
            // Some members share a join instant and a score, so ties are broken by id.
            Instant joined = base.plusSeconds((long) (i / 2) * 86_400 / 3 + (i % 5 == 0 ? 0 : random.nextInt(1000)));
            double score = i % 6 == 0 ? 12.5 : Math.round(random.nextDouble() * 80_000) / 1000.0;
            DirectoryEntry e = new DirectoryEntry(id, STATUSES.get(random.nextInt(STATUSES.size())), i % 17 == 0 ? "staff" : "member",
                    CHANNELS.get(random.nextInt(CHANNELS.size())), joined, random.nextBoolean(), 3, Ranks.TIERS.get(random.nextInt(4)), 4,
                    Ranks.CATEGORIES.get(random.nextInt(4)), 4, score, LocalDate.of(2026, 11, 30),
                    random.nextInt(4) == 0 ? LocalDate.of(2026, 11, 20) : null, null, LocalDate.of(2026, 10, 21), 0);
            store.put(e);
            ALL.add(e.withVersion(1));
        }
        // Known to the directory but not yet listed (its MemberJoined has not arrived): never in a list.
        store.put(DirectoryEntry.empty("m_ffff").withTier("bronze", "gold", 3L, LocalDate.of(2026, 11, 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void everyFilterAndOrderPagesExactlyTheMatchingMembers() {
        List<Map<String, String>> filters = List.of(Map.of(), Map.of("tier", "gold"), Map.of("category", "core", "channel", "wechat"),
                Map.of("status", "left"), Map.of("kind", "staff"), Map.of("joinedFrom", "2026-06-10", "joinedTo", "2026-07-20"),
                Map.of("dormant", "true"), Map.of("scoreMin", "12.5", "scoreMax", "40"), Map.of("marketing", "true", "tier", "silver"),
                Map.of("tier", "diamond", "scoreMin", "30", "joinedTo", "2026-08-01"));
        int checked = 0;
        for (Map<String, String> filter : filters) {
            for (DirectoryQuery.Sort sort : DirectoryQuery.Sort.values()) {
                Map<String, String> asked = new HashMap<>(filter);
                asked.put("sort", sort.key());
                DirectoryQuery query = DirectoryQuery.parse(asked);
                List<String> expected = bruteForce(query);
                List<String> paged = new ArrayList<>();
                String cursor = null;
                int calls = 0;
                do {
                    MemberDirectoryStore.Page page = store.page(query, MemberDirectoryStore.after(query, cursor), 7);
                    assertTrue(page.entries().size() <= 7);
                    page.entries().forEach(e -> paged.add(e.memberId()));
                    cursor = MemberDirectoryStore.cursor(query, page.after());
                    assertTrue(++calls < 200, "ends");
                } while (cursor != null);
                assertEquals(expected, paged, asked.toString());
                assertEquals(expected.size(), new HashSet<>(paged).size(), "no duplicates");
                assertEquals(expected.size(), store.count(query, 100_000).count(), "count " + asked);
                checked += expected.size();
            }
        }
        assertTrue(checked > 500, "the filters matched members: " + checked);
    }

    @Test
    void aPageReadsABoundedNumberOfItems() {
        DirectoryQuery rare = DirectoryQuery.parse(Map.of("kind", "staff", "category", "core"));
        MemberDirectoryStore.Page page = store.page(rare, null, 50);
        assertTrue(page.read() <= MemberDirectoryStore.SCAN_BUDGET + 50 * 6, "read " + page.read());
        DirectoryQuery everyone = DirectoryQuery.everyone();
        MemberDirectoryStore.Page first = store.page(everyone, null, 10);
        assertEquals(10, first.entries().size());
        assertTrue(first.read() <= 6 * 12, "an unfiltered page reads about a page per partition: " + first.read());
        MemberDirectoryStore.Count bounded = store.count(everyone, 20);
        assertFalse(bounded.complete());
    }

    @Test
    void aCursorIsBoundToItsQuery() {
        DirectoryQuery gold = DirectoryQuery.parse(Map.of("tier", "gold"));
        String cursor = MemberDirectoryStore.cursor(gold, store.page(gold, null, 3).after());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> MemberDirectoryStore.after(DirectoryQuery.parse(Map.of("tier", "silver")), cursor)).problem().status());
        for (String bad : List.of("x", "eyJ9", Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"a\":\"2026-01-01T00:00:00.000Z#m_1\",\"q\":\"0000000000000000\"}".getBytes(StandardCharsets.UTF_8)),
                Base64.getUrlEncoder().withoutPadding().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)))) {
            ProblemException refused = assertThrows(ProblemException.class, () -> MemberDirectoryStore.after(gold, bad));
            assertTrue(refused.problem().toString().contains("cursor"));
        }
    }

    @Test
    void aSegmentIsCountedAndIteratedLikeItsFilter() {
        SegmentStore segmentStore = new SegmentStore(dynamo.client(), "ConfigTable");
        Segments segments = new Segments(segmentStore, store, new AuditLog(dynamo.client(), "AuditTable", CLOCK), CLOCK);
        Segment gold = segments.create("manager@brand.cn", "Gold on WeChat", Map.of("tier", "gold", "channel", "wechat"));
        List<String> expected = bruteForce(gold.query());
        assertEquals((long) expected.size(), segments.count("analyst@brand.cn", gold.id()).get("count"));
        List<String> seen = new ArrayList<>();
        long n = new SegmentMembers(segmentStore, store).forEach(gold.id(), seen::add);
        assertEquals(expected, seen);
        assertEquals(expected.size(), n);

        Segment changed = segments.change("admin@brand.cn", gold.id(), 1, "Gold anywhere", Map.of("tier", "gold"));
        assertEquals(2, changed.version());
        assertEquals("manager@brand.cn", changed.owner());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> segments.change("admin@brand.cn", gold.id(), 1, "Late", Map.of())).problem().status());
        assertEquals(List.of(2, 1), segmentStore.history(gold.id()).stream().map(Segment::version).toList());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> segments.create("m@brand.cn", "Bad", Map.of("tier", "platinum"))).problem().status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> segments.create("m@brand.cn", "Bad", Map.of("nickname", "x"))).problem().status());
        segments.delete("admin@brand.cn", gold.id());
        assertEquals(0, new SegmentMembers(segmentStore, store).forEach(gold.id(), id -> { }));
        assertEquals(2, segmentStore.history(gold.id()).size(), "the history outlives the segment");
    }

    private static List<String> bruteForce(DirectoryQuery query) {
        Comparator<DirectoryEntry> order = query.sort().byScore()
                ? Comparator.comparing((DirectoryEntry e) -> MemberDirectoryStore.ranked(java.math.BigDecimal.valueOf(e.score())))
                        .thenComparing(DirectoryEntry::memberId)
                : Comparator.comparing(DirectoryEntry::joinedAt).thenComparing(DirectoryEntry::memberId);
        return ALL.stream().filter(e -> query.matches(e, ZONE)).sorted(query.sort().descending() ? order.reversed() : order)
                .map(DirectoryEntry::memberId).toList();
    }
}
