package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.store.ActivityJobStore;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.dynamo.CapacityMeter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The daily activities job wired once for its two handlers (the schedule's coordinator and the shard worker). */
final class ActivitiesFanOut {

    final ActivitiesDailyJob job;
    final JobFanOut fanOut;

    /**
     * @param activitiesTable where the activities, the job's snapshot and marks, and the job's runs
     *                        ({@code JOB#activities-daily#<day>}, dropped by the table's time to live after 35 days) live
     */
    ActivitiesFanOut(DynamoDbClient ddb, String activitiesTable, ActivitiesDailyJob.Ports ports, LongSupplier memberItems, int perShard,
                     ZoneId zone, Consumer<List<ShardTask>> queue, Clock clock) {
        this.job = new ActivitiesDailyJob(new ActivityStore(ddb, activitiesTable), new RegistrationStore(ddb, activitiesTable),
                new ActivityJobStore(ddb, activitiesTable), ports, memberItems, perShard, zone);
        this.fanOut = new JobFanOut(job, new JobRuns(ddb, activitiesTable, new CapacityMeter(), clock), queue, clock);
    }

    /** A worker sends nothing: only the coordinator enqueues shards. */
    static Consumer<List<ShardTask>> noQueue() {
        return tasks -> {
            throw new IllegalStateException("a shard worker does not enqueue shards");
        };
    }
}
