package com.fanops.platform.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fanops.testing.LocalDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

class IdempotencyTest {

    record Receipt(String id, int total) {
    }

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.client().createTable(b -> b.tableName("Idem").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static Idempotency at(Instant now) {
        return new Idempotency(dynamo.client(), "Idem", Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1), Duration.ofSeconds(30));
    }

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void sameKeyTwiceRunsTheWorkOnceAndReturnsTheFirstResult() {
        AtomicInteger runs = new AtomicInteger();
        Receipt first = at(T0).once("k-1", Map.of("a", 1, "b", 2), Receipt.class, () -> new Receipt("r" + runs.incrementAndGet(), 5));
        Receipt again = at(T0.plusSeconds(5)).once("k-1", Map.of("b", 2, "a", 1), Receipt.class,
                () -> new Receipt("r" + runs.incrementAndGet(), 9));
        assertEquals(1, runs.get());
        assertEquals(first, again);
    }

    @Test
    void aDifferentPayloadUnderTheSameKeyIsRefused() {
        at(T0).once("k-2", Map.of("a", 1), Receipt.class, () -> new Receipt("r", 1));
        assertThrows(IdempotencyKeyMismatchException.class,
                () -> at(T0).once("k-2", Map.of("a", 2), Receipt.class, () -> new Receipt("r", 2)));
    }

    @Test
    void failedWorkReleasesTheKey() {
        assertThrows(IllegalStateException.class, () -> at(T0).once("k-3", "p", Receipt.class, () -> {
            throw new IllegalStateException("downstream down");
        }));
        assertEquals(new Receipt("ok", 1), at(T0).once("k-3", "p", Receipt.class, () -> new Receipt("ok", 1)));
    }

    @Test
    void anExpiredRecordRunsTheWorkAgain() {
        at(T0).once("k-4", "p", Receipt.class, () -> new Receipt("old", 1));
        assertEquals(new Receipt("new", 2), at(T0.plus(Duration.ofHours(2))).once("k-4", "p", Receipt.class, () -> new Receipt("new", 2)));
    }

    @Test
    void concurrentCallersRunTheWorkOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return at(T0).once("k-5", "p", Receipt.class, () -> {
                        runs.incrementAndGet();
                        sleep(200);
                        return new Receipt("once", 1);
                    }).id();
                } catch (IdempotencyInProgressException e) {
                    return "in-progress";
                }
            }));
        }
        go.countDown();
        for (Future<String> outcome : outcomes) {
            String value = outcome.get();
            assertEquals(true, value.equals("once") || value.equals("in-progress"), value);
        }
        pool.shutdown();
        assertEquals(1, runs.get());
        assertEquals("once", at(T0).once("k-5", "p", Receipt.class, () -> new Receipt("twice", 2)).id());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
