package com.fanops.standing.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.dynamo.CapacityMeter;
import org.junit.jupiter.api.Tag;
import com.fanops.platform.events.EventOutbox;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.PointsExpired;
import com.fanops.engagement.domain.PointsExpiring;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.store.StandingStore;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.engagement.domain.TierDowngradeWarning;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fourteen months of daily runs, each fired with its own chosen scheduled time (as {@code ./fanops invoke
 * EngagementDaily --time ...} does), in a few seconds: upgrades at once, one warning then a downgrade of one
 * tier, lots announced and expired on the right day, and a day run twice changes nothing.
 */
@Tag("slow")
class EngagementYearTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void aYearOfDailyRuns() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RecordedEvents bus = new RecordedEvents("com.fanops.engagement.domain");
        EventOutbox outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock);
        CapacityMeter meter = new CapacityMeter();
        InteractionStore store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, meter);
        StandingService standing = new StandingService(store, new StandingStore(dynamo.client(), "InteractionsTable", meter), outbox, ZONE);
        PointsLedger ledger = new PointsLedger(dynamo.client(), "InteractionsTable", store, outbox, ZONE, clock);
        EngagementDailyHandler daily = new EngagementDailyHandler(dynamo.client(), "InteractionsTable", "ConfigTable", outbox, ZONE, clock);

        Map<LocalDate, Integer> purchases = Map.of(LocalDate.parse("2025-01-05"), 600, LocalDate.parse("2025-03-01"), 1500);
        for (LocalDate d = LocalDate.parse("2025-01-01"); !d.isAfter(LocalDate.parse("2026-03-05")); d = d.plusDays(1)) {
            Instant runAt = d.atTime(LocalTime.of(0, 5)).atZone(ZONE).toInstant();
            clock.set(runAt);
            daily.handleRequest(Map.of("scheduledTime", runAt.toString()), null); // what EventBridge Scheduler sends
            if (d.equals(LocalDate.parse("2025-12-01"))) {
                daily.handleRequest(Map.of("time", runAt.toString()), null); // the same day fired twice, as a scheduled event
            }
            Integer amount = purchases.get(d);
            if (amount != null) {
                clock.set(d.atTime(LocalTime.NOON).atZone(ZONE).toInstant());
                Interaction p = new Interaction("shop", "p-" + d, "m_y1", InteractionType.PURCHASE, clock.instant(), BigDecimal.valueOf(amount), "CNY", null, null);
                store.apply(p, RULES);
                standing.afterInteraction("m_y1", clock.instant(), RULES);
            }
            if (d.equals(LocalDate.parse("2025-06-01"))) {
                ledger.spend("m_y1", 100, "mid-year", "reward", "test");
            }
        }

        assertEquals(List.of(
                new TierChanged("m_y1", "bronze", "silver", "qualified", LocalDate.parse("2025-01-05"), LocalDate.parse("2026-01-05"), 0),
                new TierChanged("m_y1", "silver", "gold", "qualified", LocalDate.parse("2025-03-01"), LocalDate.parse("2026-03-01"), 0),
                new TierChanged("m_y1", "gold", "silver", "downgraded after warning", LocalDate.parse("2026-03-01"), LocalDate.parse("2027-03-01"), 0)),
                bus.of(TierChanged.class).stream().map(TierChanged::withoutRevision).toList(),
                "upgrades at once; one tier down (though only bronze is earned) after the warning");
        List<Long> revisions = bus.of(TierChanged.class).stream().map(TierChanged::revision).toList();
        assertEquals(revisions.stream().sorted().distinct().toList(), revisions, "each change names a later standing revision");
        assertEquals(List.of(new TierDowngradeWarning("m_y1", "gold", "silver", LocalDate.parse("2026-03-01"), 0)),
                bus.of(TierDowngradeWarning.class), "one warning, 14 days before");
        assertEquals(List.of(
                new PointsExpiring("m_y1", 500, LocalDate.parse("2025-01-05"), LocalDate.parse("2026-01-05")),
                new PointsExpiring("m_y1", 1500, LocalDate.parse("2025-03-01"), LocalDate.parse("2026-03-01"))),
                bus.of(PointsExpiring.class), "announced once, 30 days ahead; the spend came from the soonest-expiring lot");
        assertEquals(List.of(
                new PointsExpired("m_y1", 500, LocalDate.parse("2025-01-05"), LocalDate.parse("2026-01-05")),
                new PointsExpired("m_y1", 1500, LocalDate.parse("2025-03-01"), LocalDate.parse("2026-03-01"))),
                bus.of(PointsExpired.class), "expired on their day, once");
        assertEquals(0, ledger.balance("m_y1", LocalDate.parse("2026-03-05")));
    }

    @Test
    void theRunsDayIsTheBusinessDayOfTheScheduledTimeNotOfTheWallClock() {
        // Days after aYearOfDailyRuns' last, whichever test runs first.
        MutableClock clock = new MutableClock(Instant.parse("2027-06-30T12:00:00Z"));
        EventOutbox outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.standing"), clock);
        EngagementDailyHandler daily = new EngagementDailyHandler(dynamo.client(), "InteractionsTable", "ConfigTable", outbox, ZONE, clock);

        assertEquals("2027-03-02", daily.handleRequest(Map.of("scheduledTime", "2027-03-01T16:05:00Z",
                "executionId", "d32c5kddcf5bb8c3"), null).get("day"), "00:05 on 2 March in Shanghai");
        assertEquals("2027-03-02", daily.handleRequest(Map.of("time", "2027-03-01T16:05:00Z"), null).get("day"));
        assertEquals("2027-06-30", daily.handleRequest(Map.of(), null).get("day"), "only a payload without a time takes the clock");
    }
}
