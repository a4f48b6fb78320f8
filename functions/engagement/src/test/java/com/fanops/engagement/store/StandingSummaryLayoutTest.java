package com.fanops.engagement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.domain.StandingSummary;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.testing.LocalDynamo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The summary's compact layout ({@code D<epoch day, base 36>}, trailing zeros left out) and the layout before it
 * ({@code d<yyyymmdd>}, five figures): a summary written before is read, restated and rebuilt without losing a day, and
 * the rebuild leaves only the compact layout; a restatement of a small item costs one write unit.
 */
class StandingSummaryLayoutTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static LocalDynamo dynamo;
    private static StandingSummaryStore store;
    private static CapacityMeter meter;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        meter = new CapacityMeter();
        store = new StandingSummaryStore(dynamo.client(), "InteractionsTable", meter);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static StandingSummary.Day day(LocalDate d, long claims, long weight, long points) {
        return new StandingSummary.Day(d, claims, weight, points, BigDecimal.ZERO, 0);
    }

    @Test
    void aSummaryInTheLayoutBeforeIsReadRestatedAndRebuiltIntoTheCompactOne() {
        String member = "m_layout1";
        Map<String, AttributeValue> before = new HashMap<>(Map.of("pk", AttributeValue.fromS("MEMBER#" + member),
                "sk", AttributeValue.fromS("STANDING"), "category", AttributeValue.fromS("potential"), "tier", AttributeValue.fromS("bronze"),
                "sBase", AttributeValue.fromS(TODAY.toString()), "sHl", n(30), "sScore", n(0), "sPts", n(0), "sSpend", n(0), "sRefs", n(0)));
        before.put("sRev", n(1));
        before.put("d20261118", AttributeValue.fromL(List.of(n(2), n(2), n(2), n(0), n(0))));
        before.put("d20261119", AttributeValue.fromL(List.of(n(1), n(3), n(3), n(0), n(0))));
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(before));

        StandingSummaryStore.Loaded read = store.read(member);
        assertEquals(List.of(day(TODAY.minusDays(2), 2, 2, 2), day(TODAY.minusDays(1), 1, 3, 3)),
                List.copyOf(read.summary().open().values()), "the layout before is read");

        meter.drain();
        StandingSummaryStore.Loaded restated = store.restate(member, List.of(day(TODAY.minusDays(1), 2, 4, 4),
                day(TODAY.minusDays(2), 1, 1, 1), day(TODAY, 1, 1, 5)), false);
        assertEquals(1.0, meter.drain()[1], "a restatement of a small item: one write unit");
        assertEquals(List.of(day(TODAY.minusDays(2), 2, 2, 2), day(TODAY.minusDays(1), 2, 4, 4), day(TODAY, 1, 1, 5)),
                List.copyOf(restated.summary().open().values()),
                "each day as its larger claim count has it, whichever layout holds it (an older restatement changes nothing)");

        StandingSummary rebuilt = StandingSummary.rebase(List.copyOf(restated.summary().open().values()), TODAY, ZONE, 30);
        assertTrue(store.rebase(member, restated, rebuilt));
        Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName("InteractionsTable")
                .key(Map.of("pk", AttributeValue.fromS("MEMBER#" + member), "sk", AttributeValue.fromS("STANDING")))).item();
        assertFalse(item.containsKey("d20261118") || item.containsKey("d20261119"), "the rebuild drops the layout before: " + item.keySet());
        assertEquals(List.of(AttributeValue.fromN("1"), AttributeValue.fromN("1"), AttributeValue.fromN("5")),
                item.get("D" + Long.toString(TODAY.toEpochDay(), 36)).l(), "compact: D<epoch day in base 36>, trailing zeros left out");
        assertEquals(List.copyOf(restated.summary().open().values()), List.copyOf(store.read(member).summary().open().values()));
    }
}
