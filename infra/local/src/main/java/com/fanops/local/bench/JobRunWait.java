package com.fanops.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;

/**
 * Waits for a fanned-out daily job's run in a benchmark: until its assembly's log line, then until every shard's line
 * (a shard's line may trail the assembly it triggered); a long run prints how far it is, a minute apart.
 */
final class JobRunWait {

    private static final long PROGRESS_NANOS = 60_000_000_000L;

    private JobRunWait() {
    }

    /** A run as waited for: from the invocation to its assembly, and its shards' log lines. */
    record Run(long totalMs, List<JsonNode> shardLines) {
    }

    /** Once {@code assembled} has grown past {@code assembledBefore} and all {@code shards} reported. */
    static Run await(LocalDate day, long startedNanos, List<JsonNode> assembled, int assembledBefore, List<JsonNode> shardLines,
                                int shardsBefore, int shards) throws InterruptedException {
        long progressAt = System.nanoTime();
        while (assembled.size() == assembledBefore) {
            Thread.sleep(50);
            if (System.nanoTime() - progressAt > PROGRESS_NANOS) {
                progressAt = System.nanoTime();
                List<JsonNode> done = List.copyOf(shardLines.subList(shardsBefore, shardLines.size()));
                System.out.printf("  %s: %d of %d shards done after %,d s; slowest so far %,d ms%n", day, done.size(), shards,
                        (progressAt - startedNanos) / 1_000_000_000L, done.stream().mapToLong(r -> r.path("durationMs").asLong()).max().orElse(0));
            }
        }
        long totalMs = (System.nanoTime() - startedNanos) / 1_000_000;
        while (shardLines.size() < shardsBefore + shards) {
            Thread.sleep(50);
        }
        return new Run(totalMs, shardLines.subList(shardsBefore, shardsBefore + shards));
    }
}
