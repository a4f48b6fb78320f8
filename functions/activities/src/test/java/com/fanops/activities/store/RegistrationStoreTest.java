package com.fanops.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.store.RegistrationStore.Registration;
import com.fanops.activities.store.RegistrationStore.Result;
import com.fanops.activities.store.RegistrationStore.Status;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity held exactly under real concurrent calls against DynamoDB Local: 3N registrations for N seats register N and
 * put the rest on the waiting list in ticket order; cancellations promote the first waiting; a check-in counts once.
 */
class RegistrationStoreTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static LocalDynamo dynamo;
    private static ActivityStore activities;
    private static RegistrationStore registrations;
    private static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        activities = new ActivityStore(dynamo.client(), "ActivitiesTable");
        registrations = new RegistrationStore(dynamo.client(), "ActivitiesTable");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static String publish(int capacity, int waitingLimit) {
        String id = "act-" + IDS.incrementAndGet();
        Activity a = new Activity(id, 1, ActivityStatus.APPROVED, "Spring meetup", null, Activity.ActivityType.OFFLINE, "Hall A",
                NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(3)), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(9)), capacity, waitingLimit, Activity.Audience.everyone(), null, 0, Activity.Goals.none(),
                "owner", List.of(), 0, 7, List.of());
        assertTrue(activities.create(a, "manager", NOW));
        assertTrue(activities.transition(id, ActivityStatus.APPROVED, 1, ActivityStatus.PUBLISHED, new byte[32], new byte[32], "manager", NOW));
        return id;
    }

    private static List<RegistrationStore.Outcome> concurrently(List<Callable<RegistrationStore.Outcome>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RegistrationStore.Outcome>> futures = new ArrayList<>();
            for (Callable<RegistrationStore.Outcome> c : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.call();
                }));
            }
            go.countDown();
            List<RegistrationStore.Outcome> out = new ArrayList<>();
            for (Future<RegistrationStore.Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Registration> all(String activityId) {
        List<Registration> out = new ArrayList<>();
        registrations.forEach(activityId, out::add);
        return out;
    }

    @Test
    void threeTimesTheSeatsAtOnceRegisterExactlyTheSeatsAndQueueTheRestInArrivalOrder() throws Exception {
        int n = 12;
        String id = publish(n, 1_000);
        Instant starts = NOW.plus(Duration.ofDays(10));
        List<Callable<RegistrationStore.Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * n; i++) {
            String member = "m" + i;
            calls.add(() -> registrations.register(id, member, starts, NOW));
        }
        List<RegistrationStore.Outcome> outcomes = concurrently(calls);

        assertEquals(n, outcomes.stream().filter(o -> o.result() == Result.REGISTERED).count());
        assertEquals(2L * n, outcomes.stream().filter(o -> o.result() == Result.WAITING).count());
        List<Registration> stored = all(id);
        assertEquals(n, stored.stream().filter(r -> r.status() == Status.REGISTERED).count());
        ActivityStore.Stored counters = activities.get(id).orElseThrow();
        assertEquals(n, counters.registered());
        assertEquals(2L * n, counters.waiting());
        // the waiting list is the waiting members in the order of their arrival tickets
        List<String> expected = stored.stream().filter(r -> r.status() == Status.WAITING)
                .sorted(Comparator.comparingLong(Registration::no)).map(Registration::memberId).toList();
        assertEquals(expected, registrations.waitingList(id));
        assertEquals(3L * n, stored.stream().map(Registration::no).distinct().count(), "every arrival has its own ticket");

        // one cancellation promotes the first waiting, and only them
        String seated = stored.stream().filter(r -> r.status() == Status.REGISTERED).findFirst().orElseThrow().memberId();
        RegistrationStore.Outcome cancelled = registrations.cancel(id, seated, NOW.plusSeconds(60));
        assertEquals(Result.CANCELLED, cancelled.result());
        assertEquals(List.of(expected.get(0)), cancelled.promoted());
        assertEquals(Status.REGISTERED, registrations.get(id, expected.get(0)).orElseThrow().status());
        assertEquals(expected.subList(1, expected.size()), registrations.waitingList(id));

        // five cancellations at once promote the next five waiting, in order, and the seats stay at n
        List<String> seatedNow = all(id).stream().filter(r -> r.status() == Status.REGISTERED).map(Registration::memberId).limit(5).toList();
        List<Callable<RegistrationStore.Outcome>> cancels = new ArrayList<>();
        for (String m : seatedNow) {
            cancels.add(() -> registrations.cancel(id, m, NOW.plusSeconds(120)));
        }
        List<String> promoted = new ArrayList<>();
        concurrently(cancels).forEach(o -> promoted.addAll(o.promoted()));
        assertEquals(new java.util.HashSet<>(expected.subList(1, 6)), new java.util.HashSet<>(promoted));
        assertEquals(expected.subList(6, expected.size()), registrations.waitingList(id));
        counters = activities.get(id).orElseThrow();
        assertEquals(n, counters.registered());
        assertEquals(2L * n - 6, counters.waiting());
        assertEquals(n, all(id).stream().filter(r -> r.status() == Status.REGISTERED).count());
    }

    @Test
    void withoutAWaitingListAFullActivityRefusesAndNothingIsWritten() throws Exception {
        int n = 8;
        String id = publish(n, 0);
        List<Callable<RegistrationStore.Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * n; i++) {
            String member = "f" + i;
            calls.add(() -> registrations.register(id, member, NOW.plus(Duration.ofDays(10)), NOW));
        }
        List<RegistrationStore.Outcome> outcomes = concurrently(calls);
        assertEquals(n, outcomes.stream().filter(o -> o.result() == Result.REGISTERED).count());
        assertEquals(2L * n, outcomes.stream().filter(o -> o.result() == Result.FULL).count());
        assertEquals(n, all(id).size(), "a refused registration leaves no item");
        assertEquals(n, activities.get(id).orElseThrow().registered());
    }

    @Test
    void outsideTheWindowNothingIsRegistered() {
        String id = publish(5, 5);
        Instant after = NOW.plus(Duration.ofDays(9)).plusSeconds(1);
        assertEquals(Result.CLOSED, registrations.register(id, "late", NOW.plus(Duration.ofDays(10)), after).result());
        assertEquals(Result.CLOSED, registrations.register(id, "early", NOW.plus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(2))).result());
        assertEquals(Result.UNKNOWN_ACTIVITY, registrations.register("no-such", "m", NOW, NOW).result());
        assertTrue(all(id).isEmpty());
        assertEquals(0, activities.get(id).orElseThrow().registered());
    }

    @Test
    void registeringTwiceIsOneRegistrationAndACheckInScannedTwiceCountsOnce() throws Exception {
        String id = publish(5, 0);
        Instant starts = NOW.plus(Duration.ofDays(10));
        assertEquals(Result.REGISTERED, registrations.register(id, "twice", starts, NOW).result());
        assertEquals(Result.ALREADY, registrations.register(id, "twice", starts, NOW).result());
        assertEquals(1, activities.get(id).orElseThrow().registered());

        List<Callable<RegistrationStore.Outcome>> scans = new ArrayList<>();
        AtomicInteger firsts = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            scans.add(() -> {
                registrations.checkIn(id, "twice", "staff", starts).filter(RegistrationStore.CheckIn::first).ifPresent(c -> firsts.incrementAndGet());
                return null;
            });
        }
        concurrently(scans);
        assertEquals(1, firsts.get());
        assertEquals(1, activities.get(id).orElseThrow().checkedIn());
        RegistrationStore.CheckIn again = registrations.checkIn(id, "twice", "staff", starts.plusSeconds(30)).orElseThrow();
        assertFalse(again.first());
        assertEquals(starts, again.registration().checkedInAt());
        assertTrue(registrations.checkIn(id, "stranger", "staff", starts).isEmpty(), "no seat, no check-in");
        assertEquals(Result.ALREADY, registrations.cancel(id, "twice", starts).result(), "a checked-in member cannot cancel");
        assertEquals(1, activities.get(id).orElseThrow().registered());
    }
}
