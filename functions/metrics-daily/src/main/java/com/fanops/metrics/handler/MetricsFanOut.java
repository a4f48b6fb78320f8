package com.fanops.metrics.handler;

import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.store.TicketStore;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.metrics.app.MetricsDailyJob;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.MetricsCalculator;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The fanned-out daily metrics job wired once for its two handlers (the schedule's coordinator and the shard worker). */
final class MetricsFanOut {

    final MetricsDailyJob job;
    final JobFanOut fanOut;

    MetricsFanOut(DynamoDbClient ddb, MetricsJob.Tables tables, EventOutbox outbox, ZoneId zone, int dormantAfterDays, int winBackDays,
                  MetricsJob.MessageFigures messages, MetricsJob.Satisfaction satisfaction, Consumer<List<ShardTask>> queue, int perShard,
                  Clock clock) {
        this.job = new MetricsDailyJob(ddb, tables, outbox, zone, new MetricsCalculator.Settings(zone.getId(), dormantAfterDays, winBackDays),
                messages, satisfaction, perShard, clock);
        this.fanOut = new JobFanOut(job, new JobRuns(ddb, tables.metrics(), new CapacityMeter(), clock), queue, clock);
    }

    /** A worker sends nothing: only the coordinator enqueues shards. */
    static Consumer<List<ShardTask>> noQueue() {
        return tasks -> {
            throw new IllegalStateException("a shard worker does not enqueue shards");
        };
    }

    /** From the function's environment. */
    static MetricsFanOut fromEnvironment(Consumer<List<ShardTask>> queue) {
        ZoneId zone = ZoneId.of(Env.require("BUSINESS_TIME_ZONE"));
        return new MetricsFanOut(AwsClients.dynamoDb(),
                new MetricsJob.Tables(Env.require("METRICS_TABLE"), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"),
                        Env.require("CONFIG_TABLE")),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), MetricsJob.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                zone, Env.optionalInt("DORMANT_AFTER_DAYS", 30), Env.optionalInt("WIN_BACK_DAYS", 30),
                new MessageFiguresFromLog(new DeliveryLog(AwsClients.dynamoDb(), Env.require("MESSAGES_TABLE"), zone, new CapacityMeter())),
                new SatisfactionFromSurveys(new TicketStore(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE")),
                        new PulseStore(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE")), zone),
                queue,
                MetricsDailyJob.MEMBERS_PER_SHARD, Clock.systemUTC());
    }
}
