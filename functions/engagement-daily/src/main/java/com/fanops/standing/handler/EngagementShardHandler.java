package com.fanops.standing.handler;

import com.fanops.platform.config.Env;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.sqs.SqsBatch;

/** Works the daily engagement job's shard messages (one shard each); a failed shard returns to the queue, then its DLQ. */
public final class EngagementShardHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EngagementFanOut wiring;

    public EngagementShardHandler() {
        this(EngagementFanOut.fromEnvironment(EngagementFanOut.noQueue()));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    EngagementShardHandler(EngagementFanOut wiring) {
        this.wiring = wiring;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> wiring.fanOut.work(ShardTask.parse(message.getBody())));
    }
}
