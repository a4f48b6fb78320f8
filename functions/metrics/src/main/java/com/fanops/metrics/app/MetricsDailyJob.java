package com.fanops.metrics.app;

import com.fanops.metrics.domain.DailyMetricsReady;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.DailySnapshot.Distribution;
import com.fanops.metrics.domain.DayPartial;
import com.fanops.metrics.domain.FactWindow;
import com.fanops.metrics.domain.KpiTargets;
import com.fanops.metrics.domain.MetricsCalculator;
import com.fanops.metrics.domain.MetricsCalendar;
import com.fanops.metrics.store.CareAudience;
import com.fanops.metrics.store.DormancyStore;
import com.fanops.metrics.store.KpiTargetsStore;
import com.fanops.metrics.store.MetricsFacts;
import com.fanops.metrics.store.PointsFigures;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The daily metrics run (yesterday and the 7 days before it, as {@link MetricsJob}) as a fanned-out job ({@link JobFanOut}).
 * A shard reads the fact partitions for its member-id range only, records its members' dormancy episodes and care (the
 * same rules as {@link MetricsJob}, per member), and reports each day's counts ({@link DayPartial}, a few hundred
 * numbers a day). The assembly adds the shards' counts up, takes what belongs to the whole community - the member count
 * from {@code COUNTS}, points expired, the tier and category distribution, CSAT, the pulse, message figures, KPI targets -
 * writes the 8 snapshots and announces {@code DailyMetricsReady}. {@link MetricsJob} stays the single run (backfills,
 * and the reference the fanned-out result is tested against).
 *
 * <p>Shard rule: ceil(community members at the end of yesterday / {@value #MEMBERS_PER_SHARD}), from the {@code COUNTS}
 * items the job reads anyway (docs/metrics.md, "Fan-out").
 */
public final class MetricsDailyJob implements JobFanOut.Job {

    public static final String NAME = "metrics-daily";
    public static final int MEMBERS_PER_SHARD = 10_000;
    private static final Log LOG = Log.get(MetricsDailyJob.class);

    /** A shard's report: each day's counts, and what it announced. */
    public record ShardResult(List<DayPartial> days, int episodes, int careQueued, double readUnits, double writeUnits) {
    }

    private final DynamoDbClient ddb;
    private final MetricsJob.Tables tables;
    private final EventOutbox outbox;
    private final ZoneId zone;
    private final MetricsCalculator calculator;
    private final MetricsJob.MessageFigures messages;
    private final MetricsJob.Satisfaction satisfaction;
    private final int perShard;
    private final CapacityMeter meter = new CapacityMeter();
    private final MetricsFacts community;
    private final SnapshotStore snapshots;
    private final KpiTargetsStore targets;

    public MetricsDailyJob(DynamoDbClient ddb, MetricsJob.Tables tables, EventOutbox outbox, ZoneId zone, MetricsCalculator.Settings settings,
                           MetricsJob.MessageFigures messages, MetricsJob.Satisfaction satisfaction, int perShard, Clock clock) {
        this.ddb = ddb;
        this.tables = tables;
        this.outbox = outbox;
        this.zone = zone;
        this.calculator = new MetricsCalculator(settings);
        this.messages = messages;
        this.satisfaction = satisfaction;
        this.perShard = perShard;
        this.community = new MetricsFacts(ddb, tables.metrics(), meter);
        this.snapshots = new SnapshotStore(ddb, tables.metrics(), meter);
        this.targets = new KpiTargetsStore(ddb, tables.config(), clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The day a run at {@code at} reports on (the last of the 8 it computes). */
    public LocalDate day(Instant at) {
        return MetricsCalendar.lastWholeDay(at, zone);
    }

    @Override
    public int shards(LocalDate day, Instant at) {
        FactWindow window = new FactWindow(community, Set.of(), community.counts());
        return Shard.countFor(window.membersAtEndOf(day), perShard);
    }

    @Override
    public synchronized String runShard(ShardTask task) {
        try {
            return Json.mapper().writeValueAsString(run(task.range(), task.day(), task.at()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One shard's 8 days as of {@code at}, {@code yesterday} the last: episodes and care recorded, counts returned. */
    public synchronized ShardResult run(Shard shard, LocalDate yesterday, Instant at) {
        long started = System.nanoTime();
        meter.drain();
        CapacityMeter pointsMeter = new CapacityMeter();
        MetricsFacts facts = new MetricsFacts(ddb, tables.metrics(), meter, shard);
        PointsFigures points = new PointsFigures(ddb, tables.interactions(), facts, pointsMeter);
        CareAudience audience = new CareAudience(ddb, tables.members(), meter);
        DormancyStore dormancy = new DormancyStore(ddb, tables.metrics(), outbox, meter);
        LocalDate from = yesterday.minusDays(MetricsJob.RECOMPUTE_DAYS - 1L);
        LocalDate careFrom = yesterday.minusDays(MetricsJob.CARE_WINDOW_DAYS - 1L);
        FactWindow window = new FactWindow(facts, facts.excluded(), Map.of());
        DormancyEpisodes episodes = new DormancyEpisodes(facts, audience, dormancy, careFrom, at);
        List<DayPartial> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(yesterday); day = day.plusDays(1)) {
            MetricsCalculator.DayView view = calculator.on(day, window);
            episodes.record(day, view.newlyDormant(), window);
            days.add(view.partial(points.issued(day, window.withFacts(day))));
        }
        double[] units = meter.drain();
        double pointsUnits = pointsMeter.drain()[0];
        LOG.info("metrics shard", "day", yesterday.toString(), "shard", shard.index(), "shards", shard.count(), "episodes", episodes.announced(),
                "careQueued", episodes.cared(), "readUnits", units[0] + pointsUnits, "writeUnits", units[1], "pointsReadUnits", pointsUnits,
                "durationMs", (System.nanoTime() - started) / 1_000_000);
        return new ShardResult(days, episodes.announced(), episodes.cared(), units[0] + pointsUnits, units[1]);
    }

    @Override
    public synchronized void assemble(LocalDate yesterday, Instant at, Map<Integer, String> partials) {
        long started = System.nanoTime();
        meter.drain();
        CapacityMeter pointsMeter = new CapacityMeter();
        PointsFigures points = new PointsFigures(ddb, tables.interactions(), community, pointsMeter);
        LocalDate from = yesterday.minusDays(MetricsJob.RECOMPUTE_DAYS - 1L);
        Map<LocalDate, DayPartial> sums = new TreeMap<>();
        int episodes = 0;
        for (String json : partials.values()) {
            ShardResult r = parse(json);
            episodes += r.episodes();
            r.days().forEach(p -> sums.merge(p.day(), p, DayPartial::plus));
        }
        KpiTargets inForce = targets.current();
        Set<String> excluded = community.excluded();
        FactWindow window = new FactWindow(community, excluded, community.counts());
        Map<LocalDate, DailySnapshot> before = new HashMap<>();
        snapshots.range(from, yesterday).forEach(s -> before.put(s.day(), s));
        Distribution current = before.containsKey(yesterday) ? null : community.distribution();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(yesterday); day = day.plusDays(1)) {
            DailySnapshot earlier = before.get(day);
            Distribution distribution = earlier != null ? earlier.distribution() : day.equals(yesterday) ? current : null;
            MetricsCalculator.Extras extras = new MetricsCalculator.Extras(0, points.expired(day, excluded::contains), distribution,
                    satisfaction.csat(day));
            snapshots.put(calculator.assemble(sums.get(day), window.membersAtEndOf(day.minusDays(1)), window.counts(day), extras, inForce, at)
                    .withMessages(messages.on(day)).withPulse(satisfaction.pulse(day)));
            days.add(day);
        }
        EventOutbox.Staged ready = outbox.stage(MetricsJob.SOURCE, new DailyMetricsReady(yesterday, days, inForce.version()));
        outbox.publishAlone(ready);
        double[] units = meter.drain();
        LOG.info("metrics assembled", "day", yesterday.toString(), "shards", partials.size(), "episodes", episodes,
                "readUnits", units[0] + pointsMeter.drain()[0], "writeUnits", units[1], "durationMs", (System.nanoTime() - started) / 1_000_000);
    }

    public static ShardResult parse(String json) {
        try {
            return Json.mapper().readValue(json, ShardResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
