package com.fanops.engagement.store;

import com.fanops.engagement.domain.PointsExpired;
import com.fanops.engagement.domain.PointsExpiring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PointsLedgerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static LocalDynamo dynamo;
    private static InteractionStore store;
    private static PointsLedger ledger;
    private static RecordedEvents bus;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
        bus = new RecordedEvents("com.fanops.engagement.domain");
        ledger = new PointsLedger(dynamo.client(), "InteractionsTable", store,
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static Interaction purchase(String member, String id, String at, int amount) {
        return new Interaction("shop", id, member, InteractionType.PURCHASE, Instant.parse(at), BigDecimal.valueOf(amount), "CNY", null, null);
    }

    private static Interaction refund(String member, String id, String at, int amount, String purchaseId) {
        return new Interaction("shop", id, member, InteractionType.REFUND, Instant.parse(at), BigDecimal.valueOf(amount), "CNY", null, purchaseId);
    }

    private static LocalDate today() {
        return NOW.atZone(ZONE).toLocalDate();
    }

    @Test
    void twentyConcurrentSpendsNeverTakeTheBalanceBelowZero() throws Exception {
        store.apply(purchase("m_c1", "c1-p1", "2026-06-01T02:00:00Z", 100), RULES);
        store.apply(purchase("m_c1", "c1-p2", "2026-06-02T02:00:00Z", 50), RULES);
        assertEquals(150, ledger.balance("m_c1", today()));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Boolean>> spends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "spend-" + i;
            spends.add(() -> {
                try {
                    ledger.spend("m_c1", 10, id, "reward", "test");
                    return true;
                } catch (PointsLedger.InsufficientPointsException e) {
                    return false;
                }
            });
        }
        int done = 0;
        for (Future<Boolean> f : pool.invokeAll(spends)) {
            done += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(15, done, "150 points pay for exactly fifteen spends of 10");
        assertEquals(0, ledger.balance("m_c1", today()));
        for (MemberDay lot : store.days("m_c1", LocalDate.parse("2026-06-01"), today())) {
            assertTrue(lot.remaining() >= 0, "no lot below zero: " + lot);
        }
    }

    @Test
    void spendingTakesTheSoonestExpiringLotsFirstAndOnlyOncePerEntryId() {
        store.apply(purchase("m_c2", "c2-p1", "2026-05-20T02:00:00Z", 30), RULES);
        store.apply(purchase("m_c2", "c2-p2", "2026-06-05T02:00:00Z", 30), RULES);
        PointsLedger.Entry first = ledger.spend("m_c2", 40, "order-77", "coupon", "rewards");
        assertEquals(Map.of("2026-05-20", 30L, "2026-06-05", 10L), first.lots());
        PointsLedger.Entry again = ledger.spend("m_c2", 40, "order-77", "coupon", "rewards");
        assertTrue(again.repeated());
        assertEquals(first.lots(), again.lots());
        assertEquals(20, ledger.balance("m_c2", today()), "spent once");
        assertThrows(PointsLedger.InsufficientPointsException.class, () -> ledger.spend("m_c2", 21, "order-78", "coupon", "rewards"));
    }

    @Test
    void aRefundReversesThePurchasePointsInProportionButNeverBelowZero() {
        store.apply(purchase("m_c3", "c3-p1", "2026-06-01T02:00:00Z", 200), RULES);
        store.apply(refund("m_c3", "c3-r1", "2026-06-02T02:00:00Z", 50, "c3-p1"), RULES);
        assertEquals(150, ledger.balance("m_c3", today()));
        store.apply(refund("m_c3", "c3-r1", "2026-06-02T02:00:00Z", 50, "c3-p1"), RULES); // redelivered
        assertEquals(150, ledger.balance("m_c3", today()));
        ledger.spend("m_c3", 140, "c3-s", "reward", "test");
        InteractionStore.Applied rest = store.apply(refund("m_c3", "c3-r2", "2026-06-03T02:00:00Z", 150, "c3-p1"), RULES);
        assertEquals(-10, rest.points(), "only the 10 points left can be taken back");
        assertEquals(0, ledger.balance("m_c3", today()));
        MemberDay lot = store.days("m_c3", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01")).get(0);
        assertEquals(200, lot.reversed(), "all 200 earned points are reversed for tier purposes");
        assertEquals(0, lot.spend().signum(), "and the spend is refunded in full");
        assertEquals(InteractionStore.Outcome.REJECTED,
                store.apply(refund("m_c3", "c3-r3", "2026-06-03T03:00:00Z", 1, "c3-p1"), RULES).outcome(), "over-refund");
    }

    @Test
    void adjustmentsAddALotOrTakeLikeASpend() {
        PointsLedger.Entry plus = ledger.adjust("m_c4", 25, "adj-1", "goodwill", "manager@fanops.local", 0, 12);
        assertEquals(25, ledger.balance("m_c4", today()));
        assertTrue(ledger.adjust("m_c4", 25, "adj-1", "goodwill", "manager@fanops.local", 0, 12).repeated());
        ledger.adjust("m_c4", -5, "adj-2", "correction", "manager@fanops.local", 0, 12);
        assertEquals(20, ledger.balance("m_c4", today()));
        assertEquals(25, plus.points());
        assertThrows(PointsLedger.InsufficientPointsException.class,
                () -> ledger.adjust("m_c4", -21, "adj-3", "too much", "manager@fanops.local", 0, 12));
        MemberDay lot = store.days("m_c4", today(), today()).get(0);
        assertEquals(0, lot.earned(), "an adjustment is not earned: it does not count toward tiers");
    }

    @Test
    void lotsAreAnnouncedOnceAndExpireOnTheirDay() {
        store.apply(purchase("m_c5", "c5-p1", "2025-06-20T02:00:00Z", 70), RULES); // expires 2026-06-20
        assertEquals(70, ledger.balance("m_c5", today()));
        int warned = ledger.warnExpiring(LocalDate.parse("2026-05-21"), 30);
        assertEquals(1, warned);
        assertEquals(0, ledger.warnExpiring(LocalDate.parse("2026-05-22"), 30), "once per lot");
        assertTrue(bus.of(PointsExpiring.class).contains(new PointsExpiring("m_c5", 70, LocalDate.parse("2025-06-20"), LocalDate.parse("2026-06-20"))));
        assertEquals(0, ledger.expire(LocalDate.parse("2026-06-19")), "not before its day");
        assertEquals(70, ledger.expire(LocalDate.parse("2026-06-20")));
        assertEquals(0, ledger.expire(LocalDate.parse("2026-06-21")), "once");
        assertTrue(bus.of(PointsExpired.class).contains(new PointsExpired("m_c5", 70, LocalDate.parse("2025-06-20"), LocalDate.parse("2026-06-20"))));
        var entries = dynamo.client().query(q -> q.tableName("InteractionsTable").keyConditionExpression("pk = :pk AND begins_with(sk, :l)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MEMBER#m_c5"), ":l", AttributeValue.fromS("L#")))).items();
        assertEquals(List.of("interaction 70", "expire -70"), entries.stream().map(i -> i.get("kind").s() + " " + i.get("points").n()).toList());
    }
}
