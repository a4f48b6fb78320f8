package com.fanops.metrics.app;

import com.fanops.metrics.domain.DailyMetricsReady;
import com.fanops.metrics.domain.DailySnapshot;
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
import com.fanops.metrics.domain.DailySnapshot.Distribution;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One run of the daily metrics job over the days {@code from..to}, as of a moment {@code at} (the scheduled event's
 * time - never the wall clock). For each day, oldest first: the newly dormant members are announced (one episode
 * each, care only for recent days), then the day's figures are computed from the facts and stored. Then
 * {@code DailyMetricsReady}. A rerun writes the same figures and announces nothing twice.
 *
 * <p>Rules that make reruns and late events safe:
 * <ul>
 *   <li>The member total comes from the {@code COUNTS} items (every join and exit up to the day), not from a chain of
 *       earlier snapshots, so any day can be computed on its own.</li>
 *   <li>The tier/category distribution is a current counter: it is recorded for "yesterday" by the first run that
 *       computes it and kept by every recompute; a day first computed later (a backfill) has none.</li>
 *   <li>A care message goes out only for episodes of the last {@value #CARE_WINDOW_DAYS} days before the run's day (the
 *       normal run's window); a backfill of older days records their episodes without care.</li>
 *   <li>An episode is not announced again if the member already has one within the late-event horizon (7 days before):
 *       a late event can move a member's last activity, and so the day the episode falls on, but it is one absence.</li>
 * </ul>
 */
public final class MetricsJob {

    public static final String SOURCE = "fanops.metrics";
    /** The normal run recomputes yesterday and the 7 days before it: events may arrive up to 7 days late. */
    public static final int RECOMPUTE_DAYS = 8;
    public static final int CARE_WINDOW_DAYS = RECOMPUTE_DAYS;

    public record Tables(String metrics, String interactions, String members, String config) {
    }

    /** What a run did, for its log line and its answer. */
    /** {@code pointsReadUnits} is the part of {@code readUnits} spent on the interactions table (points issued and expired). */
    public record Result(LocalDate from, LocalDate to, List<LocalDate> days, int episodes, int careQueued, double readUnits,
                         double writeUnits, double pointsReadUnits, long durationMs, int targetsVersion) {
    }

    private final MetricsCalculator calculator;
    private final MetricsFacts facts;
    private final PointsFigures points;
    private final SnapshotStore snapshots;
    private final KpiTargetsStore targets;
    private final CareAudience audience;
    private final DormancyStore dormancy;
    private final EventOutbox outbox;
    private final CapacityMeter meter;
    private final CapacityMeter pointsMeter;
    private final ZoneId zone;

    /** The day's message figures, from the messaging capability's log (a port: the calculation knows nothing of it). */
    public interface MessageFigures {
        MessageFigures NONE = day -> null;

        DailySnapshot.Messages on(LocalDate day);
    }

    private final MessageFigures messages;

    /** The day's satisfaction (CSAT, 1-5), from the complaints capability's surveys (a port, like the message figures). */
    public interface Satisfaction {
        Satisfaction NONE = day -> null;

        /** The average score for the day, or null when there is none. */
        Double csat(LocalDate day);

        /** The community pulse reported beside CSAT that day, or null (none with answers in the window). */
        default DailySnapshot.Pulse pulse(LocalDate day) {
            return null;
        }
    }

    private final Satisfaction satisfaction;

    public MetricsJob(DynamoDbClient ddb, Tables tables, EventOutbox outbox, ZoneId zone, MetricsCalculator.Settings settings, Clock clock) {
        this(ddb, tables, outbox, zone, settings, MessageFigures.NONE, clock);
    }

    public MetricsJob(DynamoDbClient ddb, Tables tables, EventOutbox outbox, ZoneId zone, MetricsCalculator.Settings settings,
                      MessageFigures messages, Clock clock) {
        this(ddb, tables, outbox, zone, settings, messages, Satisfaction.NONE, clock);
    }

    public MetricsJob(DynamoDbClient ddb, Tables tables, EventOutbox outbox, ZoneId zone, MetricsCalculator.Settings settings,
                      MessageFigures messages, Satisfaction satisfaction, Clock clock) {
        this.messages = messages;
        this.satisfaction = satisfaction;
        this.meter = new CapacityMeter();
        this.calculator = new MetricsCalculator(settings);
        this.facts = new MetricsFacts(ddb, tables.metrics(), meter);
        this.pointsMeter = new CapacityMeter();
        this.points = new PointsFigures(ddb, tables.interactions(), facts, pointsMeter);
        this.snapshots = new SnapshotStore(ddb, tables.metrics(), meter);
        this.targets = new KpiTargetsStore(ddb, tables.config(), clock);
        this.audience = new CareAudience(ddb, tables.members(), meter);
        this.dormancy = new DormancyStore(ddb, tables.metrics(), outbox, meter);
        this.outbox = outbox;
        this.zone = zone;
    }

    /** The business day before the moment: what a run at {@code at} reports on. */
    public LocalDate yesterday(Instant at) {
        return MetricsCalendar.lastWholeDay(at, zone);
    }

    public synchronized Result run(LocalDate from, LocalDate to, Instant at) {
        long started = System.nanoTime();
        LocalDate yesterday = yesterday(at);
        if (from.isAfter(to) || to.isAfter(yesterday)) {
            throw new IllegalArgumentException("days " + from + ".." + to + " cannot be computed at " + at);
        }
        meter.drain();
        pointsMeter.drain();
        LocalDate careFrom = yesterday.minusDays(CARE_WINDOW_DAYS - 1L);
        KpiTargets inForce = targets.current();
        FactWindow window = new FactWindow(facts, facts.excluded(), facts.counts());
        Map<LocalDate, DailySnapshot> before = new HashMap<>();
        snapshots.range(from, to).forEach(s -> before.put(s.day(), s));
        Distribution current = to.equals(yesterday) && !before.containsKey(yesterday) ? facts.distribution() : null;
        DormancyEpisodes episodes = new DormancyEpisodes(facts, audience, dormancy, careFrom, at);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            MetricsCalculator.DayView view = calculator.on(day, window);
            episodes.record(day, view.newlyDormant(), window);

            DailySnapshot earlier = before.get(day);
            Distribution distribution = earlier != null ? earlier.distribution() : day.equals(yesterday) ? current : null;
            MetricsCalculator.Extras extras = new MetricsCalculator.Extras(points.issued(day, window.withFacts(day)),
                    points.expired(day, window::excluded), distribution, satisfaction.csat(day));
            snapshots.put(view.snapshot(window.membersAtEndOf(day.minusDays(1)), extras, inForce, at).withMessages(messages.on(day))
                    .withPulse(satisfaction.pulse(day)));
            days.add(day);
        }

        // Staged like every event, so a bus outage leaves it to the relay instead of failing a finished run.
        EventOutbox.Staged ready = outbox.stage(SOURCE, new DailyMetricsReady(to, days, inForce.version()));
        outbox.publishAlone(ready);
        double[] units = meter.drain();
        double pointsUnits = pointsMeter.drain()[0];
        return new Result(from, to, days, episodes.announced(), episodes.cared(), units[0] + pointsUnits, units[1], pointsUnits,
                (System.nanoTime() - started) / 1_000_000, inForce.version());
    }
}
