package com.fanops.platform.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static LocalDynamo dynamo;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:10Z"));

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private RateLimiter limiter() {
        return new RateLimiter(dynamo.client(), "LimitsTable", clock);
    }

    @Test
    void concurrentCallersNeverPassMoreThanTheLimit() throws Exception {
        RateLimit limit = RateLimit.parse("concurrent", "25/1h");
        RateLimiter limiter = limiter();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                try {
                    limiter.acquire(limit, "client-a");
                    return true;
                } catch (RateLimitedException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int passed = 0;
        for (Future<Boolean> call : calls) {
            passed += call.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(25, passed);
    }

    @Test
    void aRefusalSaysWhenTheWindowEndsAndTheNextWindowAllowsAgain() {
        RateLimit limit = RateLimit.parse("window", "2/1m");
        RateLimiter limiter = limiter();
        limiter.acquire(limit, "s");
        limiter.acquire(limit, "s");
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire(limit, "s"));
        assertEquals(50, refused.retryAfterSeconds(), "the minute started 10 s ago");
        assertEquals("50", refused.headers().get("retry-after"));
        assertEquals(429, refused.problem().status());
        clock.advance(Duration.ofSeconds(50));
        limiter.acquire(limit, "s");
    }

    @Test
    void subjectsAndLimitsCountApart() {
        RateLimit a = RateLimit.parse("apart-a", "1/1h");
        RateLimit b = RateLimit.parse("apart-b", "1/1h");
        RateLimiter limiter = limiter();
        limiter.acquire(a, "one");
        limiter.acquire(a, "two");
        limiter.acquire(b, "one");
        assertThrows(RateLimitedException.class, () -> limiter.acquire(a, "one"));
    }

    @Test
    void severalLimitsCountTogetherOrNotAtAll() {
        RateLimit client = RateLimit.parse("both-client", "10/1h");
        RateLimit contact = RateLimit.parse("both-contact", "1/1m");
        RateLimiter limiter = limiter();
        limiter.acquire(List.of(new RateLimiter.Charge(client, "c"), new RateLimiter.Charge(contact, "x")));
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> limiter.acquire(List.of(new RateLimiter.Charge(client, "c"), new RateLimiter.Charge(contact, "x"))));
        assertEquals(50, refused.retryAfterSeconds(), "the contact's minute is what refused");
        // The refused call moved no counter: the client has used 1 of 10, so 9 more pass with other contacts.
        for (int i = 0; i < 9; i++) {
            String other = "y" + i;
            limiter.acquire(List.of(new RateLimiter.Charge(client, "c"), new RateLimiter.Charge(contact, other)));
        }
        assertThrows(RateLimitedException.class,
                () -> limiter.acquire(List.of(new RateLimiter.Charge(client, "c"), new RateLimiter.Charge(contact, "z"))));
        long counters = dynamo.client().scan(b -> b.tableName("LimitsTable")).items().stream()
                .filter(i -> i.get("pk").s().contains("#z#")).count();
        assertEquals(0, counters, "refused by the client's limit: the new contact's counter was not written either");
    }

    @Test
    void noLimitCountsNothing() {
        limiter().acquire(null, "anyone");
        assertEquals(null, RateLimit.parse("x", "off"));
    }

    @Test
    void aTokenIsUsedOnce() {
        RateLimiter limiter = limiter();
        Instant until = clock.instant().plusSeconds(300);
        assertTrue(limiter.useOnce("test", "t1", until));
        assertFalse(limiter.useOnce("test", "t1", until));
        assertTrue(limiter.useOnce("test", "t2", until));
    }

    @Test
    void limitsAreWrittenAsCountPerWindow() {
        assertEquals(new RateLimit("x", 30, Duration.ofMinutes(10)), RateLimit.parse("x", "30/10m"));
        assertEquals(new RateLimit("x", 5, Duration.ofDays(1)), RateLimit.parse("x", " 5/1D "));
        assertEquals(new RateLimit("x", 10, Duration.ofSeconds(90)), RateLimit.parse("x", "10/90s"));
        for (String bad : List.of("30", "0/1h", "30/0m", "30/10w", "-1/1h", "30/40d", "")) {
            assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("x", bad), bad);
        }
    }
}
