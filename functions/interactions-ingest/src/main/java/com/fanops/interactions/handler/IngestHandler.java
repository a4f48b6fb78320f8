package com.fanops.interactions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.Purchases;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.members.store.MemberStatusStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code POST /v1/interactions}: a channel posts up to 100 events with its API key; valid ones go to the
 * scorer's queue, each invalid one is answered with its index and reasons, and nothing is stored for it.
 * If the queue refuses, the answer is 503 and the whole batch may be sent again: the scorer counts each
 * event id once.
 */
public final class IngestHandler extends ApiHandler {

    public record Batch(List<Map<String, Object>> events) {
    }

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");
    private static final int MAX_BATCH = 100;

    private final ChannelKeys keys;
    private final Purchases purchases;
    private final MemberStatuses memberStatuses;
    private final Consumer<List<Interaction>> queue;
    private final Clock clock;
    private final Duration horizon;

    public IngestHandler() {
        this(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"),
                sqsQueue(AwsClients.sqs(), Env.require("INTERACTIONS_QUEUE_URL")), Clock.systemUTC(),
                Duration.ofDays(Env.optionalInt("INGEST_HORIZON_DAYS", 30)));
    }

    public IngestHandler(DynamoDbClient ddb, String configTable, String interactionsTable, String membersTable,
                         Consumer<List<Interaction>> queue, Clock clock, Duration horizon) {
        this.keys = new ChannelKeys(ddb, configTable, clock);
        this.purchases = new Purchases(ddb, interactionsTable);
        this.memberStatuses = new MemberStatusStore(ddb, membersTable, null);
        this.queue = queue;
        this.clock = clock;
        this.horizon = horizon;
        route("POST /v1/interactions", this::ingest);
    }

    /** The SQS side: batches of ten, and any refused entry fails the call (the channel retries the batch). */
    static Consumer<List<Interaction>> sqsQueue(SqsClient sqs, String url) {
        return interactions -> {
            for (int from = 0; from < interactions.size(); from += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                List<Interaction> slice = interactions.subList(from, Math.min(interactions.size(), from + 10));
                for (int i = 0; i < slice.size(); i++) {
                    try {
                        entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                                .messageBody(Json.mapper().writeValueAsString(slice.get(i))).build());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }
                var answer = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                if (!answer.failed().isEmpty()) {
                    throw new IllegalStateException("queue refused " + answer.failed().size() + " messages");
                }
            }
        };
    }

    private APIGatewayV2HTTPResponse ingest(ApiRequest req) {
        String channel = keys.channelFor(req.header("x-api-key"))
                .orElseThrow(() -> ProblemException.unauthorized("Send a valid channel API key in x-api-key."));
        Batch batch = req.bodyAs(Batch.class, 256 * 1024);
        if (batch.events() == null || batch.events().isEmpty() || batch.events().size() > MAX_BATCH) {
            throw new ProblemException(new Problem(Problem.BASE + "batch-size", "Batch too large or empty", 400,
                    "Send 1 to " + MAX_BATCH + " events per call.", null, null, List.of(new FieldError("events", "1 to 100 events"))));
        }
        Instant now = clock.instant();
        List<Interaction> valid = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        Set<String> known = knownMembers(batch.events());
        for (int i = 0; i < batch.events().size(); i++) {
            List<String> errors = new ArrayList<>();
            Interaction interaction = parse(channel, batch.events().get(i), now, known, errors);
            if (errors.isEmpty()) {
                valid.add(interaction);
            } else {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("index", i);
                r.put("eventId", batch.events().get(i).get("eventId"));
                r.put("errors", errors);
                rejected.add(r);
            }
        }
        if (!valid.isEmpty()) {
            try {
                queue.accept(valid);
            } catch (RuntimeException e) {
                throw new ProblemException(new Problem(Problem.BASE + "queue-unavailable", "Try again", 503,
                        "The events could not be queued; sending the same batch again is safe.", null, null, null));
            }
        }
        return ApiResponse.json(202, Map.of("accepted", valid.size(), "rejected", rejected));
    }

    private Interaction parse(String channel, Map<String, Object> e, Instant now, Set<String> known, List<String> errors) {
        String eventId = e.get("eventId") instanceof String s ? s : null;
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            errors.add("eventId: 1-64 letters, digits, . _ : -");
        }
        String memberId = e.get("memberId") instanceof String s ? s : null;
        if (memberId == null || !known.contains(memberId)) {
            errors.add("memberId: unknown member");
        }
        InteractionType type = e.get("type") instanceof String s ? InteractionType.of(s).orElse(null) : null;
        if (type == null) {
            errors.add("type: unknown interaction type");
        }
        Instant at = null;
        try {
            at = e.get("occurredAt") instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        if (at == null) {
            errors.add("occurredAt: an ISO-8601 instant is required");
        } else if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add("occurredAt: more than 5 minutes in the future");
        } else if (at.isBefore(now.minus(horizon))) {
            errors.add("occurredAt: older than " + horizon.toDays() + " days");
        }
        BigDecimal amount = null;
        String currency = e.get("currency") instanceof String s ? s : null;
        if (type == InteractionType.PURCHASE || type == InteractionType.REFUND) {
            // A JSON number, or a decimal string ("120.50") for channels that keep money out of floating point.
            Object raw = e.get("amount");
            amount = raw instanceof Number n ? new BigDecimal(n.toString())
                    : raw instanceof String text && DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
            if (amount == null || amount.signum() <= 0) {
                errors.add("amount: a positive number (or decimal string) is required for " + type.key());
            }
            if (currency == null || !CURRENCY.matcher(currency).matches()) {
                errors.add("currency: an ISO 4217 code is required for " + type.key());
            }
        }
        String ref = e.get("refEventId") instanceof String s ? s : null;
        if (type == InteractionType.REFUND) {
            refundProblem(channel, ref, memberId, amount, currency).ifPresent(errors::add);
        }
        Set<String> allowed = Set.of("eventId", "memberId", "type", "occurredAt", "amount", "currency", "activityId", "refEventId", "channel");
        e.keySet().stream().filter(k -> !allowed.contains(k)).forEach(k -> errors.add(k + ": unknown field"));
        String activity = e.get("activityId") instanceof String s ? s : null;
        return errors.isEmpty() ? new Interaction(channel, eventId, memberId, type, at, amount, currency, activity, ref) : null;
    }

    /** A refund names a purchase of the same member, already applied, in its currency, and not refunded beyond its amount. */
    private java.util.Optional<String> refundProblem(String channel, String ref, String memberId, BigDecimal amount, String currency) {
        var purchase = ref == null ? java.util.Optional.<Purchases.Purchase>empty() : purchases.find(channel, ref);
        if (purchase.isEmpty() || !purchase.get().memberId().equals(memberId)) {
            return java.util.Optional.of("refEventId: no known purchase of this member with this event id");
        }
        if (currency != null && !currency.equals(purchase.get().currency())) {
            return java.util.Optional.of("currency: the purchase was in " + purchase.get().currency());
        }
        BigDecimal left = purchase.get().refundable();
        if (amount != null && amount.compareTo(left) > 0) {
            return java.util.Optional.of("amount: more than the " + left.toPlainString() + " left to refund on that purchase");
        }
        return java.util.Optional.empty();
    }

    /** The batch's member ids that exist: one batch read (at most 100 ids, DynamoDB's limit per call). */
    private Set<String> knownMembers(List<Map<String, Object>> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> {
            if (e.get("memberId") instanceof String s && s.matches("m_[0-9a-f]{1,64}")) {
                ids.add(s);
            }
        });
        return ids.isEmpty() ? Set.of() : memberStatuses.of(ids).keySet();
    }
}
