package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.MembersTableSize;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The job's ports built from a function's environment (tables, queues, bus, site, business time zone). */
final class Wiring {

    private Wiring() {
    }

    static ActivitiesFanOut fromEnvironment(Consumer<List<ShardTask>> queue) {
        DynamoDbClient ddb = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.of(Env.require("BUSINESS_TIME_ZONE"));
        String activities = Env.require("ACTIVITIES_TABLE");
        EventOutbox outbox = new EventOutbox(ddb, Env.require("EVENT_OUTBOX_TABLE"),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), OutboxRankings.SOURCE, clock), clock);
        ActivitiesDailyJob.Ports ports = new ActivitiesDailyJob.Ports(
                new DirectoryAudience(new MemberStore(ddb, Env.require("MEMBERS_TABLE")),
                        new MemberDirectoryStore(ddb, Env.require("MEMBER_DIRECTORY_TABLE"), zone), new SegmentStore(ddb, Env.require("CONFIG_TABLE"))),
                new QueuedActivityMessages(new MessageRequests(AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL"))::send,
                        Env.require("SITE_URL"), zone, clock),
                new EngagementDays(new InteractionStore(ddb, Env.require("INTERACTIONS_TABLE"), zone, new CapacityMeter())),
                new StoredReports(new EvaluationStore(ddb, activities), new SurveyStore(ddb, activities),
                        new BudgetStore(ddb, Env.require("REWARDS_TABLE")), clock),
                new OutboxRankings(outbox));
        return new ActivitiesFanOut(ddb, activities, ports, new MembersTableSize(ddb, Env.require("MEMBERS_TABLE"))::items,
                ActivitiesDailyJob.MEMBER_ITEMS_PER_SHARD, zone, queue, clock);
    }
}
