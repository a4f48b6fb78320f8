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
import com.fanops.engagement.domain.ActivityInteraction;
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
import com.fanops.engagement.domain.StandingSummary;
import java.time.LocalDate;
import java.util.HashSet;
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
 * batch from the member's standing summary ({@link StandingService}: one UpdateItem restates the days the batch changed
 * and answers the standing with its summary, so no year of days is read). Interactions of members who left, were removed
 * or erased are recorded as skipped, not scored; the members' statuses are read once per batch. The first counted
 * activity, purchase, follow and unfollow of an admitted community member's day, and the day's points, are recorded as
 * metrics facts ({@link ActivityFacts}), one write per member-day per batch - not for staff and test accounts, nor for
 * sign-ups still pending admission (they are not members yet). Each batch logs the capacity units it consumed by effect
 * and the DynamoDB calls it made.
 */
public final class ScorerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Log LOG = Log.get(ScorerHandler.class);
    /** An id the members table does not know: its interactions are kept as skipped. */
    private static final String UNKNOWN = "unknown";

    private final InteractionStore store;
    private final StandingService standing;
    private final RulesStore rules;
    private final MemberStatuses memberStatuses;
    /** Units by effect: the claims with the timeline and purchase records, the standing with its summary, the statuses, the facts. */
    private final CapacityMeter meter;
    private final CapacityMeter standingMeter;
    private final CapacityMeter statusMeter;
    private final CapacityMeter factMeter;
    private final ActivityFacts facts;
    private final EventOutbox outbox;
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
        this.standingMeter = new CapacityMeter();
        this.statusMeter = new CapacityMeter();
        this.factMeter = new CapacityMeter();
        this.store = new InteractionStore(ddb, interactionsTable, zone, meter);
        this.standing = new StandingService(store, new StandingStore(ddb, interactionsTable, standingMeter), outbox, zone);
        this.outbox = outbox;
        this.rules = new RulesStore(ddb, configTable, clock, rulesCache);
        this.facts = new ActivityFacts(ddb, metricsTable, factMeter);
        this.memberStatuses = new MemberStatusStore(ddb, membersTable, statusMeter);
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        for (CapacityMeter m : List.of(meter, standingMeter, statusMeter, factMeter)) {
            m.drain();
            m.drainCalls();
            m.drainKinds();
        }
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Map<String, List<Interaction>> bodies = readable(records);
        Map<String, Optional<MemberStatuses.Known>> statuses = members(bodies.values());
        Map<String, Set<String>> moved = new LinkedHashMap<>();
        Map<String, Integer> events = new HashMap<>();
        Effects effects = new Effects();
        SQSBatchResponse response = SqsBatch.process(event, message -> {
            List<Interaction> interactions = bodies.containsKey(message.getMessageId()) ? bodies.get(message.getMessageId())
                    : interactions(message.getBody());
            // Every event of the message is tried; if one fails the message returns to the queue, and its redelivery
            // finds the others' claims taken (DUPLICATE) and applies only what is missing.
            RuntimeException first = null;
            events.put(message.getMessageId(), interactions.size());
            for (Interaction interaction : interactions) {
                try {
                    if (score(interaction, statuses, effects, message.getMessageId())) {
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
        // One metrics fact per member-day and one standing evaluation per member per batch, not per event. If either
        // fails, that member's messages go back to the queue; their redelivery finds the claims taken, restates the
        // days' figures and evaluates again.
        Set<String> failed = new LinkedHashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        effects.facts.forEach((key, fact) -> {
            try {
                facts.record(fact.memberId(), fact.day(), fact.flags(), fact.dayPoints());
            } catch (RuntimeException e) {
                LOG.error("metrics fact not written", e, "memberId", fact.memberId());
                failed.addAll(effects.messages.getOrDefault(fact.memberId(), Set.of()));
            }
        });
        moved.forEach((memberId, messageIds) -> {
            try {
                standing.afterInteraction(memberId, clock.instant(), rules.current(),
                        effects.days.getOrDefault(memberId, Map.of()).values(), effects.stale.contains(memberId));
            } catch (RuntimeException e) {
                LOG.error("standing evaluation failed", e, "memberId", memberId);
                failed.addAll(messageIds);
            }
        });
        // Write units by kind (claim, claimIndex - the byExpiry entry -, timeline, purchase, summary, rebuild, standingChange...).
        Map<String, Double> kinds = new java.util.TreeMap<>(meter.drainKinds());
        kinds.putAll(standingMeter.drainKinds());
        factMeter.drainKinds();
        double[] days = meter.drain();
        double[] standings = standingMeter.drain();
        double[] statusUnits = statusMeter.drain();
        double[] factUnits = factMeter.drain();
        long calls = meter.drainCalls() + standingMeter.drainCalls() + statusMeter.drainCalls() + factMeter.drainCalls();
        facts.drainUnits();
        int scored = events.entrySet().stream().filter(m -> !failed.contains(m.getKey())).mapToInt(Map.Entry::getValue).sum();
        List<Object> fields = new ArrayList<>(List.of("messages", records.size(), "failed", failed.size(), "events", scored,
                "readUnits", days[0] + standings[0] + statusUnits[0] + factUnits[0], "writeUnits", days[1] + standings[1] + factUnits[1],
                "factWriteUnits", factUnits[1], "dayReadUnits", days[0], "dayWriteUnits", days[1], "standingReadUnits", standings[0],
                "standingWriteUnits", standings[1], "statusReadUnits", statusUnits[0], "calls", calls));
        kinds.forEach((kind, units) -> fields.addAll(List.of("w." + kind, units)));
        LOG.info("batch scored", fields.toArray());
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
    private boolean score(Interaction interaction, Map<String, Optional<MemberStatuses.Known>> members, Effects effects, String messageId) {
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
        effects.messages.computeIfAbsent(interaction.memberId(), k -> new LinkedHashSet<>()).add(messageId);
        // After the claim, once per member-day for the batch: a crash in between leaves the fact to the redelivery, which
        // finds the claim (DUPLICATE) and restates every flag the day implies and the day's points.
        if (member.countsInMetrics()) {
            effects.fact(interaction.memberId(), applied);
        }
        // Also on a duplicate: a delivery that crashed after its claim may not have moved the standing yet.
        boolean applies = applied.outcome() == InteractionStore.Outcome.COUNTED || applied.outcome() == InteractionStore.Outcome.DUPLICATE;
        boolean moves = applies && (current.weight(interaction.type()) > 0 || current.pointsFor(interaction) != 0
                || interaction.type() == InteractionType.REFUND);
        if (moves) {
            effects.day(interaction.memberId(), applied);
        }
        // Online check-in: only a counted interaction of weight carrying an activity's id costs the outbox write (also on a
        // duplicate, whose first delivery may have crashed before it; the activities side checks in once). Not the
        // attendance itself: it is what a check-in sends, and would otherwise come back as one.
        if (applies && interaction.activityId() != null && interaction.type() != InteractionType.EVENT_ATTENDED
                && current.weight(interaction.type()) > 0) {
            outbox.publishAlone(outbox.stage(ActivityInteraction.SOURCE, new ActivityInteraction(interaction.activityId(),
                    interaction.memberId(), interaction.channel(), interaction.eventId(), interaction.occurredAt())));
        }
        return moves;
    }

    /** A member-day's metrics fact as the batch will write it: the flags turned on and the day's points. */
    private record Fact(String memberId, LocalDate day, ActivityFlags flags, long dayPoints) {

        Fact with(ActivityFlags more, long points) {
            return new Fact(memberId, day, new ActivityFlags(flags.active() || more.active(), flags.purchased() || more.purchased(),
                    flags.followed() || more.followed(), flags.unfollowed() || more.unfollowed()), Math.max(dayPoints, points));
        }
    }

    /** What a batch's events leave to write once per member(-day): facts, the days' figures for the standing summary. */
    private static final class Effects {
        final Map<String, Fact> facts = new LinkedHashMap<>();
        final Map<String, Map<LocalDate, StandingSummary.Day>> days = new HashMap<>();
        final Set<String> stale = new HashSet<>();
        final Map<String, Set<String>> messages = new HashMap<>();

        void fact(String memberId, InteractionStore.Applied applied) {
            ActivityFlags flags = ActivityFlags.of(applied);
            boolean applies = applied.outcome() == InteractionStore.Outcome.COUNTED || applied.outcome() == InteractionStore.Outcome.DUPLICATE;
            long points = applies ? applied.dayEarned() : 0;
            if (!flags.any() && points <= 0) {
                return;
            }
            facts.merge(memberId + "#" + applied.day(), new Fact(memberId, applied.day(), flags, points),
                    (a, b) -> a.with(b.flags(), b.dayPoints()));
        }

        void day(String memberId, InteractionStore.Applied applied) {
            StandingSummary.Day d = applied.dayFigures();
            if (d == null) {
                stale.add(memberId); // a refund: it changed a lot day the summary may hold in its totals
                return;
            }
            days.computeIfAbsent(memberId, k -> new HashMap<>()).merge(d.day(), d, (a, b) -> a.claims() >= b.claims() ? a : b);
        }
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
