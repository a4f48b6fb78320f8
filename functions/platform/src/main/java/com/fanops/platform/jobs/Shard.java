package com.fanops.platform.jobs;

/**
 * One shard of a fanned-out job: the members whose id falls in a contiguous range. Member ids are {@code m_} and 32
 * random hex digits, so the first four hex digits split them evenly: shard {@code i} of {@code n} starts at bucket
 * {@code i * 65536 / n}. The first shard also takes every id below {@code m_0000}, the last every id above {@code m_ffff},
 * so any id belongs to exactly one shard (an odd id only unbalances a shard, never drops a member).
 *
 * <p>A range is a key condition ({@link ShardKeys}) on a table or index whose sort key is the member id (or
 * {@code MEMBER#} and the id): a shard reads its own slice of a partition, never the whole partition.
 */
public record Shard(int index, int count) {

    /** Four hex digits of the id: at most this many shards. */
    public static final int MAX_SHARDS = 65_536;

    public Shard {
        if (count < 1 || count > MAX_SHARDS || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count);
        }
    }

    /** The whole community in one shard: the single-run path. */
    public static Shard whole() {
        return new Shard(0, 1);
    }

    /**
     * The shard count for a population: ceil(items / perShard), at least 1. A shard's work stays bounded (perShard), the
     * count grows with the community.
     */
    public static int countFor(long items, int perShard) {
        if (perShard < 1) {
            throw new IllegalArgumentException("perShard must be at least 1");
        }
        long shards = (Math.max(0, items) + perShard - 1) / perShard;
        return (int) Math.max(1, Math.min(MAX_SHARDS, shards));
    }

    /** The lowest id of the shard (inclusive), or null for the first shard. */
    public String lower() {
        return index == 0 ? null : bound(index);
    }

    /** The lowest id of the next shard (exclusive), or null for the last shard. */
    public String upper() {
        return index == count - 1 ? null : bound(index + 1);
    }

    public boolean contains(String memberId) {
        String lo = lower();
        String hi = upper();
        return (lo == null || memberId.compareTo(lo) >= 0) && (hi == null || memberId.compareTo(hi) < 0);
    }

    private String bound(int i) {
        return "m_" + String.format("%04x", (int) ((long) i * MAX_SHARDS / count));
    }
}
