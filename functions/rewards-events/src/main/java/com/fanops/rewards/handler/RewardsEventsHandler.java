package com.fanops.rewards.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.members.domain.MemberJoined;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.app.RuleEngine;
import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.complaints.domain.ComplaintScored;
import com.fanops.complaints.domain.SlaBreached;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reward rules triggered on the bus: TierChanged (tier reached), MemberJoined (welcome), MemberDormant (the start of a
 * win-back; the daily job rewards the return), ComplaintResolved, ComplaintScored and SlaBreached (service recovery, once per
 * ticket whichever comes first) and ActivityRanked (top participants: the rules', then the activity's own prizes).
 * Invoked asynchronously by EventBridge rules; every issuance is once per cause, so Lambda's retries and a re-published
 * event change nothing. A failure is thrown: Lambda retries, then the function's dead-letter queue keeps the event.
 */
public final class RewardsEventsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Log LOG = Log.get(RewardsEventsHandler.class);

    private final Rewards rewards;

    public RewardsEventsHandler() {
        this(Rewards.fromEnvironment(Duration.ofSeconds(30)));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public RewardsEventsHandler(Rewards rewards) {
        this.rewards = rewards;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        try {
            List<RuleEngine.Fired> fired = switch (event.detailType()) {
                case "TierChanged" -> rewards.engine.tierReached(event.detailAs(TierChanged.class));
                case "MemberJoined" -> rewards.engine.welcome(event.detailAs(MemberJoined.class));
                case "ComplaintResolved" -> rewards.engine.serviceRecovery(event.detailAs(ComplaintResolved.class));
                case "ComplaintScored" -> rewards.engine.serviceRecovery(event.detailAs(ComplaintScored.class));
                case "SlaBreached" -> rewards.engine.serviceRecovery(event.detailAs(SlaBreached.class));
                case "ActivityRanked" -> {
                    ActivityRanked ranked = event.detailAs(ActivityRanked.class);
                    List<RuleEngine.Fired> all = new ArrayList<>(rewards.engine.topParticipants(ranked));
                    all.addAll(rewards.prizes.award(ranked));
                    yield all;
                }
                case "MemberDormant" -> {
                    MemberDormant dormant = event.detailAs(MemberDormant.class);
                    rewards.winBacks.record(dormant.memberId(), dormant.day());
                    yield List.of();
                }
                default -> {
                    LOG.warn("ignored event", "detailType", event.detailType());
                    yield List.of();
                }
            };
            LOG.info("reward rules", "detailType", event.detailType(), "fired", fired.size(),
                    "issued", fired.stream().filter(f -> f.outcome().equals("issued")).count());
            return Map.of("detailType", event.detailType(), "fired", fired);
        } finally {
            Log.clearContext();
        }
    }
}
