package com.fanops.rewards.app;

import static com.fanops.rewards.testing.Items.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardIssued;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An activity's prizes from its ranking (DynamoDB Local): each prize to the top N once, whatever redeliveries or concurrent
 * deliveries happen; the cost charged to the activity's allocation - never over its amount, in rank order when it does not
 * all fit - and not to the items' own budget; a revocation gives the cost back to the allocation.
 */
class ActivityPrizesTest {

    private static final Instant NOW = Instant.parse("2026-06-20T02:00:00Z");
    /** The activities' rewards budget, and the budget the catalogue items name (which prizes must not touch). */
    private static final String FEST = "fan-fest";
    private static final String SHOP = "shop-gifts";
    private static RewardsHarness h;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(NOW);
        h.catalogue(item("trophy", RewardType.BADGE, null, 3_000, SHOP, false, MemberLimits.none(), null),
                item("hoodie", RewardType.GIFT, null, 1_000, SHOP, false, MemberLimits.none(), null),
                item("sticker", RewardType.BADGE, null, 500, SHOP, false, MemberLimits.none(), null));
        for (String budget : List.of(FEST, SHOP)) {
            assertTrue(h.budgetStore.create(budget, budget, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 100_000, "manager", NOW));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    /** Six members ranked 1..6 for the activity, and the activity's allocation on the fan-fest budget. */
    private static ActivityRanked ranked(String activityId, long allocation, List<ActivityRanked.Prize> prizes) {
        assertEquals(BudgetStore.AllocationResult.ALLOCATED, h.budgetStore.allocate(FEST, activityId, allocation, NOW));
        List<ActivityRanked.Ranked> ranking = new ArrayList<>();
        for (int rank = 1; rank <= 6; rank++) {
            ranking.add(new ActivityRanked.Ranked(h.member(member(activityId, rank), NOW.minusSeconds(86_400 * 30), false), rank));
        }
        return new ActivityRanked(activityId, NOW, ranking, prizes);
    }

    private static String member(String activityId, int rank) {
        return "m_" + activityId.replace("-", "") + "0" + rank;
    }

    /** The activity's prizes by member (rank) and item, as the archive holds them. */
    private static Map<Integer, List<String>> prizesOf(String activityId) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int rank = 1; rank <= 6; rank++) {
            for (Issuance i : h.archive.byMember(member(activityId, rank), null, 50).items()) {
                out.computeIfAbsent(rank, r -> new ArrayList<>()).add(i.itemId());
                assertEquals(activityId, i.allocationId());
                assertEquals(FEST, i.budgetId(), "charged on the activity's budget, not the item's");
            }
        }
        out.values().forEach(list -> list.sort(null));
        return out;
    }

    private static void assertBudgetsHold() {
        for (String id : List.of(FEST, SHOP)) {
            Budget b = h.budgetStore.get(id).orElseThrow();
            assertEquals(b.amount(), b.available() + b.reserved() + b.confirmed(), id + ": available + reserved + confirmed = amount");
        }
        assertEquals(0, h.budgetStore.get(SHOP).orElseThrow().committed(), "the items' own budget is never drawn on");
    }

    @Test
    void eachPrizeGoesToTheTopNOnceAndItsCostIsTheAllocationsSpent() {
        ActivityRanked e = ranked("fest-a", 10_000, List.of(new ActivityRanked.Prize("trophy", 2), new ActivityRanked.Prize("hoodie", 1),
                new ActivityRanked.Prize("sticker", 3)));
        Budget before = h.budgetStore.get(FEST).orElseThrow();
        assertEquals(6, h.rewards.prizes.award(e).stream().filter(f -> f.outcome().equals("issued")).count());
        assertEquals(0, h.rewards.prizes.award(e).stream().filter(f -> f.outcome().equals("issued")).count(), "redelivered");

        assertEquals(Map.of(1, List.of("hoodie", "sticker", "trophy"), 2, List.of("sticker", "trophy"), 3, List.of("sticker")),
                prizesOf("fest-a"));
        assertEquals(2 * 3_000 + 1_000 + 3 * 500, h.budgetStore.allocation("fest-a").orElseThrow().spent());
        Budget after = h.budgetStore.get(FEST).orElseThrow();
        assertEquals(before.available(), after.available(), "reserved once, at the approval");
        assertEquals(before.confirmed() + 7_500, after.confirmed(), "badges are delivered at once: confirmed");
        assertEquals(before.reserved() - 7_500, after.reserved(), "the hoodie stays reserved until it is shipped");
        assertBudgetsHold();
        assertEquals(6, h.bus.of(RewardIssued.class).stream().filter(r -> r.memberId().startsWith("m_festa")).count(),
                "one notice per prize");
    }

    @Test
    void concurrentDeliveriesOfARankingTooDearForTheAllocationIssueWhatFitsInRankOrderOnce() throws Exception {
        // rank 1: trophy 3,000 + sticker 500; rank 2: trophy (6,500 > 5,000) refused, sticker; ranks 3, 4: sticker; rank 5: refused
        ActivityRanked e = ranked("fest-b", 5_000, List.of(new ActivityRanked.Prize("trophy", 2), new ActivityRanked.Prize("sticker", 5)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<RuleEngine.Fired>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(pool.submit(() -> {
                go.await();
                return h.rewards.prizes.award(e);
            }));
        }
        go.countDown();
        long issued = 0;
        for (Future<List<RuleEngine.Fired>> d : deliveries) {
            List<RuleEngine.Fired> fired = d.get();
            issued += fired.stream().filter(f -> f.outcome().equals("issued")).count();
            assertEquals(2, fired.stream().filter(f -> f.outcome().equals("allocation-exhausted")).count(), "refused: rank 2's trophy, rank 5's sticker");
        }
        pool.shutdown();
        assertEquals(5, issued, "five prizes, each issued by one delivery");
        assertEquals(Map.of(1, List.of("sticker", "trophy"), 2, List.of("sticker"), 3, List.of("sticker"), 4, List.of("sticker")),
                prizesOf("fest-b"));
        BudgetStore.Allocation a = h.budgetStore.allocation("fest-b").orElseThrow();
        assertEquals(5_000, a.spent(), "spent equals the issued items' cost and stays within the amount");
        assertBudgetsHold();
    }

    @Test
    void aRevokedPrizeGivesItsCostBackToTheAllocation() {
        ActivityRanked e = ranked("fest-c", 4_000, List.of(new ActivityRanked.Prize("trophy", 1)));
        RuleEngine.Fired fired = h.rewards.prizes.award(e).get(0);
        assertEquals("issued", fired.outcome());
        Budget issued = h.budgetStore.get(FEST).orElseThrow();
        assertEquals(3_000, h.budgetStore.allocation("fest-c").orElseThrow().spent());

        assertEquals(IssuanceStatus.REVOKED, h.statuses.revoke("manager", fired.issuanceId(), "awarded by mistake").status());
        assertEquals(0, h.budgetStore.allocation("fest-c").orElseThrow().spent());
        Budget revoked = h.budgetStore.get(FEST).orElseThrow();
        assertEquals(issued.available(), revoked.available(), "back to the allocation, not to the budget's available");
        assertEquals(issued.reserved() + 3_000, revoked.reserved());
        assertEquals(issued.confirmed() - 3_000, revoked.confirmed());
        assertEquals("repeated", h.rewards.prizes.award(e).get(0).outcome(), "a redelivered ranking does not issue it again");
        assertEquals(0, h.budgetStore.allocation("fest-c").orElseThrow().spent());
        assertEquals(4_000, h.budgetStore.release("fest-c", NOW), "the whole allocation goes back at its release");
        assertBudgetsHold();
    }

    @Test
    void anActivityWithoutAnAllocationGetsNoCostlyPrize() {
        h.member("m_noalloc01", NOW.minusSeconds(86_400 * 30), false);
        ActivityRanked e = new ActivityRanked("fest-d", NOW, List.of(new ActivityRanked.Ranked("m_noalloc01", 1)),
                List.of(new ActivityRanked.Prize("sticker", 1)));
        assertEquals("no-allocation", h.rewards.prizes.award(e).get(0).outcome());
        assertEquals(0, h.archive.byMember("m_noalloc01", null, 10).items().size());
        assertBudgetsHold();
    }
}
