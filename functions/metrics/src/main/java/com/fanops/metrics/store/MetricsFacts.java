package com.fanops.metrics.store;

import com.fanops.metrics.domain.FactWindow;
import static com.fanops.platform.dynamo.Items.date;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardKeys;
import com.fanops.metrics.domain.DailySnapshot.Distribution;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads the fact partitions of the metrics table (layout in docs/metrics.md; written by the scorer's hook and the
 * metrics-events function): one paginated, eventually consistent Query per partition, projected to the attributes
 * the figures need, with the read units counted. The daily job runs after midnight, long after the day's writes.
 * <pre>
 *   ACT#&lt;day&gt;    / &lt;memberId&gt;   a, p, f, u (1 when set), pts (points issued that day)
 *   JOIN#&lt;day&gt;   / &lt;memberId&gt;   kind, exitDay
 *   EXIT#&lt;day&gt;   / &lt;memberId&gt;   joinDay, to
 *   COUNTS       / &lt;day&gt;        joins, exits
 *   DIST         / CURRENT      cat_&lt;category&gt;, tier_&lt;tier&gt;
 *   XCL          / &lt;memberId&gt;   an excluded account (staff, test)
 *   CARE#&lt;day&gt;   / &lt;memberId&gt;   (written by the daily job, {@link DormancyStore})
 * </pre>
 */
public final class MetricsFacts implements FactWindow.Source {

    static final List<String> TIERS = List.of("bronze", "silver", "gold", "diamond");
    static final List<String> CATEGORIES = List.of("potential", "regular", "active", "core");

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;
    private final Shard shard;
    /**
     * The points of the members with a fact, by day, read with the day's activity and taken once by {@link #issued}; only
     * the latest {@value #POINTS_DAYS} days read are kept (a run asks for a day's points right after reading its activity,
     * the newest of its windows).
     */
    private final NavigableMap<LocalDate, Map<String, Long>> points = new TreeMap<>();
    private static final int POINTS_DAYS = 8;

    public MetricsFacts(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this(ddb, table, meter, Shard.whole());
    }

    /**
     * The facts of one shard's members: every member-keyed partition (ACT, JOIN, EXIT, CARE, DORMANT, XCL) is read for the
     * shard's id range only, a key condition on {@code sk}; COUNTS and DIST are the community's.
     */
    public MetricsFacts(DynamoDbClient ddb, String table, CapacityMeter meter, Shard shard) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
        this.shard = shard;
    }

    @Override
    public FactWindow.Activity activity(LocalDate day) {
        Set<String> active = new HashSet<>();
        Set<String> purchased = new HashSet<>();
        Set<String> followed = new HashSet<>();
        Set<String> unfollowed = new HashSet<>();
        Map<String, Long> issued = new HashMap<>();
        query("ACT#" + day, "sk, #a, #p, #f, #u, pts", Map.of("#a", "a", "#p", "p", "#f", "f", "#u", "u"), item -> {
            String m = str(item, "sk");
            if (num(item, "pts") > 0) {
                issued.put(m, num(item, "pts"));
            }
            if (num(item, "a") > 0) {
                active.add(m);
            }
            if (num(item, "p") > 0) {
                purchased.add(m);
            }
            if (num(item, "f") > 0) {
                followed.add(m);
            }
            if (num(item, "u") > 0) {
                unfollowed.add(m);
            }
        });
        synchronized (points) {
            points.put(day, issued);
            while (points.size() > POINTS_DAYS) {
                points.pollFirstEntry();
            }
        }
        return new FactWindow.Activity(active, purchased, followed, unfollowed);
    }

    /**
     * Points issued on the day to these members, from the {@code pts} of their {@code ACT} facts: read with the day's
     * activity when it was read (and then forgotten, so a long window does not keep every day's points), else one Query
     * of the day's partition.
     */
    public long issued(LocalDate day, Collection<String> memberIds) {
        Map<String, Long> read;
        synchronized (points) {
            read = points.remove(day);
        }
        if (read == null) {
            Map<String, Long> queried = new HashMap<>();
            query("ACT#" + day, "sk, pts", Map.of(), item -> queried.put(str(item, "sk"), num(item, "pts")));
            read = queried;
        }
        long sum = 0;
        for (String m : memberIds) {
            sum = Math.addExact(sum, read.getOrDefault(m, 0L));
        }
        return sum;
    }

    @Override
    public List<FactWindow.Joined> joined(LocalDate day) {
        List<FactWindow.Joined> out = new ArrayList<>();
        query("JOIN#" + day, "sk, #k, exitDay", Map.of("#k", "kind"),
                item -> out.add(new FactWindow.Joined(str(item, "sk"), str(item, "kind"), date(item, "exitDay"))));
        return out;
    }

    @Override
    public List<FactWindow.Exited> exited(LocalDate day) {
        List<FactWindow.Exited> out = new ArrayList<>();
        query("EXIT#" + day, "sk, joinDay, #t", Map.of("#t", "to"),
                item -> out.add(new FactWindow.Exited(str(item, "sk"), date(item, "joinDay"), str(item, "to"))));
        return out;
    }

    @Override
    public Set<String> careQueued(LocalDate day) {
        return keys("CARE#" + day);
    }

    /** Members with a dormancy episode recorded on the day ({@code DORMANT#<day>}). */
    public Set<String> dormantOn(LocalDate day) {
        return keys("DORMANT#" + day);
    }

    public Set<String> excluded() {
        return keys("XCL");
    }

    /** Every day's community joins and exits: one small item per day since the start, read in one Query. */
    public Map<LocalDate, FactWindow.DayCounts> counts() {
        Map<LocalDate, FactWindow.DayCounts> out = new HashMap<>();
        query("COUNTS", "sk, joins, exits", Map.of(), false,
                item -> out.put(LocalDate.parse(str(item, "sk")), new FactWindow.DayCounts(num(item, "joins"), num(item, "exits"))));
        return out;
    }

    /** Current community members by tier and by category (the counters the metrics-events function keeps). */
    public Distribution distribution() {
        var answer = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("DIST"), "sk", s("CURRENT")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        Map<String, AttributeValue> item = answer.hasItem() ? answer.item() : Map.of();
        Map<String, Long> tiers = new LinkedHashMap<>();
        TIERS.forEach(t -> tiers.put(t, num(item, "tier_" + t)));
        Map<String, Long> categories = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> categories.put(c, num(item, "cat_" + c)));
        return new Distribution(tiers, categories);
    }

    private Set<String> keys(String pk) {
        Set<String> out = new HashSet<>();
        query(pk, "sk", Map.of(), item -> out.add(str(item, "sk")));
        return out;
    }

    private void query(String pk, String projection, Map<String, String> names, Consumer<Map<String, AttributeValue>> each) {
        query(pk, projection, names, true, each);
    }

    private void query(String pk, String projection, Map<String, String> names, boolean byMember, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
        Shard range = byMember ? shard : Shard.whole();
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression(ShardKeys.condition("pk = :pk", "sk", "", range, values))
                .expressionAttributeValues(values).projectionExpression(projection)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (!names.isEmpty()) {
            q.expressionAttributeNames(names);
        }
        for (var page : ddb.queryPaginator(q.build())) {
            meter.read(page.consumedCapacity());
            page.items().stream().filter(item -> range.contains(str(item, "sk"))).forEach(each);
        }
    }
}
