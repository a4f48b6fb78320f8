package com.fanops.engagement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Timeline pages: newest first, full pages although the view filters items out, every record once, no cursor after the last. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static LocalDynamo dynamo;
    private static Timeline timeline;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        timeline = new Timeline(dynamo.client(), "InteractionsTable");
        // 20 interactions (every third earns nothing) with a spend after every fourth.
        for (int i = 0; i < 20; i++) {
            put("m_t", "L#" + Timeline.stamp(T0.plusSeconds(60L * i)) + "#i#app#e" + i, "interaction", i % 3 == 0 ? 0 : 5, "e" + i);
            if (i % 4 == 3) {
                put("m_t", "L#" + Timeline.stamp(T0.plusSeconds(60L * i + 1)) + "#spend#s" + i, "spend", -2, "s" + i);
            }
        }
        put("m_t", "DAY#2026-06-01", "day", 0, "day");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static void put(String member, String sk, String kind, long points, String id) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("MEMBER#" + member));
        item.put("sk", AttributeValue.fromS(sk));
        item.put("kind", AttributeValue.fromS(kind));
        item.put("points", AttributeValue.fromN(Long.toString(points)));
        item.put("eventId", AttributeValue.fromS(id));
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(item));
    }

    private static List<List<String>> pages(Timeline.View view, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Timeline.Page page = timeline.page("m_t", view, cursor, limit);
            pages.add(page.items().stream().map(i -> (String) i.get("eventId")).toList());
            cursor = page.next();
        } while (cursor != null);
        return pages;
    }

    @Test
    void interactionPagesAreFullNewestFirstAndEndWithoutACursor() {
        List<List<String>> pages = pages(Timeline.View.INTERACTIONS, 6);
        assertEquals(List.of(6, 6, 6, 2), pages.stream().map(List::size).toList());
        assertEquals(List.of("e19", "e18", "e17", "e16", "e15", "e14"), pages.get(0));
        assertEquals(20, pages.stream().flatMap(List::stream).distinct().count());
    }

    @Test
    void ledgerPagesSkipWhatMovedNoPoints() {
        List<String> all = pages(Timeline.View.LEDGER, 4).stream().flatMap(List::stream).toList();
        // 13 earning interactions (i % 3 != 0) and 5 spends.
        assertEquals(18, all.size());
        assertEquals(List.of("s19", "e19", "e17", "e16"), all.subList(0, 4));
    }

    @Test
    void aPageThatEndsExactlyAtTheLastRecordHasNoCursor() {
        Timeline.Page page = timeline.page("m_t", Timeline.View.INTERACTIONS, null, 20);
        assertEquals(20, page.items().size());
        assertNull(page.next());
    }
}
