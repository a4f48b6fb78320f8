package com.fanops.platform.jobs;

import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One shard's message on the job's queue: which job, which business day, which shard of how many, and the run's
 * moment (the schedule's time, so every shard works as of the same instant).
 */
public record ShardTask(String job, LocalDate day, int shard, int shards, Instant at) {

    public ShardTask {
        if (job == null || job.isBlank() || day == null || at == null) {
            throw new IllegalArgumentException("job, day and at are required");
        }
        new Shard(shard, shards);
    }

    public Shard range() {
        return new Shard(shard, shards);
    }

    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ShardTask parse(String body) {
        try {
            return Json.mapper().readValue(body, ShardTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a shard task: " + e.getOriginalMessage());
        }
    }
}
