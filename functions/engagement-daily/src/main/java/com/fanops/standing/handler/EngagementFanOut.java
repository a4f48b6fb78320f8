package com.fanops.standing.handler;

import com.fanops.engagement.app.EngagementDailyJob;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.ReviewCensus;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The fanned-out daily engagement job wired once for its two handlers (the schedule's coordinator and the shard worker). */
final class EngagementFanOut {

    final EngagementDailyJob job;
    final JobFanOut fanOut;

    EngagementFanOut(DynamoDbClient ddb, String interactionsTable, String configTable, EventOutbox outbox, ZoneId zone,
                     Consumer<List<ShardTask>> queue, int perShard, Clock clock) {
        CapacityMeter meter = new CapacityMeter();
        InteractionStore days = new InteractionStore(ddb, interactionsTable, zone, meter);
        StandingStore standings = new StandingStore(ddb, interactionsTable, meter);
        this.job = new EngagementDailyJob(new PointsLedger(ddb, interactionsTable, days, outbox, zone, clock, meter),
                new StandingService(days, standings, outbox, zone), standings, new RulesStore(ddb, configTable, clock, Duration.ZERO),
                new ReviewCensus(ddb, interactionsTable), meter, zone, perShard);
        this.fanOut = new JobFanOut(job, new JobRuns(ddb, interactionsTable, meter, clock), queue, clock);
    }

    /** A worker sends nothing: only the coordinator enqueues shards. */
    static Consumer<List<ShardTask>> noQueue() {
        return tasks -> {
            throw new IllegalStateException("a shard worker does not enqueue shards");
        };
    }

    /** From the function's environment. */
    static EngagementFanOut fromEnvironment(Consumer<List<ShardTask>> queue) {
        return new EngagementFanOut(AwsClients.dynamoDb(), Env.require("INTERACTIONS_TABLE"), Env.require("CONFIG_TABLE"),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), StandingService.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), queue,
                EngagementDailyJob.REVIEWED_PER_SHARD, Clock.systemUTC());
    }
}
