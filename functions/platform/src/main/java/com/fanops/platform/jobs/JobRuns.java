package com.fanops.platform.jobs;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The runs of fanned-out jobs, in the table of the capability that owns the job:
 * <pre>
 *   JOB#&lt;job&gt;#&lt;day&gt; / RUN            shards, startedAt, reported (N), done (NS: the shards counted), assembledAt
 *   JOB#&lt;job&gt;#&lt;day&gt; / PART#&lt;shard&gt;  partial (the shard's small result, JSON), reportedAt
 * </pre>
 * A shard is counted once: the run's counter moves only with the condition that the shard is not yet in {@code done},
 * so exactly one report - the one whose update brings {@code reported} to {@code shards} - completes the run. A run
 * that never completes stays visible: {@code done} says which shards reported.
 */
public final class JobRuns {

    public record Run(String job, LocalDate day, int shards, long reported, Set<Integer> done, Instant startedAt, Instant assembledAt) {

        public boolean complete() {
            return reported >= shards;
        }

        public boolean reported(int shard) {
            return done.contains(shard);
        }

        /** The shards not reported yet, in order. */
        public List<Integer> missing() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                if (!done.contains(i)) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** What a report did. */
    public enum Report {
        /** Counted; other shards still to come. */
        COUNTED,
        /** Counted, and it was the last: the caller assembles the result. */
        COMPLETED,
        /** This shard was counted before (a redelivered message): nothing changed. */
        ALREADY
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;
    private final java.time.Clock clock;

    public JobRuns(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this(ddb, table, meter, java.time.Clock.systemUTC());
    }

    /** @param clock when items are written: they expire {@value #KEEP_DAYS} days after that or after the run's time, the later */
    public JobRuns(DynamoDbClient ddb, String table, CapacityMeter meter, java.time.Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
        this.clock = clock;
    }

    /** Records the run, or returns the one already recorded for the job and day (its shard count wins). */
    public Run start(String job, LocalDate day, int shards, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(runKey(job, day));
        item.put("job", s(job));
        item.put("day", s(day.toString()));
        item.put("shards", n(shards));
        item.put("reported", n(0));
        item.put("startedAt", s(at.toString()));
        item.put("expiresAt", n(expiresAt(at)));
        try {
            meter.write(ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
            return new Run(job, day, shards, 0, Set.of(), at, null);
        } catch (ConditionalCheckFailedException exists) {
            meter.refusedWrite();
            return get(job, day).orElseThrow();
        }
    }

    /**
     * Runs and their partials (tens of KB a shard) are kept {@value #KEEP_DAYS} days, then dropped by the table's time to
     * live on {@code expiresAt} (epoch seconds) where the table has one. Counted from when the item is written, or from the
     * run's time when that is later: a run of a day long past (a replayed schedule, a benchmark's chosen day) would
     * otherwise be written already expired, and the time to live may delete it before its shards report.
     */
    static final int KEEP_DAYS = 35;

    private long expiresAt(Instant at) {
        Instant now = clock.instant();
        return (at.isAfter(now) ? at : now).plus(java.time.Duration.ofDays(KEEP_DAYS)).getEpochSecond();
    }

    public Optional<Run> get(String job, LocalDate day) {
        var answer = ddb.getItem(b -> b.tableName(table).key(runKey(job, day)).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(run(job, day, answer.item())) : Optional.empty();
    }

    /**
     * Stores the shard's partial result and counts the shard once. The partial is written first (a rerun overwrites it
     * with its own), so when the counter completes the run every partial is there to read.
     */
    public Report report(String job, LocalDate day, int shard, String partial, Instant at) {
        Map<String, AttributeValue> part = new HashMap<>(key(pk(job, day), partSk(shard)));
        part.put("partial", s(partial));
        part.put("reportedAt", s(at.toString()));
        part.put("expiresAt", n(expiresAt(at)));
        meter.write(ddb.putItem(b -> b.tableName(table).item(part).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity());
        try {
            var answer = ddb.updateItem(b -> b.tableName(table).key(runKey(job, day))
                    .updateExpression("ADD reported :one, done :shard")
                    .conditionExpression("attribute_exists(pk) AND NOT contains(done, :n)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":shard", AttributeValue.fromNs(List.of(Integer.toString(shard))),
                            ":n", n(shard)))
                    .returnValues(ReturnValue.ALL_NEW).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(answer.consumedCapacity());
            return num(answer.attributes(), "reported") >= num(answer.attributes(), "shards") ? Report.COMPLETED : Report.COUNTED;
        } catch (ConditionalCheckFailedException counted) {
            meter.refusedWrite();
            return Report.ALREADY;
        }
    }

    /** Every reported partial of the run, by shard. */
    public Map<Integer, String> partials(String job, LocalDate day) {
        Map<Integer, String> out = new TreeMap<>();
        var pages = ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", s(pk(job, day)), ":p", s("PART#"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        for (var page : pages) {
            meter.read(page.consumedCapacity());
            page.items().forEach(i -> out.put(Integer.parseInt(str(i, "sk").substring("PART#".length())), str(i, "partial")));
        }
        return out;
    }

    /** Marks the result assembled; false if it already was (a repeated assembly after a crash between work and mark). */
    public boolean markAssembled(String job, LocalDate day, Instant at) {
        try {
            meter.write(ddb.updateItem(b -> b.tableName(table).key(runKey(job, day)).updateExpression("SET assembledAt = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(assembledAt)")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                    .consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException already) {
            meter.refusedWrite();
            return false;
        }
    }

    /**
     * Takes the assembly of a completed run for {@code lease}: false while another invocation holds it. The report that
     * completes the run takes it first; a redelivered message takes it over only once the lease has run out (the first
     * assembler crashed), so the result is assembled by one invocation at a time and, once marked, never again.
     */
    public boolean claimAssembly(String job, LocalDate day, Instant now, Duration lease) {
        try {
            meter.write(ddb.updateItem(b -> b.tableName(table).key(runKey(job, day)).updateExpression("SET assemblingSince = :now")
                    .conditionExpression("attribute_exists(pk) AND reported >= shards AND attribute_not_exists(assembledAt)"
                            + " AND (attribute_not_exists(assemblingSince) OR assemblingSince < :stale)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":stale", s(now.minus(lease).toString())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            meter.refusedWrite();
            return false;
        }
    }

    private static Run run(String job, LocalDate day, Map<String, AttributeValue> item) {
        Set<Integer> done = new TreeSet<>();
        AttributeValue ns = item.get("done");
        if (ns != null && ns.hasNs()) {
            ns.ns().forEach(v -> done.add(Integer.parseInt(v)));
        }
        String assembled = str(item, "assembledAt");
        return new Run(job, day, (int) num(item, "shards"), num(item, "reported"), done, Instant.parse(str(item, "startedAt")),
                assembled == null ? null : Instant.parse(assembled));
    }

    private static String pk(String job, LocalDate day) {
        return "JOB#" + job + "#" + day;
    }

    private static Map<String, AttributeValue> runKey(String job, LocalDate day) {
        return key(pk(job, day), "RUN");
    }

    private static String partSk(int shard) {
        return String.format("PART#%05d", shard);
    }
}
