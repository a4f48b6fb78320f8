package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.platform.sqs.SqsBatch;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionBatch;
import com.fanops.engagement.domain.InteractionRules;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.platform.http.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collection;
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
 * Applies queued interactions exactly once and reports only the failed messages back to the queue. A message is one
 * accepted ingestion call ({@link InteractionBatch}); each event is checked again with {@link InteractionRules}, the
 * check the ingestion API made, against the rules in force now. Counted
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
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
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
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Map<String, List<Interaction>> bodies = readable(records);
        Map<String, Optional<MemberStatuses.Known>> statuses = members(bodies.values());
        Map<String, Set<String>> moved = new LinkedHashMap<>();
        Map<String, Integer> events = new HashMap<>();
        SQSBatchResponse response = SqsBatch.process(event, message -> {
            List<Interaction> interactions = bodies.containsKey(message.getMessageId()) ? bodies.get(message.getMessageId())
                    : interactions(message.getBody());
            // Every event of the message is tried; if one fails the message returns to the queue, and its redelivery
            // finds the others' claims taken (DUPLICATE) and applies only what is missing.
            RuntimeException first = null;
            events.put(message.getMessageId(), interactions.size());
            for (Interaction interaction : interactions) {
                try {
                    if (score(interaction, statuses)) {
                        moved.computeIfAbsent(interaction.memberId(), k -> new LinkedHashSet<>()).add(message.getMessageId());
                    }
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        });
        // One standing evaluation per member per batch, not per event. If it fails, that member's messages go back
        // to the queue; their redelivery finds the claims taken and evaluates again.
        Set<String> failed = new LinkedHashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        moved.forEach((memberId, messageIds) -> {
            try {
                standing.afterInteraction(memberId, clock.instant(), rules.current());
            } catch (RuntimeException e) {
                LOG.error("standing evaluation failed", e, "memberId", memberId);
                failed.addAll(messageIds);
            }
        });
        double[] units = meter.drain();
        int scored = events.entrySet().stream().filter(m -> !failed.contains(m.getKey())).mapToInt(Map.Entry::getValue).sum();
        LOG.info("batch scored", "messages", records.size(), "failed", failed.size(), "events", scored,
                "readUnits", units[0], "writeUnits", units[1], "factWriteUnits", facts.drainUnits());
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    /**
     * A message's interactions: an {@link InteractionBatch} (what the ingestion API sends, one per accepted call) or a
     * single {@link Interaction} (messages queued before batches travelled whole).
     */
    static List<Interaction> interactions(String body) throws IOException {
        JsonNode tree = Json.mapper().readTree(body);
        if (tree != null && tree.has("events")) {
            return Json.mapper().treeToValue(tree, InteractionBatch.class).events();
        }
        return List.of(Json.mapper().treeToValue(tree, Interaction.class));
    }

    /** The messages that can be read, by message id; an unreadable one fails on its own when it is processed. */
    private static Map<String, List<Interaction>> readable(List<SQSEvent.SQSMessage> records) {
        Map<String, List<Interaction>> bodies = new HashMap<>();
        for (SQSEvent.SQSMessage message : records) {
            try {
                bodies.put(message.getMessageId(), interactions(message.getBody()));
            } catch (IOException | RuntimeException unreadable) {
                // fails on its own when processed
            }
        }
        return bodies;
    }

    /**
     * Applies one interaction; answers whether it may have moved the member's standing. The shared check comes first:
     * an event of a shape the ingestion API never queues fails (its message ends in the dead-letter queue); an event
     * the rules in force refuse - they changed after it was accepted - is recorded as {@code rejected:<fields>} and
     * changes nothing.
     */
    private boolean score(Interaction interaction, Map<String, Optional<MemberStatuses.Known>> members) {
        List<FieldError> malformed = InteractionRules.shape(interaction);
        if (!malformed.isEmpty()) {
            throw new IllegalArgumentException("not an event the ingestion API accepts: " + fields(malformed));
        }
        EngagementRules current = rules.current();
        Optional<MemberStatuses.Known> known = members.computeIfAbsent(interaction.memberId(), this::member);
        if (known.isEmpty() || !known.get().status().isScored()) {
            store.skip(interaction, current, known.map(k -> k.status().key()).orElse(UNKNOWN));
            return false;
        }
        List<FieldError> refused = InteractionRules.check(interaction, current);
        if (!refused.isEmpty()) {
            store.refuse(interaction, current, fields(refused));
            LOG.warn("interaction refused by the rules in force", "memberId", interaction.memberId(), "eventId", interaction.eventId(),
                    "type", interaction.type().key(), "fields", fields(refused), "rulesVersion", current.version());
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
                || interaction.type() == InteractionType.REFUND);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).distinct().toList();
    }

    /**
     * The members the batch names, read in one batch (one BatchGetItem per 100) instead of one GetItem per event: same
     * read units, fewer round trips. If the batch read fails, each member is read on its own when its event is scored,
     * so a failure here fails no message by itself.
     */
    private Map<String, Optional<MemberStatuses.Known>> members(Collection<List<Interaction>> messages) {
        Set<String> memberIds = new LinkedHashSet<>();
        messages.forEach(list -> list.forEach(i -> {
            if (i.memberId() != null && InteractionRules.ID.matcher(i.memberId()).matches()) {
                memberIds.add(i.memberId());
            }
        }));
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
