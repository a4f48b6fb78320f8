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

    @Test
    void aRestoredTakeGoesBackToItsOwnLotsWithTheirExpiryNeverAsANewLot() {
        store.apply(purchase("m_c6", "c6-p1", "2025-08-15T02:00:00Z", 30), RULES); // expires 2026-08-15
        store.apply(purchase("m_c6", "c6-p2", "2026-06-05T02:00:00Z", 50), RULES); // expires 2027-06-05
        PointsLedger.Prepared take = ledger.prepareTake("m_c6", 45, "redeem-1", "redeem", "reward", "m_c6");
        dynamo.client().transactWriteItems(b -> b.transactItems(take.writes()));
        assertEquals(Map.of("2025-08-15", 30L, "2026-06-05", 15L), take.entry().lots());
        assertEquals(35, ledger.balance("m_c6", today()));

        PointsLedger.Prepared back = ledger.prepareRestore("m_c6", "redeem-1", "redeem-1-back", "restore", "revoked", "manager").orElseThrow();
        dynamo.client().transactWriteItems(b -> b.transactItems(back.writes()));
        assertEquals(80, ledger.balance("m_c6", today()));
        List<MemberDay> lots = store.days("m_c6", LocalDate.parse("2025-08-01"), today());
        assertEquals(2, lots.size(), "no new lot");
        assertEquals(List.of(30L, 50L), lots.stream().map(MemberDay::remaining).toList());
        assertEquals(List.of(LocalDate.parse("2026-08-15"), LocalDate.parse("2027-06-05")), lots.stream().map(MemberDay::expiresOn).toList(),
                "each point keeps the expiry of the lot it came from");
        var again = ledger.prepareRestore("m_c6", "redeem-1", "redeem-1-back", "restore", "revoked", "manager").orElseThrow();
        assertThrows(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class,
                () -> dynamo.client().transactWriteItems(b -> b.transactItems(again.writes())), "the marker refuses a second restore");
        assertEquals(80, ledger.balance("m_c6", today()));
    }

    @Test
    void pointsReturnedToALotThatHasExpiredMeanwhileAreExpiredNotSpendable() {
        store.apply(purchase("m_c7", "c7-p1", "2025-06-01T02:00:00Z", 20), RULES); // expired 2026-06-01, before today
        store.apply(purchase("m_c7", "c7-p2", "2026-06-02T02:00:00Z", 10), RULES);
        // Taken while the first lot was live (written as the ledger would have written it then).
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_c7"),
                "sk", AttributeValue.fromS("SPEND#old-take"), "entrySk", AttributeValue.fromS("L#2026-05-01T00:00:00.000Z#spend#old-take"))));
        dynamo.client().putItem(b -> b.tableName("InteractionsTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_c7"),
                "sk", AttributeValue.fromS("L#2026-05-01T00:00:00.000Z#spend#old-take"), "kind", AttributeValue.fromS("spend"),
                "points", AttributeValue.fromN("-20"), "lots", AttributeValue.fromS("2025-06-01:20"),
                "at", AttributeValue.fromS("2026-05-01T00:00:00Z"))));
        dynamo.client().updateItem(b -> b.tableName("InteractionsTable").key(InteractionStore.dayKey("m_c7", LocalDate.parse("2025-06-01")))
                .updateExpression("SET rem = :z").expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0"))));
        PointsLedger.Prepared back = ledger.prepareRestore("m_c7", "old-take", "old-take-back", "restore", "revoked", "manager").orElseThrow();
        dynamo.client().transactWriteItems(b -> b.transactItems(back.writes()));
        assertEquals(0, back.entry().points(), "nothing spendable comes back");
        assertEquals(10, ledger.balance("m_c7", today()));
        MemberDay old = store.days("m_c7", LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-01")).get(0);
        assertEquals(20, old.expired());
        assertEquals(0, old.remaining());
    }
}
