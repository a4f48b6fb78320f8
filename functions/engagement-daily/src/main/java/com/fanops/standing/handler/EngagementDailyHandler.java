package com.fanops.standing.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.log.Log;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.store.StandingStore;
import com.fanops.engagement.domain.TierReview;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The daily engagement job, fired after midnight of the business day by a schedule. It works as of the
 * schedule's own time - EventBridge Scheduler's {@code scheduledTime}, or the {@code time} of a scheduled event -
 * so a replay with a chosen time is that day's run: expires the lots due, announces
 * those expiring soon, and reviews every member above the bottom category or tier - category from today's score
 * and active days; tier renewal, downgrade warning, or a downgrade of one tier once the warning has run.
 * Every step is idempotent: running the same day twice changes nothing the second time.
 */
public final class EngagementDailyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Log LOG = Log.get(EngagementDailyHandler.class);

    private final PointsLedger ledger;
    private final StandingService standing;
    private final StandingStore standings;
    private final RulesStore rules;
    private final ZoneId zone;
    private final Clock clock;

    public EngagementDailyHandler() {
        this(AwsClients.dynamoDb(), Env.require("INTERACTIONS_TABLE"), Env.require("CONFIG_TABLE"),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), StandingService.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public EngagementDailyHandler(DynamoDbClient ddb, String interactionsTable, String configTable, EventOutbox outbox, ZoneId zone, Clock clock) {
        CapacityMeter meter = new CapacityMeter();
        InteractionStore days = new InteractionStore(ddb, interactionsTable, zone, meter);
        this.standings = new StandingStore(ddb, interactionsTable, meter);
        this.standing = new StandingService(days, standings, outbox, zone);
        this.ledger = new PointsLedger(ddb, interactionsTable, days, outbox, zone, clock);
        this.rules = new RulesStore(ddb, configTable, clock, Duration.ZERO);
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trigger, Context context) {
        Instant at = triggerTime(trigger);
        LocalDate today = at.atZone(zone).toLocalDate();
        EngagementRules current = rules.current();
        long expired = ledger.expire(today);
        int warned = ledger.warnExpiring(today, current.expiryWarningDays());
        Map<TierReview.Kind, Integer> decisions = new EnumMap<>(TierReview.Kind.class);
        int[] reviewed = {0};
        standings.forEachReviewed(memberId -> {
            StandingService.Evaluation e = standing.review(memberId, at, current);
            reviewed[0]++;
            decisions.merge(e.tierDecision(), 1, Integer::sum);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("day", today.toString());
        summary.put("pointsExpired", expired);
        summary.put("expiryWarnings", warned);
        summary.put("reviewed", reviewed[0]);
        decisions.forEach((k, v) -> summary.put("tier_" + k.name().toLowerCase(java.util.Locale.ROOT), v));
        LOG.info("daily engagement run", "day", today.toString(), "reviewed", reviewed[0], "pointsExpired", expired, "expiryWarnings", warned);
        return summary;
    }

    /** The schedule's payload {@code {"scheduledTime": ...}} (EventBridge Scheduler), or an event's {@code time}; else now. */
    private Instant triggerTime(Map<String, Object> trigger) {
        Object time = trigger == null ? null : trigger.getOrDefault("scheduledTime", trigger.get("time"));
        return time instanceof String t ? Instant.parse(t) : clock.instant();
    }
}
