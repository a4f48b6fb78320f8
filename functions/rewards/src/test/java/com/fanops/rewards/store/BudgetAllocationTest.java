package com.fanops.rewards.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.store.BudgetStore.AllocationResult;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Allocations of a budget (an activity's budget held on a rewards budget) against DynamoDB Local: reserved once per id,
 * never over what is available under concurrency, released once.
 */
class BudgetAllocationTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static LocalDynamo dynamo;
    private static BudgetStore budgets;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        budgets = new BudgetStore(dynamo.client(), "RewardsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static void budget(String id, long amount) {
        assertTrue(budgets.create(id, id, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), amount, "manager", NOW));
    }

    private static Budget read(String id) {
        return budgets.get(id).orElseThrow();
    }

    @Test
    void allocatingTheSameIdTwiceReservesOnce() {
        budget("fan-days", 10_000);
        assertEquals(AllocationResult.ALLOCATED, budgets.allocate("fan-days", "act-1", 4_000, NOW));
        assertEquals(AllocationResult.ALREADY, budgets.allocate("fan-days", "act-1", 4_000, NOW));
        Budget b = read("fan-days");
        assertEquals(4_000, b.reserved());
        assertEquals(6_000, b.available());
        var a = budgets.allocation("act-1").orElseThrow();
        assertEquals("fan-days", a.budgetId());
        assertEquals(4_000, a.amount());
        assertEquals(0, a.spent());
    }

    @Test
    void anAllocationOverWhatIsLeftIsRefusedAndChangesNothing() {
        budget("small", 1_000);
        assertEquals(AllocationResult.ALLOCATED, budgets.allocate("small", "act-2", 700, NOW));
        assertEquals(AllocationResult.INSUFFICIENT, budgets.allocate("small", "act-3", 301, NOW));
        assertEquals(AllocationResult.NO_BUDGET, budgets.allocate("no-such", "act-4", 1, NOW));
        assertTrue(budgets.allocation("act-3").isEmpty());
        assertTrue(budgets.allocation("act-4").isEmpty());
        assertEquals(300, read("small").available());
        assertEquals(700, read("small").reserved());
    }

    @Test
    void aReleaseGivesTheUnspentBackOnce() {
        budget("spring", 5_000);
        budgets.allocate("spring", "act-5", 2_000, NOW);
        assertEquals(2_000, budgets.release("act-5", NOW));
        assertEquals(0, budgets.release("act-5", NOW));
        assertEquals(0, budgets.release("never-allocated", NOW));
        Budget b = read("spring");
        assertEquals(5_000, b.available());
        assertEquals(0, b.reserved());
        assertEquals(NOW, budgets.allocation("act-5").orElseThrow().releasedAt());
    }

    @Test
    void concurrentAllocationsThatTogetherExceedTheBudgetNeverGoOver() throws Exception {
        budget("contested", 10_000);
        int callers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AllocationResult>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String id = "race-" + (i % 16); // 16 distinct allocations of 1,000 (8 ids asked twice): 10 fit
            answers.add(pool.submit(() -> {
                go.await();
                return budgets.allocate("contested", id, 1_000, NOW);
            }));
        }
        go.countDown();
        long allocated = 0;
        for (Future<AllocationResult> f : answers) {
            allocated += f.get() == AllocationResult.ALLOCATED ? 1 : 0;
        }
        pool.shutdown();
        Budget b = read("contested");
        assertEquals(10, allocated, "exactly what fits is allocated");
        assertEquals(10_000, b.reserved());
        assertEquals(0, b.available());
        long held = 0;
        for (int i = 0; i < 16; i++) {
            held += budgets.allocation("race-" + i).map(BudgetStore.Allocation::amount).orElse(0L);
        }
        assertEquals(10_000, held, "every reserved fen belongs to one allocation");
    }
}
