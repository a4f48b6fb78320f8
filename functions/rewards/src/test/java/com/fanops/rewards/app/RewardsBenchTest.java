package com.fanops.rewards.app;

import static com.fanops.rewards.testing.Items.item;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.rewards.domain.Cause;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of BENCHMARKS.md: write capacity units per issuance and per redemption as DynamoDB Local reports them for the
 * one transaction (ReturnConsumedCapacity), and redemptions per second on this machine with 8 threads. Prints them; asserts
 * only that every call succeeded.
 */
@Tag("bench")
class RewardsBenchTest {

    private static final int MEMBERS = 50;
    private static final int REDEMPTIONS = 2_000;
    private static final int THREADS = 8;

    @Test
    void capacityUnitsPerIssuanceAndRedemptionAndRedemptionsPerSecond() throws Exception {
        try (RewardsHarness h = new RewardsHarness(Instant.parse("2026-06-10T04:00:00Z"))) {
            h.budgets.create("bench", "bench", "Bench", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 1_000_000_000L);
            h.catalogue(item("gift", RewardType.GIFT, null, 100, "bench", true, new MemberLimits(1000, 100, null, null, null), null),
                    item("voucher", RewardType.GIFT, 10L, 100, "bench", true, new MemberLimits(null, 1000, null, null, null), null));
            h.stock.change("gift", 1_000_000);
            h.stock.change("voucher", 1_000_000);
            List<String> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(h.member(String.format("m_%04x", i), Instant.parse("2026-01-01T00:00:00Z"), false));
                h.points(members.get(i), 1_000_000);
            }
            // Issuances by rule: cause, record, 2 limit counters, stock, budget, outbox.
            DoubleAdder issueUnits = new DoubleAdder();
            int issues = 200;
            for (int i = 0; i < issues; i++) {
                var member = h.lookup.get(members.get(i % MEMBERS)).orElseThrow();
                var r = h.issuance.issue(new IssuanceService.Request(Cause.rule("bench", member.memberId(), "e" + i), "gift", member,
                        member.consent("membership").orElseThrow(), "tier-reached", "bench", null, "rule:bench", null, null, false, null));
                issueUnits.add(r.writeUnits());
            }
            // Redemptions: the same plus the lot taken, the ledger marker and entry.
            DoubleAdder redeemUnits = new DoubleAdder();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> calls = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < REDEMPTIONS; i++) {
                String memberId = members.get(i % MEMBERS);
                String key = "bench-redeem-" + i;
                calls.add(pool.submit(() -> redeemUnits.add(h.redemptions.redeem(h.lookup.get(memberId).orElseThrow(), "voucher", key)
                        .writeUnits())));
            }
            for (Future<?> f : calls) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            assertEquals(1_000_000 - REDEMPTIONS, h.stock.left("voucher"));
            System.out.printf("BENCH issuance: %.2f write units each (%d issuances, one transaction of 7 items)%n", issueUnits.sum() / issues, issues);
            System.out.printf("BENCH redemption: %.2f write units each (%d redemptions, one transaction of 9 items, one lot each)%n",
                    redeemUnits.sum() / REDEMPTIONS, REDEMPTIONS);
            // Item sizes as DynamoDB counts them (attribute names plus values), for the cost on DynamoDB itself.
            for (String table : List.of("RewardsTable", "InteractionsTable", "EventOutboxTable")) {
                var sizes = new java.util.TreeMap<String, Integer>();
                h.dynamo.client().scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
                    String kind = item.containsKey("sk") ? item.get("sk").s().replaceAll("[#:].*", "") : "outbox";
                    int size = item.entrySet().stream().mapToInt(e -> e.getKey().length() + size(e.getValue())).sum();
                    sizes.merge(table + " " + kind, size, Math::max);
                });
                sizes.forEach((k, v) -> System.out.printf("BENCH largest item %s: %d bytes%n", k, v));
            }
            System.out.printf("BENCH redemptions/s: %.1f (%d redemptions of %d members, %d threads, %.1f s, member read + lots read + "
                    + "transaction per call)%n", REDEMPTIONS / seconds, REDEMPTIONS, MEMBERS, THREADS, seconds);
        }
    }

    private static int size(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 2;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToInt(e -> e.getKey().length() + size(e.getValue()) + 1).sum();
        }
        return 1;
    }
}
