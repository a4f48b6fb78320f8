package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionRules;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.engagement.store.Purchases;
import com.fanops.engagement.store.RulesStore;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.members.store.MemberStatusStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /v1/interactions}: a channel posts 1-100 events with its API key. All or nothing: every event is checked
 * ({@link IncomingEvent} for JSON types, {@link InteractionRules} - the scorer's own check - for values, then the ingest
 * window, the member and a refund's purchase) before any is queued; one bad event makes the whole call a 400 naming
 * each bad field ({@code events[3].amount}) and nothing is queued. A good batch is queued as one message
 * ({@link SqsInteractionQueue}): 202, all of it; 503, none of it, and resending it is safe.
 */
public final class IngestHandler extends ApiHandler {

    public record Batch(@JsonDeserialize(contentUsing = IncomingEvent.ExactTree.class) List<JsonNode> events) {
    }

    static final int MAX_BATCH = 100;
    private static final int MAX_BYTES = 256 * 1024;
    private static final Log LOG = Log.get(IngestHandler.class);

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
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
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
        List<Interaction> batch = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent read = IncomingEvent.read(channel, events.get(i));
            String prefix = "events[" + i + "].";
            check(read, inForce, now, known).forEach(f -> errors.add(new FieldError(prefix + f.field(), f.message())));
            batch.add(read.interaction());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        try {
            queue.accept(batch);
        } catch (RuntimeException e) {
            LOG.error("batch not queued", e, "events", batch.size());
            throw new ProblemException(new Problem(Problem.BASE + "queue-unavailable", "Try again", 503,
                    "The batch was not queued. Sending the same batch again is safe: the scorer counts each event id once.",
                    null, null, null));
        }
        return ApiResponse.json(202, Map.of("accepted", batch.size()));
    }

    /** 1-100 events, each a JSON object; anything else is a 400 naming each bad entry. */
    private static List<JsonNode> objects(List<JsonNode> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_BATCH) {
            throw new ProblemException(new Problem(Problem.BASE + "batch-size", "Batch too large or empty", 400,
                    "Send 1 to " + MAX_BATCH + " events per call.", null, null,
                    List.of(new FieldError("events", "1 to " + MAX_BATCH + " events"))));
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

    /** One event's problems: its fields' JSON types, the shared rules, the ingest window, its member, its purchase. */
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
            if (id != null && id.isTextual() && MemberIds.MEMBER.matcher(id.textValue()).matches()) {
                ids.add(id.textValue());
            }
        });
        return ids.isEmpty() ? Set.of() : memberStatuses.of(ids).keySet();
    }
}
