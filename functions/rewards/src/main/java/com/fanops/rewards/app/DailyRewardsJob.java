package com.fanops.rewards.app;

import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The daily rewards run as a fanned-out job ({@link JobFanOut}): shard {@code i} of {@code n} rewards the admitted members of
 * segment {@code i} of an {@code n}-segment Scan of the members table (birthdays, anniversaries, holidays), the win-back
 * episodes of member-id range {@code i} of {@code n}, and shard 0 the expiry ({@link DailyRewards#runShard}). Its partial is
 * the counts; the assembly adds them up. Issuance is once per cause, so a shard worked twice issues nothing more.
 *
 * <p>Shard rule: ceil(items in the members table / {@value #MEMBER_ITEMS_PER_SHARD}) - a Scan segment's reads follow the
 * table's items (a member has a profile, consent entries, status history: 5-10 items), and on a holiday every admitted
 * member of the segment is rewarded, so a shard of 20,000 items (2,000-4,000 members) stays under a minute
 * (docs/rewards.md, "Daily job").
 */
public final class DailyRewardsJob implements JobFanOut.Job {

    public static final String NAME = "rewards-daily";
    public static final int MEMBER_ITEMS_PER_SHARD = 20_000;
    private static final Log LOG = Log.get(DailyRewardsJob.class);

    private final DailyRewards daily;
    private final LongSupplier memberItems;
    private final int perShard;
    private final ZoneId zone;

    /** @param memberItems the members table's item count ({@code MembersTableSize::items}) */
    public DailyRewardsJob(DailyRewards daily, LongSupplier memberItems, int perShard, ZoneId zone) {
        this.daily = daily;
        this.memberItems = memberItems;
        this.perShard = perShard;
        this.zone = zone;
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
        return Shard.countFor(memberItems.getAsLong(), perShard);
    }

    @Override
    public String runShard(ShardTask task) {
        long started = System.nanoTime();
        DailyRewards.ShardCounts counts = daily.runShard(task.day(), task.shard(), task.shards(), task.range());
        LOG.info("rewards shard", "day", task.day().toString(), "shard", task.shard(), "shards", task.shards(),
                "issued", counts.issued().toString(), "expired", counts.expired(), "durationMs", (System.nanoTime() - started) / 1_000_000);
        try {
            return Json.mapper().writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void assemble(LocalDate day, Instant at, Map<Integer, String> partials) {
        DailyRewards.ShardCounts total = sum(partials.values().stream().map(DailyRewardsJob::parse).toList());
        LOG.info("daily rewards run", "day", day.toString(), "shards", partials.size(), "issued", total.issued().toString(),
                "expired", total.expired());
    }

    public static DailyRewards.ShardCounts sum(Iterable<DailyRewards.ShardCounts> parts) {
        Map<String, Integer> issued = new TreeMap<>();
        int expired = 0;
        for (DailyRewards.ShardCounts p : parts) {
            p.issued().forEach((k, v) -> issued.merge(k, v, Integer::sum));
            expired += p.expired();
        }
        return new DailyRewards.ShardCounts(issued, expired);
    }

    public static DailyRewards.ShardCounts parse(String json) {
        try {
            return Json.mapper().readValue(json, DailyRewards.ShardCounts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
