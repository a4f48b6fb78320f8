package com.fanops.activities.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.jobs.ShardQueue;
import java.time.Clock;
import java.util.Map;

/**
 * The daily activities job's schedule: as of the schedule's time (EventBridge Scheduler's {@code scheduledTime}, or a
 * scheduled event's {@code time}) it moves activities' statuses on time, records the day's run and sends one message per
 * shard to the shards queue ({@link ActivitiesShardHandler} works them); one shard (a small community) is worked here.
 * Fired again for the same day it changes no status and sends only the shards that have not reported.
 */
public final class ActivitiesDailyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ActivitiesFanOut wiring;
    private final Clock clock;

    public ActivitiesDailyHandler() {
        this(Wiring.fromEnvironment(new ShardQueue(AwsClients.sqs(), Env.require("ACTIVITIES_SHARDS_QUEUE_URL"))::send), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE")));
    }

    ActivitiesDailyHandler(ActivitiesFanOut wiring, Clock clock) {
        this.wiring = wiring;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trigger, Context context) {
        return wiring.fanOut.coordinateScheduled(trigger, clock, wiring.job::day);
    }
}
