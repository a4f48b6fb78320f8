package com.fanops.metrics.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberStatusChanged;
import com.fanops.metrics.domain.MemberFact;
import com.fanops.metrics.store.MemberFacts;
import com.fanops.engagement.domain.CategoryChanged;
import com.fanops.engagement.domain.TierChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps the metrics' member facts from member events (MemberJoined, MemberStatusChanged) and standing events
 * (CategoryChanged, TierChanged): joins and exits per day, the current tier and category distribution, excluded
 * accounts. Invoked asynchronously by EventBridge rules; each event is applied exactly once ({@link MemberFacts}), so
 * Lambda's retries and the outbox's rare re-publication change nothing. A failure is thrown: Lambda retries, then the
 * function's dead-letter queue keeps the event.
 */
public final class MetricsEventsHandler implements RequestHandler<Map<String, Object>, Void> {

    private static final Log LOG = Log.get(MetricsEventsHandler.class);

    private final MemberFacts facts;
    private final CapacityMeter meter = new CapacityMeter();
    private final ZoneId zone;

    public MetricsEventsHandler() {
        this(AwsClients.dynamoDb(), Env.require("METRICS_TABLE"), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("METRICS_TABLE")));
    }

    public MetricsEventsHandler(DynamoDbClient ddb, String metricsTable, ZoneId zone, Clock clock) {
        this.facts = new MemberFacts(ddb, metricsTable, clock, meter);
        this.zone = zone;
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        try {
            MemberFact fact = switch (event.detailType()) {
                case "MemberJoined" -> MemberFact.of(event.detailAs(MemberJoined.class), zone);
                case "MemberStatusChanged" -> MemberFact.of(event.detailAs(MemberStatusChanged.class), zone);
                case "CategoryChanged" -> MemberFact.of(event.detailAs(CategoryChanged.class));
                case "TierChanged" -> MemberFact.of(event.detailAs(TierChanged.class));
                default -> null;
            };
            if (fact == null) {
                LOG.warn("ignored event", "detailType", event.detailType());
                return null;
            }
            meter.drain();
            MemberFacts.Result result = facts.apply(eventId(event, fact), event.detailType(), fact);
            double[] units = meter.drain();
            LOG.info("metrics facts", "detailType", event.detailType(), "memberId", fact.memberId(), "result", result,
                    "readUnits", units[0], "writeUnits", units[1]);
            return null;
        } finally {
            Log.clearContext();
        }
    }

    /** The envelope id (the same on every retry of one delivery); a direct invocation without one is keyed by its content. */
    private static String eventId(BusEvent<Map<String, Object>> event, MemberFact fact) {
        if (event.id() != null && !event.id().isBlank() && !"null".equals(event.id())) {
            return event.id();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fact.toString().getBytes(StandardCharsets.UTF_8));
            return "content:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
