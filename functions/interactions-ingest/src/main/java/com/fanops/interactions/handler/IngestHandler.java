package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionRules;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.engagement.store.Purchases;
import com.fanops.engagement.store.RulesStore;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.members.store.MemberStatusStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /v1/interactions}: a channel posts up to 100 events with its API key. The whole batch is checked before
 * any of it is queued: a batch that is not a list of 1-100 JSON objects is a 400 naming {@code events[i]}; otherwise
 * each invalid event is answered by index with its field errors (and nothing is queued for it), and the valid ones are
 * queued together ({@link SqsInteractionQueue}: refused entries retried). If some still cannot be queued, the answer
 * is 503 and the whole batch may be sent again: the scorer counts each event id of a channel once.
 */
public final class IngestHandler extends ApiHandler {

    public record Batch(@JsonDeserialize(contentUsing = IncomingEvent.ExactTree.class) List<JsonNode> events) {
    }

    private static final int MAX_BATCH = 100;
    private static final int MAX_BYTES = 256 * 1024;

    private final ChannelKeys keys;
    private final Purchases purchases;
    private final MemberStatuses memberStatuses;
    private final RulesStore rules;
    private final Consumer<List<Interaction>> queue;
    private final Clock clock;
    private final Duration horizon;

    public IngestHandler() {
        this(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"),
                new SqsInteractionQueue(AwsClients.sqs(), Env.require("INTERACTIONS_QUEUE_URL")), Clock.systemUTC(),
                Duration.ofDays(Env.optionalInt("INGEST_HORIZON_DAYS", 30)));
    }

    public IngestHandler(DynamoDbClient ddb, String configTable, String interactionsTable, String membersTable,
                         Consumer<List<Interaction>> queue, Clock clock, Duration horizon) {
        this.keys = new ChannelKeys(ddb, configTable, clock);
        this.purchases = new Purchases(ddb, interactionsTable);
        this.memberStatuses = new MemberStatusStore(ddb, membersTable, null);
        // The scorer caches the rules as long: both see a change within the same minute.
        this.rules = new RulesStore(ddb, configTable, clock, Duration.ofSeconds(60));
        this.queue = queue;
        this.clock = clock;
        this.horizon = horizon;
        route("POST /v1/interactions", this::ingest);
    }

    private APIGatewayV2HTTPResponse ingest(ApiRequest req) {
        String channel = keys.channelFor(req.header("x-api-key"))
                .orElseThrow(() -> ProblemException.unauthorized("Send a valid channel API key in x-api-key."));
        List<JsonNode> events = objects(req.bodyAs(Batch.class, MAX_BYTES).events());
        EngagementRules inForce = rules.current();
        Instant now = clock.instant();
        Set<String> known = knownMembers(events);
        List<Interaction> valid = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<FieldError> errors = check(IncomingEvent.read(channel, events.get(i)), inForce, now, known);
            if (errors.isEmpty()) {
                valid.add(IncomingEvent.read(channel, events.get(i)).interaction());
            } else {
                rejected.add(rejection(i, events.get(i), errors));
            }
        }
        if (!valid.isEmpty()) {
            try {
                queue.accept(valid);
            } catch (SqsInteractionQueue.NotQueuedException e) {
                throw new ProblemException(new Problem(Problem.BASE + "queue-unavailable", "Try again", 503,
                        e.notQueued() + " of the " + valid.size() + " valid events could not be queued (the others may have been). "
                                + "Send the same batch again: the scorer counts each event id once, so events already queued are not counted twice.",
                        null, null, null));
            }
        }
        return ApiResponse.json(202, Map.of("accepted", valid.size(), "rejected", rejected));
    }

    /** 1-100 events, each a JSON object; anything else rejects the whole batch, naming each bad entry. */
    private static List<JsonNode> objects(List<JsonNode> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_BATCH) {
            throw new ProblemException(new Problem(Problem.BASE + "batch-size", "Batch too large or empty", 400,
                    "Send 1 to " + MAX_BATCH + " events per call.", null, null, List.of(new FieldError("events", "1 to 100 events"))));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null || !events.get(i).isObject()) {
                errors.add(new FieldError("events[" + i + "]", "must be an event object"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return events;
    }

    /** The event's problems: its fields' JSON types, the shared rules, the ingest window, its member, its purchase. */
    private List<FieldError> check(IncomingEvent read, EngagementRules inForce, Instant now, Set<String> known) {
        List<FieldError> errors = new ArrayList<>(read.errors());
        Interaction e = read.interaction();
        Set<String> reported = new HashSet<>();
        errors.forEach(f -> reported.add(f.field()));
        List<FieldError> more = new ArrayList<>(InteractionRules.check(e, inForce));
        more.addAll(InteractionRules.received(e.occurredAt(), now, horizon));
        if (e.memberId() != null && InteractionRules.ID.matcher(e.memberId()).matches() && !known.contains(e.memberId())) {
            more.add(new FieldError("memberId", "unknown member"));
        }
        for (FieldError f : more) {
            if (reported.add(f.field())) {
                errors.add(f);
            }
        }
        if (errors.isEmpty() && e.type() == InteractionType.REFUND) {
            refundProblem(e).ifPresent(errors::add);
        }
        return errors;
    }

    private static Map<String, Object> rejection(int index, JsonNode event, List<FieldError> errors) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", index);
        JsonNode id = event.get("eventId");
        // Echoed only when well-formed: an over-long or odd id is not sent back.
        if (id != null && id.isTextual() && InteractionRules.ID.matcher(id.textValue()).matches()) {
            r.put("eventId", id.textValue());
        }
        r.put("status", 400);
        r.put("errors", errors.stream().map(f -> new FieldError("events[" + index + "]." + f.field(), f.message())).toList());
        return r;
    }

    /** A refund names a purchase of the same member, already applied, in its currency, and not refunded beyond its amount. */
    private Optional<FieldError> refundProblem(Interaction e) {
        var purchase = purchases.find(e.channel(), e.refEventId());
        if (purchase.isEmpty() || !purchase.get().memberId().equals(e.memberId())) {
            return Optional.of(new FieldError("refEventId", "no known purchase of this member with this event id"));
        }
        if (!e.currency().equals(purchase.get().currency())) {
            return Optional.of(new FieldError("currency", "the purchase was in " + purchase.get().currency()));
        }
        BigDecimal left = purchase.get().refundable();
        if (e.amount().compareTo(left) > 0) {
            return Optional.of(new FieldError("amount", "more than the " + left.toPlainString() + " left to refund on that purchase"));
        }
        return Optional.empty();
    }

    /** The batch's member ids that exist: one batch read (at most 100 ids, DynamoDB's limit per call). */
    private Set<String> knownMembers(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> {
            JsonNode id = e.get("memberId");
            if (id != null && id.isTextual() && id.textValue().matches("m_[0-9a-f]{1,64}")) {
                ids.add(id.textValue());
            }
        });
        return ids.isEmpty() ? Set.of() : memberStatuses.of(ids).keySet();
    }
}
