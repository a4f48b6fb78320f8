package com.fanops.metrics.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.jobs.ShardQueue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daily metrics job's entry point. The schedule ({@code {"scheduledTime": ...}} from EventBridge Scheduler) runs
 * fanned out: records the day's run and sends one message per shard ({@link MetricsShardHandler} works them; one shard
 * runs here). Everything else - a backfill request on the bus, a direct invoke with {@code from}/{@code to}, a
 * scheduled event - is the single run's ({@link MetricsDailyHandler}), unchanged.
 */
public final class MetricsJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Supplier<MetricsFanOut> wiring;
    private final MetricsDailyHandler single;
    private MetricsFanOut fanOut;

    public MetricsJobHandler() {
        this(() -> MetricsFanOut.fromEnvironment(new ShardQueue(AwsClients.sqs(), Env.require("METRICS_SHARDS_QUEUE_URL"))::send), new MetricsDailyHandler());
    }

    MetricsJobHandler(Supplier<MetricsFanOut> wiring, MetricsDailyHandler single) {
        this.wiring = wiring;
        this.single = single;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input == null || !(input.get("scheduledTime") instanceof String) || input.containsKey("from")) {
            return single.handleRequest(input, context);
        }
        if (fanOut == null) {
            fanOut = wiring.get();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", "fan-out");
        out.putAll(fanOut.fanOut.coordinateScheduled(input, Clock.systemUTC(), fanOut.job::day));
        out.put("to", out.get("day"));
        return out;
    }
}
