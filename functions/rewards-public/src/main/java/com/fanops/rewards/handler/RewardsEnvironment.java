package com.fanops.rewards.handler;

import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.rewards.app.IssuanceService;
import com.fanops.rewards.app.Rewards;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The rewards capability as this deployed function builds it, from its environment (tables, bus, business time zone). */
final class RewardsEnvironment {

    private RewardsEnvironment() {
    }

    static Rewards rewards(Duration settingsCache) {
        DynamoDbClient ddb = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        EventOutbox outbox = new EventOutbox(ddb, Env.require("EVENT_OUTBOX_TABLE"),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), IssuanceService.SOURCE, clock), clock);
        return new Rewards(ddb, new Rewards.Tables(Env.require("REWARDS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("INTERACTIONS_TABLE"),
                Env.require("MEMBERS_TABLE"), Env.require("AUDIT_TABLE")), outbox, ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), clock,
                settingsCache);
    }
}
