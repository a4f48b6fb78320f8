package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.core.aws.AwsClients;
import com.fanops.core.config.Env;
import com.fanops.core.json.Json;
import com.fanops.core.log.Log;
import com.fanops.core.sqs.SqsBatch;
import com.fanops.interactions.EngagementLedger;
import com.fanops.interactions.Interaction;
import com.fanops.interactions.InteractionStore;
import com.fanops.interactions.ScoringPolicy;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies queued interactions exactly once (the event claim is part of each event's transaction) and
 * reports only the failed messages back to the queue. Interactions of members who left, were removed or
 * erased are recorded as skipped, not scored.
 */
public final class ScorerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Log LOG = Log.get(ScorerHandler.class);
    private static final Set<String> SCORED = Set.of("active", "warned", "muted", "pending");

    private final DynamoDbClient ddb;
    private final InteractionStore store;
    private final String membersTable;
    private final ScoringPolicy policy;
    private final Clock clock;

    public ScorerHandler() {
        this(AwsClients.dynamoDb(), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"),
                ScoringPolicy.defaults(ZoneId.of(Env.require("BUSINESS_TIME_ZONE"))), Clock.systemUTC());
    }

    public ScorerHandler(DynamoDbClient ddb, String interactionsTable, String membersTable, ScoringPolicy policy, Clock clock) {
        this.ddb = ddb;
        this.store = new InteractionStore(ddb, interactionsTable);
        this.membersTable = membersTable;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> {
            Interaction interaction = Json.mapper().readValue(message.getBody(), Interaction.class);
            String status = memberStatus(interaction.memberId());
            if (!SCORED.contains(status)) {
                store.skip(interaction, policy, status);
                return;
            }
            EngagementLedger.Outcome outcome = store.apply(interaction, policy, clock.instant());
            LOG.debug("interaction applied", "memberId", interaction.memberId(), "type", interaction.type().key(), "outcome", outcome);
        });
    }

    private String memberStatus(String memberId) {
        Map<String, AttributeValue> profile = ddb.getItem(b -> b.tableName(membersTable)
                .key(Map.of("pk", AttributeValue.fromS("MEMBER#" + memberId), "sk", AttributeValue.fromS("PROFILE")))
                .projectionExpression("#s").expressionAttributeNames(Map.of("#s", "status"))).item();
        return profile == null || profile.isEmpty() ? "unknown" : profile.get("status").s();
    }
}
