package com.fanops.complaints.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A uniform random sample without replacement, drawn as a bottom-k sketch: every candidate gets the priority
 * SHA-256(seed, member id) and the {@code size} lowest priorities are the sample. With a hash that behaves as random,
 * every subset of that size is equally likely; and the result depends only on the seed (the pulse id) and the set of
 * candidates - not on the order they come in, so a parallel scan, a rerun after a crash and a test all draw the same
 * members. Memory is O(size); offers are thread-safe.
 */
public final class PulseSample {

    private record Candidate(long priority, String memberId) {
    }

    private static final Comparator<Candidate> ORDER = Comparator.<Candidate>comparingLong(c -> c.priority() ^ Long.MIN_VALUE)
            .thenComparing(Candidate::memberId);
    private final String seed;
    private final int size;
    private final PriorityQueue<Candidate> kept;
    private long offered;

    public PulseSample(String seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        this.seed = seed;
        this.size = size;
        this.kept = new PriorityQueue<>(ORDER.reversed());
    }

    public synchronized void offer(String memberId) {
        offered++;
        Candidate c = new Candidate(priority(seed, memberId), memberId);
        if (kept.size() < size) {
            kept.add(c);
        } else if (ORDER.compare(c, kept.peek()) < 0) {
            kept.poll();
            kept.add(c);
        }
    }

    /** The sample, lowest priority first: {@code size} members, or every candidate when there were fewer. */
    public synchronized List<String> members() {
        List<Candidate> sorted = new ArrayList<>(kept);
        sorted.sort(ORDER);
        return sorted.stream().map(Candidate::memberId).toList();
    }

    /** How many candidates were offered (the population sampled from). */
    public synchronized long population() {
        return offered;
    }

    static long priority(String seed, String memberId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + "\n" + memberId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
