package com.fanops.local.bench;

import com.fanops.activities.app.Registrations;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.CheckInCodes;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.local.stack.DynamoDbServer;
import com.fanops.local.stack.Provisioner;
import com.fanops.template.TableSpec;
import com.fanops.template.Template;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * {@code ./fanops bench activities [--capacity 200] [--waiting 1000] [--registrations 600] [--threads 16]
 * [--cancellations 50] [--check-ins 100]}: issue 17's registration under concurrency, on DynamoDB Local in this JVM, through
 * the activities capability's own service and stores ({@code Registrations}, {@code RegistrationStore}) as the member and
 * staff routes call them (the member directory and messaging stubbed: they touch other tables). One published activity of
 * {@code --capacity} seats and a waiting list of {@code --waiting}:
 * <ol>
 *   <li>{@code --registrations} members register at once from {@code --threads} threads: registrations/s, p50/p99
 *       latency; then checked - exactly the capacity seated, the rest waiting in ticket order, the counters equal to the
 *       items.</li>
 *   <li>{@code --cancellations} seated members cancel one by one, each promoting the first waiting member.</li>
 *   <li>{@code --check-ins} seated members are checked in with their current code, concurrently.</li>
 * </ol>
 * Every DynamoDB call is metered by an SDK interceptor ({@code ReturnConsumedCapacity=TOTAL}, the stores unchanged) and
 * charged to the operation running on its thread; refused calls (a condition failed, a transaction cancelled) carry no
 * figures, so they are counted apart. Exit status 1 when a check fails.
 */
public final class ActivitiesBenchmark {

    private ActivitiesBenchmark() {
    }

    /** Units and calls of one kind of operation, by DynamoDB call (operation and the items it touches). */
    static final class Tally {
        final Map<String, double[]> byCall = new ConcurrentHashMap<>(); // calls, refused, read units, write units
        long operations;

        synchronized void add(String call, double reads, double writes, boolean refused) {
            double[] t = byCall.computeIfAbsent(call, k -> new double[4]);
            t[refused ? 1 : 0]++;
            t[2] += reads;
            t[3] += writes;
        }

        synchronized void merge(Tally other) {
            other.byCall.forEach((k, v) -> {
                double[] t = byCall.computeIfAbsent(k, x -> new double[4]);
                for (int i = 0; i < 4; i++) {
                    t[i] += v[i];
                }
            });
            operations += other.operations;
        }

        double reads() {
            return byCall.values().stream().mapToDouble(t -> t[2]).sum();
        }

        double writes() {
            return byCall.values().stream().mapToDouble(t -> t[3]).sum();
        }
    }

    /** Asks every call for its consumed capacity and charges it to the tally of the operation on the calling thread. */
    static final class Meter extends CapacityRequests {
        static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Tally t = CURRENT.get();
            if (t == null) {
                return;
            }
            String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            List<ConsumedCapacity> all = CapacityRequests.consumed(context);
            double units = all.stream().mapToDouble(o -> ((ConsumedCapacity) o).capacityUnits() == null ? 0 : ((ConsumedCapacity) o).capacityUnits()).sum();
            boolean read = op.startsWith("Get") || op.startsWith("Query") || op.startsWith("Scan") || op.startsWith("BatchGet") || op.equals("TransactGetItems");
            t.add(label(op, context.request()), read ? units : 0, read ? 0 : units, false);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            Tally t = CURRENT.get();
            if (t != null) {
                t.add(label(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()), 0, 0, true);
            }
        }

        /** The call and the kinds of item it touches (the sort key's prefix): "TransactWriteItems[Update DEF, Put REG, Put NO]". */
        static String label(String op, SdkRequest request) {
            if (request instanceof TransactWriteItemsRequest t) {
                return op + t.transactItems().stream().map(Meter::item).collect(Collectors.joining(", ", "[", "]"));
            }
            Object key = request.getValueForField("Key", Object.class).orElse(null);
            if (key instanceof Map<?, ?> k && k.get("sk") instanceof AttributeValue sk) {
                return op + " " + prefix(sk.s());
            }
            Object values = request.getValueForField("ExpressionAttributeValues", Object.class).orElse(null);
            if (values instanceof Map<?, ?> v) {
                String begins = v.values().stream().filter(x -> x instanceof AttributeValue a && a.s() != null && a.s().endsWith("#") && !a.s().startsWith("ACT#"))
                        .map(x -> ((AttributeValue) x).s()).findFirst().orElse("");
                return op + " " + prefix(begins);
            }
            return op;
        }

        private static String item(TransactWriteItem i) {
            if (i.update() != null) {
                return "Update " + prefix(i.update().key().get("sk").s());
            }
            if (i.put() != null) {
                return "Put " + prefix(i.put().item().get("sk").s());
            }
            if (i.delete() != null) {
                return "Delete " + prefix(i.delete().key().get("sk").s());
            }
            return "Check " + prefix(i.conditionCheck().key().get("sk").s());
        }

        private static String prefix(String sk) {
            int hash = sk.indexOf('#');
            return hash < 0 ? sk : sk.substring(0, hash);
        }
    }

    public static void run(Path root, int capacity, int waitingLimit, int registrations, int threads, int cancellations, int checkIns) throws Exception {
        if (capacity < 1 || registrations < capacity || threads < 1) {
            throw new IllegalArgumentException("--registrations must be at least --capacity (>= 1), --threads at least 1");
        }
        Meter meter = new Meter();
        Instant t0 = Instant.parse("2026-12-01T02:00:00Z");
        ComplaintsBenchmark.SetClock clock = new ComplaintsBenchmark.SetClock(t0);
        boolean ok = true;
        try (DynamoDbServer server = new DynamoDbServer(0, null)) {
            DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.of("us-east-1"))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(threads * 2))
                    .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
            createTables(ddb, Template.load(root.resolve("template.yaml")));
            ActivityStore activities = new ActivityStore(ddb, "ActivitiesTable");
            RegistrationStore store = new RegistrationStore(ddb, "ActivitiesTable");
            Registrations service = new Registrations(activities, store, m -> Optional.of(new Registrations.Member(m, true, "gold", List.of())),
                    (eventId, activityId, memberId, at) -> { }, new Registrations.Notices() {
                        public void registered(Activity a, String m, boolean waiting) { }
                        public void promoted(Activity a, String m) { }
                    }, clock);
            String id = publish(activities, capacity, waitingLimit, t0);
            System.out.printf("activities benchmark: capacity %d, waiting list %d, %d registrations from %d threads, %d cancellations, %d check-ins%n",
                    capacity, waitingLimit, registrations, threads, cancellations, checkIns);

            // 1. Registrations at once
            List<String> members = new ArrayList<>();
            for (int i = 0; i < registrations; i++) {
                members.add(String.format("m_%08x", i + 1));
            }
            Map<RegistrationStore.Result, Tally> byResult = new ConcurrentHashMap<>();
            Map<String, String> refusedBy = new ConcurrentHashMap<>();
            long[] latencies = new long[registrations];
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < registrations; i++) {
                int n = i;
                calls.add(() -> {
                    Tally mine = new Tally();
                    Meter.CURRENT.set(mine);
                    long s = System.nanoTime();
                    RegistrationStore.Result result;
                    try {
                        result = service.register(members.get(n), id).result();
                    } catch (RuntimeException e) {
                        refusedBy.put(members.get(n), e.getMessage());
                        result = RegistrationStore.Result.FULL;
                    } finally {
                        Meter.CURRENT.remove();
                    }
                    latencies[n] = System.nanoTime() - s;
                    mine.operations = 1;
                    byResult.computeIfAbsent(result, r -> new Tally()).merge(mine);
                    return null;
                });
            }
            double seconds = concurrently(calls, threads);
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            System.out.printf("%nregistrations: %d in %.2f s = %.0f registrations/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    registrations, seconds, registrations / seconds, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6, sorted[sorted.length - 1] / 1e6);
            byResult.forEach((r, t) -> print(r == RegistrationStore.Result.REGISTERED ? "a registration (a seat)"
                    : r == RegistrationStore.Result.WAITING ? "a place on the waiting list" : "refused (" + r + ")", t));

            // the outcome: exactly the capacity seated, the rest waiting in ticket order
            List<RegistrationStore.Registration> all = new ArrayList<>();
            store.forEach(id, all::add);
            long seated = all.stream().filter(r -> r.status() == RegistrationStore.Status.REGISTERED).count();
            List<String> waitingByTicket = all.stream().filter(r -> r.status() == RegistrationStore.Status.WAITING)
                    .sorted(Comparator.comparingLong(RegistrationStore.Registration::no)).map(RegistrationStore.Registration::memberId).toList();
            long expectedWaiting = Math.min(registrations - capacity, waitingLimit);
            ActivityStore.Stored counters = activities.get(id).orElseThrow();
            boolean inOrder = store.waitingList(id).equals(waitingByTicket);
            ok &= check("seated = capacity", seated == capacity, seated + " of " + capacity);
            ok &= check("waiting = min(registrations - capacity, waiting limit)", waitingByTicket.size() == expectedWaiting,
                    waitingByTicket.size() + " of " + expectedWaiting);
            ok &= check("waiting list in ticket order", inOrder, inOrder ? "yes" : "no");
            ok &= check("counters equal the items", counters.registered() == seated && counters.waiting() == waitingByTicket.size(),
                    "registered " + counters.registered() + ", waiting " + counters.waiting());

            // 2. Cancellations, each promoting the first waiting
            List<String> seatedMembers = all.stream().filter(r -> r.status() == RegistrationStore.Status.REGISTERED)
                    .sorted(Comparator.comparingLong(RegistrationStore.Registration::no)).map(RegistrationStore.Registration::memberId).toList();
            int cancelling = Math.min(cancellations, Math.min(seatedMembers.size(), waitingByTicket.size()));
            Tally cancels = new Tally();
            List<String> promoted = new ArrayList<>();
            for (int i = 0; i < cancelling; i++) {
                Meter.CURRENT.set(cancels);
                try {
                    promoted.addAll(service.cancel(seatedMembers.get(seatedMembers.size() - 1 - i), id).promoted());
                } finally {
                    Meter.CURRENT.remove();
                }
                cancels.operations++;
            }
            if (cancelling > 0) {
                System.out.println();
                print("a cancellation with its promotion", cancels);
                ok &= check("each cancellation promoted the next waiting, in order", promoted.equals(waitingByTicket.subList(0, cancelling)),
                        promoted.size() + " promoted");
            }

            // 3. Check-ins with each member's current code, concurrently (the staff route's path)
            clock.now = activities.get(id).orElseThrow().activity().startsAt().plusSeconds(60);
            byte[] key = activities.get(id).orElseThrow().checkInKey();
            List<RegistrationStore.Registration> holding = new ArrayList<>();
            store.forEach(id, r -> {
                if (r.status() == RegistrationStore.Status.REGISTERED) {
                    holding.add(r);
                }
            });
            int checking = Math.min(checkIns, holding.size());
            Tally checks = new Tally();
            List<Callable<Void>> scans = new ArrayList<>();
            for (int i = 0; i < checking; i++) {
                RegistrationStore.Registration r = holding.get(i);
                scans.add(() -> {
                    Tally mine = new Tally();
                    Meter.CURRENT.set(mine);
                    try {
                        service.checkIn("staff", id, new CheckInCodes(key).current(r.no(), clock.instant()).text());
                    } finally {
                        Meter.CURRENT.remove();
                    }
                    mine.operations = 1;
                    checks.merge(mine);
                    return null;
                });
            }
            double checkSeconds = concurrently(scans, threads);
            System.out.printf("%ncheck-ins: %d in %.2f s = %.0f/s%n", checking, checkSeconds, checking / checkSeconds);
            print("a check-in (staff route: code verified, number resolved, seat read, check-in)", checks);
            ok &= check("checked in counted once each", activities.get(id).orElseThrow().checkedIn() == checking,
                    activities.get(id).orElseThrow().checkedIn() + " of " + checking);
            Map<String, AttributeValue> def = ddb.getItem(g -> g.tableName("ActivitiesTable")
                    .key(Map.of("pk", AttributeValue.fromS("ACT#" + id), "sk", AttributeValue.fromS("DEF")))).item();
            System.out.printf("%nthe activity's DEF item (written by every registration): about %d bytes%n", ItemSize.of(def));
            System.out.println("All items of one activity share its partition (pk ACT#<id>); DynamoDB serves at most about 1,000 write units"
                    + " a second per partition, so one activity's registrations are bounded by its write units per registration (above).");
        }
        System.out.println(ok ? "\nall checks passed" : "\nA CHECK FAILED");
        System.out.flush();
        System.exit(ok ? 0 : 1); // DynamoDB Local keeps a thread alive
    }

    private static boolean check(String what, boolean passed, String detail) {
        System.out.printf("  check %-58s %s (%s)%n", what, passed ? "ok" : "FAILED", detail);
        return passed;
    }

    private static void print(String what, Tally t) {
        long n = Math.max(1, t.operations);
        System.out.printf("  %s: %d; per one: %.2f read units, %.2f write units%n", what, t.operations, t.reads() / n, t.writes() / n);
        new TreeMap<>(t.byCall).forEach((call, v) -> System.out.printf("      %-72s %5.2f calls %5.2f refused  %5.2f RCU %5.2f WCU%n",
                call, v[0] / n, v[1] / n, v[2] / n, v[3] / n));
    }

    private static double concurrently(List<Callable<Void>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> c : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.call();
                }));
            }
            long s = System.nanoTime();
            go.countDown();
            for (Future<Void> f : futures) {
                f.get();
            }
            return (System.nanoTime() - s) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A published activity with a definition of a realistic size, its key drawn as publication draws it. */
    private static String publish(ActivityStore activities, int capacity, int waitingLimit, Instant now) {
        String id = "act_bench" + Long.toHexString(System.nanoTime());
        Activity a = new Activity(id, 1, ActivityStatus.APPROVED, "Winter fan meeting with the team",
                "An afternoon with the players: a talk, signed photos and tea. Bring your membership page to check in at the door; seats are limited.",
                Activity.ActivityType.OFFLINE, "Flagship store, 3rd floor hall", now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(10)).plus(Duration.ofHours(3)),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)), capacity, waitingLimit, Activity.Audience.everyone(), null, 0,
                Activity.Goals.none(), "Li Na", List.of(), 0, 7, List.of());
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        byte[] seed = new byte[32];
        random.nextBytes(key);
        random.nextBytes(seed);
        if (!activities.create(a, "manager", now) || !activities.transition(id, ActivityStatus.APPROVED, 1, ActivityStatus.PUBLISHED, key, seed, "manager", now)) {
            throw new IllegalStateException("could not publish the benchmark's activity");
        }
        return id;
    }

    private static void createTables(DynamoDbClient ddb, Template template) {
        for (TableSpec table : template.tables()) {
            ddb.createTable(Provisioner.createTableRequest(table, table.logicalId()));
        }
    }
}
