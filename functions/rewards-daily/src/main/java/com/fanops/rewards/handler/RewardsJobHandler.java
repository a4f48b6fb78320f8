package com.fanops.rewards.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.jobs.ShardQueue;
import java.time.Clock;
import java.util.Map;

/**
 * The daily rewards job's schedule, fanned out: as of the schedule's time (EventBridge Scheduler's {@code scheduledTime}, or
 * a scheduled event's {@code time}) it records the day's run and sends one message per shard to the shards queue
 * ({@link RewardsShardHandler} works them). Fired again for the same day, it sends only the shards that have not reported.
 * One shard (a small community) is worked here, in this invocation. The single-run {@link RewardsDailyHandler} stays the
 * reference the fanned-out result is tested against.
 */
public final class RewardsJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RewardsFanOut wiring;
    private final Clock clock;

    public RewardsJobHandler() {
        this(RewardsFanOut.fromEnvironment(new ShardQueue(AwsClients.sqs(), Env.require("REWARDS_SHARDS_QUEUE_URL"))::send), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    RewardsJobHandler(RewardsFanOut wiring, Clock clock) {
        this.wiring = wiring;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trigger, Context context) {
        return wiring.fanOut.coordinateScheduled(trigger, clock, wiring.job::day);
    }
}
