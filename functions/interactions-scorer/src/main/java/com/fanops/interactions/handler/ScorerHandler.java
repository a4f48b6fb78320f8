package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.platform.sqs.SqsBatch;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.RulesStore;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.members.store.MemberStatusStore;
import com.fanops.metrics.store.ActivityFacts;
import com.fanops.metrics.domain.ActivityFlags;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.store.StandingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies queued interactions exactly once and reports only the failed messages back to the queue. Counted
 * interactions move the member's standing (category either way, tier only up), evaluated once per member per
 * batch. Interactions of members who left, were removed or erased are recorded as skipped, not scored; the members'
 * statuses are read once per batch. The first counted activity, purchase, follow and unfollow of an admitted community
 * member's day are recorded as metrics facts ({@link ActivityFacts}) - not for staff and test accounts, nor for sign-ups
 * still pending admission (they are not members yet). Each batch logs the capacity units it consumed, the facts' write
 * units included.
 */
public final class ScorerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Log LOG = Log.get(ScorerHandler.class);
    /** An id the members table does not know: its interactions are kept as skipped. */
    private static final String UNKNOWN = "unknown";

    private final InteractionStore store;
    private final StandingService standing;
    private final RulesStore rules;
    private final MemberStatuses memberStatuses;
    private final CapacityMeter meter;
    private final ActivityFacts facts;
    private final Clock clock;

    public ScorerHandler() {
        this(AwsClients.dynamoDb(), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"),
                Env.require("METRICS_TABLE"), new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), StandingService.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Duration.ofSeconds(60), Clock.systemUTC());
    }

    public ScorerHandler(DynamoDbClient ddb, String interactionsTable, String membersTable, String configTable, String metricsTable,
                         EventOutbox outbox, ZoneId zone, Duration rulesCache, Clock clock) {
        this.meter = new CapacityMeter();
        this.store = new InteractionStore(ddb, interactionsTable, zone, meter);
        this.standing = new StandingService(store, new StandingStore(ddb, interactionsTable, meter), outbox, zone);
        this.rules = new RulesStore(ddb, configTable, clock, rulesCache);
        this.facts = new ActivityFacts(ddb, metricsTable, meter);
        this.memberStatuses = new MemberStatusStore(ddb, membersTable, meter);
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        meter.drain();
        Map<String, Optional<MemberStatuses.Known>> statuses = members(event);
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
                "failed", failures.size(), "readUnits", units[0], "writeUnits", units[1], "factWriteUnits", facts.drainUnits());
        return new SQSBatchResponse(failures);
    }

    /** Applies one interaction; answers whether it may have moved the member's standing. */
    private boolean score(Interaction interaction, Map<String, Optional<MemberStatuses.Known>> members) {
        EngagementRules current = rules.current();
        Optional<MemberStatuses.Known> known = members.computeIfAbsent(interaction.memberId(), this::member);
        if (known.isEmpty() || !known.get().status().isScored()) {
            store.skip(interaction, current, known.map(k -> k.status().key()).orElse(UNKNOWN));
            return false;
        }
        MemberStatuses.Known member = known.get();
        InteractionStore.Applied applied = store.apply(interaction, current);
        LOG.debug("interaction applied", "memberId", interaction.memberId(), "type", interaction.type().key(), "outcome", applied.outcome());
        // After the claim: a crash in between leaves the fact to the redelivery, which finds the claim (DUPLICATE) and
        // restates every flag the day implies.
        if (member.countsInMetrics()) {
            facts.record(interaction.memberId(), applied.day(), ActivityFlags.of(applied));
        }
        // Also on a duplicate: a delivery that crashed after its claim may not have moved the standing yet.
        boolean applies = applied.outcome() == InteractionStore.Outcome.COUNTED || applied.outcome() == InteractionStore.Outcome.DUPLICATE;
        return applies && (current.weight(interaction.type()) > 0 || current.pointsFor(interaction) != 0
                || interaction.type() == com.fanops.engagement.domain.InteractionType.REFUND);
    }

    /**
     * The members the batch names, read in one batch (one BatchGetItem per 100) instead of one GetItem per event: same
     * read units, fewer round trips. If the batch read fails, each member is read on its own when its event is scored,
     * so a failure here fails no message by itself.
     */
    private Map<String, Optional<MemberStatuses.Known>> members(SQSEvent event) {
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
        Map<String, Optional<MemberStatuses.Known>> members = new HashMap<>();
        try {
            Map<String, MemberStatuses.Known> read = memberStatuses.of(memberIds);
            memberIds.forEach(id -> members.put(id, Optional.ofNullable(read.get(id))));
        } catch (RuntimeException e) {
            LOG.warn("members not read in one batch; reading them one by one", "error", e.getClass().getSimpleName());
        }
        return members;
    }

    private Optional<MemberStatuses.Known> member(String memberId) {
        return Optional.ofNullable(memberStatuses.of(List.of(memberId)).get(memberId));
    }
}
