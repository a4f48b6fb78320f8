package com.fanops.engagement.app;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.ReviewCensus;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily engagement job as a fanned-out job ({@link JobFanOut}): each shard expires its members' lots due (looking
 * back a week), announces those expiring soon, and reviews its members on the review index - exactly what the single
 * run does, for a member-id range. Its partial is four counts; the assembly adds them up. Every step is idempotent per
 * member (conditional writes), so a redelivered shard changes nothing.
 *
 * <p>Shard rule: ceil(members on the review index / {@value #REVIEWED_PER_SHARD}) - a review is a few reads and at most
 * one transaction per member, so a shard of 2,000 stays far under a minute (docs/engagement.md, "Daily job").
 */
public final class EngagementDailyJob implements JobFanOut.Job {

    public static final String NAME = "engagement-daily";
    public static final int REVIEWED_PER_SHARD = 2_000;
    private static final Log LOG = Log.get(EngagementDailyJob.class);

    /** One shard's counts (the whole run's, once added up). */
    public record Partial(long pointsExpired, int expiryWarnings, int reviewed, Map<String, Integer> tierDecisions) {

        public static Partial sum(Collection<Partial> parts) {
            long expired = 0;
            int warned = 0;
            int reviewed = 0;
            Map<String, Integer> decisions = new TreeMap<>();
            for (Partial p : parts) {
                expired += p.pointsExpired();
                warned += p.expiryWarnings();
                reviewed += p.reviewed();
                p.tierDecisions().forEach((k, v) -> decisions.merge(k, v, Integer::sum));
            }
            return new Partial(expired, warned, reviewed, decisions);
        }
    }

    private final PointsLedger ledger;
    private final StandingService standing;
    private final StandingStore standings;
    private final RulesStore rules;
    private final ReviewCensus census;
    private final CapacityMeter meter;
    private final ZoneId zone;
    private final int perShard;

    public EngagementDailyJob(PointsLedger ledger, StandingService standing, StandingStore standings, RulesStore rules, ReviewCensus census,
                              CapacityMeter meter, ZoneId zone, int perShard) {
        this.ledger = ledger;
        this.standing = standing;
        this.standings = standings;
        this.rules = rules;
        this.census = census;
        this.meter = meter;
        this.zone = zone;
        this.perShard = perShard;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The business day a run at {@code at} works on. */
    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    @Override
    public int shards(LocalDate day, Instant at) {
        return Shard.countFor(census.reviewed(), perShard);
    }

    @Override
    public String runShard(ShardTask task) {
        meter.drain();
        long started = System.nanoTime();
        Partial p = run(task.range(), task.at());
        double[] units = meter.drain();
        LOG.info("engagement shard", "day", task.day().toString(), "shard", task.shard(), "shards", task.shards(), "reviewed", p.reviewed(),
                "pointsExpired", p.pointsExpired(), "expiryWarnings", p.expiryWarnings(), "readUnits", units[0], "writeUnits", units[1],
                "tierDecisions", p.tierDecisions().toString(), "durationMs", (System.nanoTime() - started) / 1_000_000);
        try {
            return Json.mapper().writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One shard's work as of {@code at}: expiry, warnings, reviews of the shard's members. */
    public Partial run(Shard shard, Instant at) {
        LocalDate today = day(at);
        EngagementRules current = rules.current();
        long expired = ledger.expire(today, shard);
        int warned = ledger.warnExpiring(today, current.expiryWarningDays(), shard);
        Map<String, Integer> decisions = new TreeMap<>();
        int[] reviewed = {0};
        standings.forEachReviewed(shard, memberId -> {
            StandingService.Evaluation e = standing.review(memberId, at, current);
            reviewed[0]++;
            decisions.merge(e.tierDecision().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        });
        return new Partial(expired, warned, reviewed[0], decisions);
    }

    @Override
    public void assemble(LocalDate day, Instant at, Map<Integer, String> partials) {
        Partial total = Partial.sum(partials.values().stream().map(EngagementDailyJob::parse).toList());
        LOG.info("daily engagement run", "day", day.toString(), "shards", partials.size(), "reviewed", total.reviewed(),
                "pointsExpired", total.pointsExpired(), "expiryWarnings", total.expiryWarnings());
    }

    public static Partial parse(String json) {
        try {
            return Json.mapper().readValue(json, Partial.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
