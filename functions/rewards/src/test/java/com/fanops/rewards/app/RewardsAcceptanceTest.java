package com.fanops.rewards.app;

import static com.fanops.rewards.testing.Items.item;
import static com.fanops.rewards.testing.Items.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.members.domain.Purpose;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.Refusal;
import com.fanops.rewards.domain.RewardIssued;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.store.IssuanceStore;
import com.fanops.rewards.testing.RewardsHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue's acceptance, with real concurrent calls (threads) against DynamoDB Local: no cause issues twice, no stock
 * oversells, no budget overspends, no code is assigned twice, and a revoked redemption puts the points back where they
 * came from.
 */
class RewardsAcceptanceTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-06-10");
    private static RewardsHarness h;

    @BeforeAll
    static void start() {
        try {
            setUp();
        } catch (com.fanops.platform.http.ProblemException e) {
            throw new AssertionError(e.problem().toString());
        }
    }

    private static void setUp() {
        h = new RewardsHarness(NOW);
        h.budgets.create("manager", "campaign", "Campaign", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), 1_000_000L);
        h.budgets.create("manager", "tight", "Tight", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), 1_000L);
        h.pools.create("manager", "single", "One code", 1L);
        h.pools.upload("manager", "single", "code\nONLY-CODE-1\n");
        h.catalogue(
                item("mug", RewardType.GIFT, 100L, 500, "campaign", true, MemberLimits.none(), null),
                item("tote", RewardType.GIFT, null, 30, "tight", false, MemberLimits.none(), null),
                item("coupon", RewardType.COUPON, null, 0, null, false, MemberLimits.none(), "single"),
                item("welcome-badge", RewardType.BADGE, null, 0, null, false, new MemberLimits(1, null, null, null, null), null),
                item("gold-gift", RewardType.GIFT, null, 200, "campaign", false, MemberLimits.none(), null),
                item("cap", RewardType.GIFT, 40L, 100, "campaign", true, new MemberLimits(null, 1, null, null, null), null));
        h.stock.change("mug", 10);
        h.stock.change("cap", 100);
        var tote = rule("tote-for-diamond", Trigger.TIER_REACHED, "tote", null, null, null);
        h.rules(new com.fanops.rewards.domain.RewardRule(tote.ruleId(), tote.trigger(), tote.itemId(), true, null, List.of("diamond"),
                        List.of(), null, List.of(), null, null, null, List.of(), null, null, null, null),
                rule("gold-gift", Trigger.TIER_REACHED, "gold-gift", "marketing", null, null),
                rule("coupon-welcome", Trigger.WELCOME, "coupon", null, null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch ready = new CountDownLatch(calls.size());
        List<Callable<T>> gated = calls.stream().<Callable<T>>map(c -> () -> {
            ready.countDown();
            ready.await();
            return c.call();
        }).toList();
        List<T> out = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(gated, 5, TimeUnit.MINUTES)) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }

    @Test
    void fiftyConcurrentRedemptionsOfAnItemWithInventoryTenIssueExactlyTen() throws Exception {
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            buyers.add(h.member(String.format("m_a%03d", i), NOW.minusSeconds(86_400 * 30), false));
            h.points(buyers.get(i), 1_000);
        }
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String buyer = buyers.get(i % 25);
            String key = "redeem-mug-" + i;
            calls.add(() -> {
                try {
                    return h.redemptions.redeem(h.lookup.get(buyer).orElseThrow(), "mug", key).issuance().issuanceId();
                } catch (RewardRefused refused) {
                    return refused.refusal().type();
                }
            });
        }
        List<String> answers = concurrently(calls);
        long issued = answers.stream().filter(a -> a.startsWith("r_")).count();
        assertEquals(10, issued, "inventory 10 gives exactly 10: " + answers);
        assertEquals(40, answers.stream().filter("out-of-stock"::equals).count(), "every other one is out of stock");
        assertEquals(0, h.stock.left("mug"));
        long balances = buyers.stream().mapToLong(b -> h.ledger.balance(b, TODAY)).sum();
        assertEquals(25 * 1_000 - 10 * 100, balances, "points: exactly ten prices taken");
        List<Issuance> archived = new ArrayList<>();
        h.archive.forEachInPeriod(TODAY, TODAY, new IssuanceStore.Filter(null, null, null, null, "mug", null), archived::add);
        assertEquals(10, archived.size(), "the archive holds the ten");
        assertEquals(answers.stream().filter(a -> a.startsWith("r_")).sorted().toList(),
                archived.stream().map(Issuance::issuanceId).sorted().toList());
        assertEquals(10 * 500, archived.stream().mapToLong(Issuance::cost).sum(), "ten costs on the budget");
        var budget = h.budgets.get("campaign");
        assertEquals(budget.amount(), budget.available() + budget.reserved() + budget.confirmed());
    }

    @Test
    void twoHundredConcurrentRuleFiringsNeverReserveMoreThanTheBudget() throws Exception {
        List<Callable<List<RuleEngine.Fired>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String member = h.member(String.format("m_b%03d", i), NOW.minusSeconds(86_400 * 40), false);
            TierChanged up = new TierChanged(member, "gold", "diamond", "qualified", TODAY, TODAY.plusYears(1), 0);
            calls.add(() -> h.engine.tierReached(up).stream().filter(f -> f.ruleId().equals("tote-for-diamond")).toList());
        }
        List<List<RuleEngine.Fired>> answers = concurrently(calls);
        long issued = answers.stream().flatMap(List::stream).filter(f -> f.outcome().equals("issued")).count();
        long refused = answers.stream().flatMap(List::stream).filter(f -> f.outcome().equals("budget-exhausted")).count();
        var budget = h.budgets.get("tight");
        assertEquals(1_000 / 30, issued, "33 totes of 30 fit in 1,000");
        assertEquals(200 - issued, refused);
        assertEquals(issued * 30, budget.reserved());
        assertTrue(budget.reserved() + budget.confirmed() <= budget.amount());
        assertEquals(budget.amount(), budget.available() + budget.reserved() + budget.confirmed());
    }

    @Test
    void sixtyFourConcurrentClaimsOnAPoolOfOneAssignItOnce() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String member = h.member(String.format("m_c%03d", i), NOW.minusSeconds(3_600), false);
            var joined = new com.fanops.members.domain.MemberJoined(member, "web", "zh-CN", NOW.minusSeconds(3_600), null);
            calls.add(() -> h.engine.welcome(joined).get(0).outcome());
        }
        List<String> answers = concurrently(calls);
        assertEquals(1, answers.stream().filter("issued"::equals).count(), answers.toString());
        assertEquals(63, answers.stream().filter("out-of-stock"::equals).count());
        var pool = h.pools.get("single");
        assertEquals(0, pool.available());
        assertEquals(1, pool.assigned());
        List<Issuance> coupons = new ArrayList<>();
        h.archive.forEachInPeriod(TODAY, TODAY, new IssuanceStore.Filter("coupon", null, null, null, null, null), coupons::add);
        assertEquals(List.of("ONLY-CODE-1"), coupons.stream().map(Issuance::code).toList());
    }

    @Test
    void theSameTriggeringEventDeliveredThreeTimesIssuesOneReward() throws Exception {
        String member = h.member("m_d001", NOW.minusSeconds(86_400), false, Purpose.MARKETING);
        TierChanged up = new TierChanged(member, "silver", "gold", "qualified", TODAY, TODAY.plusYears(1), 0);
        int before = h.bus.of(RewardIssued.class).size();
        List<Callable<String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(() -> h.engine.tierReached(up).stream().filter(f -> f.ruleId().equals("gold-gift")).findFirst().orElseThrow()
                    .issuanceId());
        }
        List<String> ids = concurrently(deliveries);
        assertEquals(1, ids.stream().distinct().count(), "one issuance for the cause: " + ids);
        h.engine.tierReached(up); // and once more, later
        assertEquals(1, h.archive.byMember(member, null, 50).items().stream().filter(i -> i.itemId().equals("gold-gift")).count());
        assertEquals(1, h.bus.of(RewardIssued.class).stream().skip(before).filter(e -> e.memberId().equals(member)
                && e.itemId().equals("gold-gift")).count(), "RewardIssued once");
        Issuance gift = h.archive.get(ids.get(0)).orElseThrow();
        assertEquals("marketing", gift.consent().purpose(), "the consent the grant relied on is on it");
        assertEquals(IssuanceStatus.ISSUED, gift.status(), "a gift waits for its fulfilment");
    }

    @Test
    void aRevokedRedemptionRestoresThePointsToTheirOriginalLotsAndExpiry() {
        String member = h.member("m_e001", NOW.minusSeconds(86_400 * 400), false);
        EngagementRules rules = EngagementRules.defaults();
        h.days.apply(new Interaction("shop", "e1-p1", member, InteractionType.PURCHASE, Instant.parse("2025-08-01T02:00:00Z"),
                BigDecimal.valueOf(30), "CNY", null, null), rules);
        h.days.apply(new Interaction("shop", "e1-p2", member, InteractionType.PURCHASE, Instant.parse("2026-06-01T02:00:00Z"),
                BigDecimal.valueOf(50), "CNY", null, null), rules);
        List<MemberDay> before = h.days.days(member, LocalDate.parse("2025-01-01"), TODAY);
        Map<String, Integer> counts = h.itemCounts();
        long stockBefore = h.stock.left("cap");
        long reservedBefore = h.budgets.get("campaign").reserved();

        Issuance cap = h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "cap", "redeem-cap-1").issuance();
        assertEquals(40, 80 - h.ledger.balance(member, TODAY));
        assertEquals(Map.of("2025-08-01", 30L, "2026-06-01", 10L), h.ledger.entry(member, cap.spendEntryId()).orElseThrow().lots(),
                "soonest-expiring lot first");
        assertEquals(stockBefore - 1, h.stock.left("cap"));
        RewardRefused overLimit = assertThrows(RewardRefused.class,
                () -> h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "cap", "redeem-cap-2"));
        assertEquals(Refusal.OVER_LIMIT, overLimit.refusal(), "one a day");

        Issuance revoked = h.statuses.revoke("manager@fanops.local", cap.issuanceId(), "refunded at the counter");
        assertEquals(IssuanceStatus.REVOKED, revoked.status());
        List<MemberDay> after = h.days.days(member, LocalDate.parse("2025-01-01"), TODAY);
        assertEquals(before.stream().map(d -> d.day() + ":" + d.remaining() + ":" + d.expiresOn()).toList(),
                after.stream().map(d -> d.day() + ":" + d.remaining() + ":" + d.expiresOn()).toList(),
                "every point back in its own lot, with its own expiry, and no new lot");
        assertEquals(80, h.ledger.balance(member, TODAY));
        assertEquals(stockBefore, h.stock.left("cap"), "the unit is back in stock");
        assertEquals(reservedBefore, h.budgets.get("campaign").reserved(), "the reservation is released");
        assertEquals(IssuanceStatus.REVOKED, h.statuses.revoke("manager@fanops.local", cap.issuanceId(), "again").status(),
                "revoking twice changes nothing");
        assertEquals(80, h.ledger.balance(member, TODAY));
        Issuance again = h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "cap", "redeem-cap-3").issuance();
        assertNotNull(again, "the daily limit's place was given back");
        assertTrue(h.itemCounts().get("RewardsTable") > counts.get("RewardsTable"));
    }

    @Test
    void aRepeatedRedemptionAnswersTheFirstAndAReusedKeyIsRefused() {
        String member = h.member("m_f001", NOW.minusSeconds(86_400), false);
        h.points(member, 200);
        var first = h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "cap", "redeem-f-1");
        var second = h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "cap", "redeem-f-1");
        assertTrue(second.repeated());
        assertEquals(first.issuance().issuanceId(), second.issuance().issuanceId());
        assertEquals(160, h.ledger.balance(member, TODAY), "paid once");
        RewardRefused reused = assertThrows(RewardRefused.class,
                () -> h.redemptions.redeem(h.lookup.get(member).orElseThrow(), "mug", "redeem-f-1"));
        assertEquals(Refusal.KEY_REUSED, reused.refusal());
    }

    @Test
    void badRedemptionsAreRefusedNamingTheReasonAndWriteNothing() {
        String member = h.member("m_g001", NOW.minusSeconds(86_400), false);
        h.points(member, 10);
        Map<String, Integer> before = h.itemCounts();
        Map<String, Refusal> cases = new HashMap<>();
        cases.put("nope", Refusal.UNKNOWN_ITEM);
        cases.put("tote", Refusal.NOT_REDEEMABLE);
        cases.put("cap", Refusal.INSUFFICIENT_POINTS);
        cases.forEach((itemId, expected) -> {
            RewardRefused r = assertThrows(RewardRefused.class,
                    () -> h.redemptions.redeem(h.lookup.get(member).orElseThrow(), itemId, "bad-" + itemId + "-key"));
            assertEquals(expected, r.refusal(), itemId);
            assertEquals(expected.field(), r.problem().errors().get(0).field());
            assertTrue(r.problem().status() >= 400 && r.problem().status() < 500);
        });
        assertEquals(before, h.itemCounts(), "nothing written");
        String noConsent = h.member("m_g002", NOW.minusSeconds(86_400), false);
        TierChanged up = new TierChanged(noConsent, "silver", "gold", "qualified", TODAY, TODAY.plusYears(1), 0);
        assertEquals("consent-missing", h.engine.tierReached(up).stream().filter(f -> f.ruleId().equals("gold-gift")).findFirst()
                .orElseThrow().outcome(), "the gold gift relies on marketing consent the member has not given");
    }
}
