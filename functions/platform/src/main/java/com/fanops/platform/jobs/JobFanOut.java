package com.fanops.platform.jobs;

import com.fanops.platform.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A daily job that fans out: the scheduled invocation {@link #coordinate coordinates} - decides the shard count, records
 * the run and enqueues one message per shard not yet reported - and an SQS-triggered worker {@link #work works} one
 * shard, reports its partial result once, and the report that completes the run assembles the job's result.
 *
 * <p>One shard (a small community) runs in the coordinator's own invocation: the single-run path, kept as the
 * reference the fanned-out result is compared with. Calling the coordinator again for a day resumes its run: it
 * enqueues only the shards that have not reported, and assembles a run whose assembly was lost.
 */
public final class JobFanOut {

    /** What a job provides: its shard rule, one shard's work, and the assembly of the partial results. */
    public interface Job {
        String name();

        /** How many shards this run has (a stated rule on the community's size, read cheaply). */
        int shards(LocalDate day, Instant at);

        /** Works one shard, idempotently per member; returns its partial result (small JSON: counts, partial sums). */
        String runShard(ShardTask task);

        /** Builds the job's result from every shard's partial, once all have reported. */
        void assemble(LocalDate day, Instant at, Map<Integer, String> partials);
    }

    /** How long an assembler holds the run before a redelivered message may take it over (above the function timeout). */
    static final Duration ASSEMBLY_LEASE = Duration.ofMinutes(16);
    private static final Log LOG = Log.get(JobFanOut.class);

    private final Job job;
    private final JobRuns runs;
    private final Consumer<List<ShardTask>> queue;
    private final Clock clock;

    /** @param queue sends shard messages ({@link ShardQueue#send} in a function; a list in a test) */
    public JobFanOut(Job job, JobRuns runs, Consumer<List<ShardTask>> queue, Clock clock) {
        this.job = job;
        this.runs = runs;
        this.queue = queue;
        this.clock = clock;
    }

    /** The scheduled invocation: records the run and sends the shards not reported yet (or works the only one). */
    public JobRuns.Run coordinate(LocalDate day, Instant at) {
        JobRuns.Run run = runs.start(job.name(), day, job.shards(day, at), at);
        List<ShardTask> tasks = run.missing().stream().map(i -> new ShardTask(job.name(), day, i, run.shards(), run.startedAt())).toList();
        LOG.info("job run", "job", job.name(), "day", day.toString(), "shards", run.shards(), "enqueued", run.shards() == 1 ? 0 : tasks.size(),
                "reported", run.reported());
        if (run.shards() == 1 && !tasks.isEmpty()) {
            work(tasks.get(0));
        } else if (!tasks.isEmpty()) {
            queue.accept(tasks);
        } else if (run.assembledAt() == null) {
            assemble(run);
        }
        return runs.get(job.name(), day).orElseThrow();
    }

    /**
     * A schedule's invocation of the coordinator: the run's time is the trigger's {@code scheduledTime} (EventBridge
     * Scheduler) or {@code time} (a scheduled event), else now; the correlation id its {@code executionId}. Answers the
     * run's day, shard count, reports and whether it is assembled.
     */
    public Map<String, Object> coordinateScheduled(Map<String, Object> trigger, Clock now, Function<Instant, LocalDate> dayOf) {
        try {
            Object time = trigger == null ? null : trigger.getOrDefault("scheduledTime", trigger.get("time"));
            Instant at = time instanceof String t ? Instant.parse(t) : now.instant();
            Log.setCorrelationId(String.valueOf(trigger == null ? at : trigger.getOrDefault("executionId", at)));
            LocalDate day = dayOf.apply(at);
            JobRuns.Run run = coordinate(day, at);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("day", day.toString());
            out.put("shards", run.shards());
            out.put("reported", run.reported());
            out.put("assembled", run.assembledAt() != null);
            return out;
        } finally {
            Log.clearContext();
        }
    }

    /** One shard's message: does nothing twice (a redelivery of a reported shard only finishes a lost assembly). */
    public JobRuns.Report work(ShardTask task) {
        JobRuns.Run run = runs.get(task.job(), task.day()).orElse(null);
        if (run == null || run.shards() != task.shards()) {
            // Not a message of a recorded run: retrying cannot make it one.
            LOG.warn("shard of no recorded run dropped", "job", task.job(), "day", task.day().toString(), "shard", task.shard());
            return JobRuns.Report.ALREADY;
        }
        if (run.reported(task.shard())) {
            if (run.complete() && run.assembledAt() == null) {
                assemble(run);
            }
            return JobRuns.Report.ALREADY;
        }
        long started = System.nanoTime();
        String partial = job.runShard(task);
        JobRuns.Report report = runs.report(task.job(), task.day(), task.shard(), partial, clock.instant());
        LOG.info("job shard", "job", task.job(), "day", task.day().toString(), "shard", task.shard(), "shards", task.shards(),
                "report", report.name(), "shardMs", (System.nanoTime() - started) / 1_000_000);
        if (report == JobRuns.Report.COMPLETED) {
            assemble(runs.get(task.job(), task.day()).orElseThrow());
        }
        return report;
    }

    private void assemble(JobRuns.Run run) {
        if (!runs.claimAssembly(run.job(), run.day(), clock.instant(), ASSEMBLY_LEASE)) {
            return;
        }
        long started = System.nanoTime();
        job.assemble(run.day(), run.startedAt(), runs.partials(run.job(), run.day()));
        runs.markAssembled(run.job(), run.day(), clock.instant());
        LOG.info("job assembled", "job", run.job(), "day", run.day().toString(), "shards", run.shards(),
                "assemblyMs", (System.nanoTime() - started) / 1_000_000);
    }
}
