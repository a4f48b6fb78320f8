package com.fanops.activities.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.platform.sqs.SqsBatch;

/** Works the daily activities job's shard messages (one shard each); a failed shard returns to the queue, then its DLQ. */
public final class ActivitiesShardHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ActivitiesFanOut wiring;

    public ActivitiesShardHandler() {
        this(Wiring.fromEnvironment(ActivitiesFanOut.noQueue()));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE")));
    }

    ActivitiesShardHandler(ActivitiesFanOut wiring) {
        this.wiring = wiring;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> wiring.fanOut.work(ShardTask.parse(message.getBody())));
    }
}
