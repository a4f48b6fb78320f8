package com.fanops.local.bench;

import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.SlaSweep;
import com.fanops.complaints.app.TicketIntake;
import com.fanops.complaints.domain.Submission;
import com.fanops.local.stack.DynamoDbServer;
import com.fanops.local.stack.Provisioner;
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.events.EventOutbox;
import com.fanops.template.Template;
import com.fanops.template.TableSpec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * {@code ./fanops bench complaints [--open 10000] [--due 10] [--intake 200]}: what the complaints capability costs in
 * DynamoDB, measured on DynamoDB Local in this JVM with the capability wired as its functions wire it. Every call goes
 * through an SDK interceptor that asks for {@code ReturnConsumedCapacity=TOTAL} and adds up the calls and the units
 * DynamoDB reports - the stores are not changed for it.
 *
 * <ol>
 *   <li>Intake: {@code --intake} tickets taken in one by one (numbered ticket, history, outbox event, acknowledgement):
 *       calls and capacity units per ticket.</li>
 *   <li>{@code --open} open tickets in all: the due ones opened Monday 09:00, the others Tuesday (loaded the same way,
 *       not measured), then a first sweep Tuesday 18:00 (it re-derives every open ticket: the cost of a settings
 *       change, measured), then the measured due check Wednesday 15:00, when exactly the {@code --due} tickets have
 *       passed their warning point (80% of 24 working hours) and the others have not.</li>
 * </ol>
 */
public final class ComplaintsBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ComplaintsBenchmark() {
    }

    /** Calls per operation and capacity units, as DynamoDB reports them. */
    static final class Meter extends CapacityRequests {
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final DoubleAdder reads = new DoubleAdder();
        final DoubleAdder writes = new DoubleAdder();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong()).incrementAndGet();
            List<ConsumedCapacity> all = CapacityRequests.consumed(context);
            for (Object o : all) {
                ConsumedCapacity c = (ConsumedCapacity) o;
                String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                double units = c.capacityUnits() == null ? 0 : c.capacityUnits();
                if (c.readCapacityUnits() != null || c.writeCapacityUnits() != null) {
                    reads.add(c.readCapacityUnits() == null ? 0 : c.readCapacityUnits());
                    writes.add(c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits());
                } else if (op.startsWith("Get") || op.startsWith("Query") || op.startsWith("Scan") || op.startsWith("BatchGet")
                        || op.equals("TransactGetItems")) {
                    reads.add(units);
                } else {
                    writes.add(units);
                }
            }
        }

        Snapshot snapshot() {
            Map<String, Long> c = new TreeMap<>();
            calls.forEach((k, v) -> c.put(k, v.get()));
            return new Snapshot(c, reads.sum(), writes.sum());
        }
    }

    record Snapshot(Map<String, Long> calls, double reads, double writes) {
        Snapshot minus(Snapshot before) {
            Map<String, Long> c = new TreeMap<>();
            calls.forEach((k, v) -> {
                long d = v - before.calls.getOrDefault(k, 0L);
                if (d > 0) {
                    c.put(k, d);
                }
            });
            return new Snapshot(c, reads - before.reads, writes - before.writes);
        }

        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A clock the benchmark sets (tickets are taken in at their submission time). */
    static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Data keys in memory, unwrapped as generated: nothing here is secret (a benchmark's generated tickets). */
    static final class BenchKeys implements DataKeyService {
        private final SecureRandom random = new SecureRandom();

        @Override
        public DataKey generate(String purpose) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            return new DataKey(key, key.clone());
        }

        @Override
        public byte[] unwrap(byte[] wrapped, String purpose) {
            return wrapped.clone();
        }
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    public static void run(Path root, int open, int due, int intakeMeasured, int loaders) throws Exception {
        Meter meter = new Meter();
        try (DynamoDbServer server = new DynamoDbServer(0, null)) {
            DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.of("us-east-1"))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(loaders * 2))
                    .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
            createTables(ddb, Template.load(root.resolve("template.yaml")));
            SetClock clock = new SetClock(at("2026-11-23T09:00"));
            Keyring keyring = new Keyring(ddb, "ConfigTable", new BenchKeys(), clock);
            EventOutbox outbox = new EventOutbox(ddb, "EventOutboxTable", (source, type, detail, time) -> { }, clock);
            // As the functions wire it: the intake and the sweep cache the settings for a minute.
            Complaints intakeSide = new Complaints(ddb, "ComplaintsTable", "ConfigTable", keyring, outbox, m -> { }, "https://fans.example.com",
                    ZONE, clock, Duration.ofMinutes(1));
            TicketIntake intake = intakeSide.intake(ddb, "InteractionsTable");
            SlaSweep sweep = new Complaints(ddb, "ComplaintsTable", "ConfigTable", keyring, outbox, m -> { }, "https://fans.example.com", ZONE,
                    clock, Duration.ofSeconds(60)).sweep();

            System.out.printf("complaints benchmark: %d open tickets, %d due at the check, %d intakes measured%n", open, due, intakeMeasured);
            long t0 = System.nanoTime();
            for (int i = 0; i < due; i++) {
                intake.take(submission(intakeSide, i, at("2026-11-23T09:00")));
            }
            // Warm the JVM and the keyring before measuring (the first ticket creates the field key).
            clock.now = at("2026-11-24T09:00");
            Snapshot before = meter.snapshot();
            for (int i = due; i < due + intakeMeasured; i++) {
                intake.take(submission(intakeSide, i, at("2026-11-24T09:00").plusSeconds(i)));
            }
            Snapshot intakeCost = meter.snapshot().minus(before);
            System.out.printf("intake: per ticket %.2f calls, %.2f read units, %.2f write units (%s over %d tickets)%n",
                    intakeCost.total() / (double) intakeMeasured, intakeCost.reads() / intakeMeasured, intakeCost.writes() / intakeMeasured,
                    intakeCost.calls(), intakeMeasured);

            ExecutorService pool = Executors.newFixedThreadPool(loaders);
            List<Future<?>> loads = new ArrayList<>();
            int start = due + intakeMeasured;
            for (int k = 0; k < loaders; k++) {
                int first = start + k;
                loads.add(pool.submit(() -> {
                    for (int i = first; i < open; i += loaders) {
                        intake.take(submission(intakeSide, i, at("2026-11-24T09:00").plusSeconds(i % 28_000)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : loads) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("loaded %d open tickets in %.1f s%n", open, (System.nanoTime() - t0) / 1e9);

            clock.now = at("2026-11-24T18:00");
            before = meter.snapshot();
            SlaSweep.Run first = sweep.sweep(clock.now);
            Snapshot walk = meter.snapshot().minus(before);
            System.out.printf("first run (re-derives every open ticket, as after a settings change): %d re-derived, %d calls, %.1f read units,"
                    + " %.1f write units %s%n", first.rederived(), walk.total(), walk.reads(), walk.writes(), walk.calls());

            clock.now = at("2026-11-25T15:00");
            before = meter.snapshot();
            long t1 = System.nanoTime();
            SlaSweep.Run check = sweep.sweep(clock.now);
            double ms = (System.nanoTime() - t1) / 1e6;
            Snapshot cost = meter.snapshot().minus(before);
            System.out.printf("due check: %d due found (%d index queries), %d warned; %d calls, %.1f read units, %.1f write units, %.0f ms %s%n",
                    check.tickets(), check.indexQueries(), check.warned(), cost.total(), cost.reads(), cost.writes(), ms, cost.calls());

            before = meter.snapshot();
            SlaSweep.Run quiet = sweep.sweep(clock.now.plusSeconds(300));
            Snapshot idle = meter.snapshot().minus(before);
            System.out.printf("next run, nothing due: %d found; %d calls, %.1f read units %s%n", quiet.tickets(), idle.total(), idle.reads(),
                    idle.calls());
        }
    }

    private static Submission submission(Complaints c, int i, Instant at) {
        String id = String.format("t_%024x", i + 1);
        return new Submission(id, at, null, "en", "delivery", null, List.of(), "email", String.format("idx-%08d", i),
                c.cipher.encrypt(id, "name", "Bench " + i), c.cipher.encrypt(id, "contact", "bench" + i + "@example.com"),
                c.cipher.encrypt(id, "description", "The parcel did not arrive."));
    }

    private static void createTables(DynamoDbClient ddb, Template template) {
        for (TableSpec table : template.tables()) {
            ddb.createTable(Provisioner.createTableRequest(table, table.logicalId()));
        }
    }
}
