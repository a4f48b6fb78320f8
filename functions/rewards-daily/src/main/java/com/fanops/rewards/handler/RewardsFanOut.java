package com.fanops.rewards.handler;

import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.jobs.JobFanOut;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.rewards.app.DailyRewards;
import com.fanops.rewards.app.DailyRewardsJob;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.store.MembersTableSize;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The fanned-out daily rewards job wired once for its two handlers (the schedule's coordinator and the shard worker). */
final class RewardsFanOut {

    final DailyRewardsJob job;
    final JobFanOut fanOut;

    RewardsFanOut(Rewards rewards, DailyRewards.Birthdays birthdays, DynamoDbClient ddb, Rewards.Tables tables,
                  Consumer<List<ShardTask>> queue, int perShard) {
        this.job = new DailyRewardsJob(rewards.daily(birthdays), new MembersTableSize(ddb, tables.members())::items, perShard, rewards.zone);
        // The runs live in the rewards table (JOB#rewards-daily#<day>), dropped by its time to live after 35 days.
        this.fanOut = new JobFanOut(job, new JobRuns(ddb, tables.rewards(), rewards.meter, rewards.clock), queue, rewards.clock);
    }

    /** A worker sends nothing: only the coordinator enqueues shards. */
    static Consumer<List<ShardTask>> noQueue() {
        return tasks -> {
            throw new IllegalStateException("a shard worker does not enqueue shards");
        };
    }

    /** From the function's environment. */
    static RewardsFanOut fromEnvironment(Consumer<List<ShardTask>> queue) {
        FieldCipher cipher = new FieldCipher(new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC()));
        return new RewardsFanOut(Rewards.fromEnvironment(Duration.ZERO), RewardsDailyHandler.decrypting(cipher), AwsClients.dynamoDb(),
                Rewards.Tables.fromEnvironment(), queue, DailyRewardsJob.MEMBER_ITEMS_PER_SHARD);
    }
}
