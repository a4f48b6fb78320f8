package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.core.aws.AwsClients;
import com.fanops.core.config.Env;
import com.fanops.core.dynamo.CapacityMeter;
import com.fanops.core.events.EventOutbox;
import com.fanops.core.events.EventPublisher;
import com.fanops.core.json.Json;
import com.fanops.core.log.Log;
import com.fanops.core.sqs.SqsBatch;
import com.fanops.interactions.EngagementRules;
import com.fanops.interactions.Interaction;
import com.fanops.interactions.InteractionStore;
import com.fanops.interactions.RulesStore;
import com.fanops.standing.StandingService;
import com.fanops.standing.StandingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Applies queued interactions exactly once and reports only the failed messages back to the queue. Counted
 * interactions move the member's standing (category either way, tier only up), evaluated once per member per
 * batch. Interactions of members who left, were removed or erased are recorded as skipped, not scored; the members'
 * statuses are read once per batch. Each batch logs the capacity units it consumed.
 */
public final class ScorerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Log LOG = Log.get(ScorerHandler.class);
    private static final Set<String> SCORED = Set.of("active", "warned", "muted", "pending");

    private final DynamoDbClient ddb;
    private final InteractionStore store;
    private final StandingService standing;
    private final RulesStore rules;
    private final String membersTable;
    private final CapacityMeter meter;
    private final Clock clock;

    public ScorerHandler() {
        this(AwsClients.dynamoDb(), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), StandingService.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Duration.ofSeconds(60), Clock.systemUTC());
    }

    public ScorerHandler(DynamoDbClient ddb, String interactionsTable, String membersTable, String configTable, EventOutbox outbox,
                         ZoneId zone, Duration rulesCache, Clock clock) {
        this.ddb = ddb;
        this.meter = new CapacityMeter();
        this.store = new InteractionStore(ddb, interactionsTable, zone, meter);
        this.standing = new StandingService(store, new StandingStore(ddb, interactionsTable, meter), outbox, zone);
        this.rules = new RulesStore(ddb, configTable, clock, rulesCache);
        this.membersTable = membersTable;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        meter.drain();
        Map<String, String> statuses = memberStatuses(event);
        Map<String, List<String>> moved = new LinkedHashMap<>();
        SQSBatchResponse response = SqsBatch.process(event, message -> {
            Interaction interaction = Json.mapper().readValue(message.getBody(), Interaction.class);
            if (score(interaction, statuses)) {
                moved.computeIfAbsent(interaction.memberId(), k -> new ArrayList<>()).add(message.getMessageId());
            }
        });
        // One standing evaluation per member per batch, not per event. If it fails, that member's messages go back
        // to the queue; their redelivery finds the claims taken and evaluates again.
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(response.getBatchItemFailures());
        moved.forEach((memberId, messageIds) -> {
            try {
                standing.afterInteraction(memberId, clock.instant(), rules.current());
            } catch (RuntimeException e) {
                LOG.error("standing evaluation failed", e, "memberId", memberId);
                messageIds.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
            }
        });
        double[] units = meter.drain();
        LOG.info("batch scored", "messages", event.getRecords() == null ? 0 : event.getRecords().size(),
                "failed", failures.size(), "readUnits", units[0], "writeUnits", units[1]);
        return new SQSBatchResponse(failures);
    }

    /** Applies one interaction; answers whether it may have moved the member's standing. */
    private boolean score(Interaction interaction, Map<String, String> statuses) {
        EngagementRules current = rules.current();
        String status = statuses.get(interaction.memberId());
        if (status == null) {
            status = memberStatus(interaction.memberId());
            statuses.put(interaction.memberId(), status);
        }
        if (!SCORED.contains(status)) {
            store.skip(interaction, current, status);
            return false;
        }
        InteractionStore.Applied applied = store.apply(interaction, current);
        LOG.debug("interaction applied", "memberId", interaction.memberId(), "type", interaction.type().key(), "outcome", applied.outcome());
        // Also on a duplicate: a delivery that crashed after its claim may not have moved the standing yet.
        boolean applies = applied.outcome() == InteractionStore.Outcome.COUNTED || applied.outcome() == InteractionStore.Outcome.DUPLICATE;
        return applies && (current.weight(interaction.type()) > 0 || current.pointsFor(interaction) != 0
                || interaction.type() == com.fanops.interactions.InteractionType.REFUND);
    }

    /**
     * The status of each member the batch names, read in one BatchGetItem instead of one GetItem per event (same read
     * units, fewer round trips). A member missing from the answer is read on its own when its event is scored, so a
     * failure here fails no message by itself.
     */
    private Map<String, String> memberStatuses(SQSEvent event) {
        Set<String> memberIds = new LinkedHashSet<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                String memberId = Json.mapper().readValue(message.getBody(), Interaction.class).memberId();
                if (memberId != null && !memberId.isEmpty()) {
                    memberIds.add(memberId);
                }
            } catch (java.io.IOException | RuntimeException unreadable) {
                // fails on its own when scored
            }
        }
        Map<String, String> statuses = new HashMap<>();
        List<String> ids = new ArrayList<>(memberIds);
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            try {
                var answer = ddb.batchGetItem(b -> b.requestItems(Map.of(membersTable, KeysAndAttributes.builder()
                                .keys(chunk.stream().map(ScorerHandler::profileKey).toList())
                                .projectionExpression("pk, #s").expressionAttributeNames(Map.of("#s", "status")).build()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                answer.consumedCapacity().forEach(meter::read);
                Set<String> answered = new HashSet<>();
                for (Map<String, AttributeValue> profile : answer.responses().getOrDefault(membersTable, List.of())) {
                    String memberId = profile.get("pk").s().substring("MEMBER#".length());
                    answered.add(memberId);
                    if (profile.containsKey("status")) {
                        statuses.put(memberId, profile.get("status").s());
                    }
                }
                var unprocessed = answer.unprocessedKeys().get(membersTable);
                if (unprocessed != null) {
                    unprocessed.keys().forEach(key -> answered.add(key.get("pk").s().substring("MEMBER#".length())));
                }
                chunk.stream().filter(id -> !answered.contains(id)).forEach(id -> statuses.put(id, "unknown"));
            } catch (RuntimeException e) {
                LOG.warn("member statuses not read in one call; reading them one by one", "error", e.getClass().getSimpleName());
            }
        }
        return statuses;
    }

    private static Map<String, AttributeValue> profileKey(String memberId) {
        return Map.of("pk", AttributeValue.fromS("MEMBER#" + memberId), "sk", AttributeValue.fromS("PROFILE"));
    }

    private String memberStatus(String memberId) {
        var answer = ddb.getItem(b -> b.tableName(membersTable).key(profileKey(memberId))
                .projectionExpression("#s").expressionAttributeNames(Map.of("#s", "status")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        Map<String, AttributeValue> profile = answer.item();
        return profile == null || profile.isEmpty() ? "unknown" : profile.get("status").s();
    }
}
