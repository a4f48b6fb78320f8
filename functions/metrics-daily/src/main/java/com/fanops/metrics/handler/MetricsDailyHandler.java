package com.fanops.metrics.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.log.Log;
import com.fanops.metrics.domain.MetricsBackfillRequested;
import com.fanops.metrics.domain.MetricsCalculator;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.store.TicketStore;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.metrics.app.MetricsJob;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The daily metrics job. Three triggers, one job ({@link MetricsJob}):
 * <ul>
 *   <li>the schedule (after midnight, business time): EventBridge Scheduler sends {@code {"scheduledTime": ...}} (a
 *       scheduled event with its {@code time} is taken too); as of that time, computes yesterday and recomputes the
 *       7 days before it (late events);</li>
 *   <li>{@code MetricsBackfillRequested} {from, to} on the bus (the admin API's backfill): recomputes that range;</li>
 *   <li>a direct invoke with {@code {"from": "...", "to": "..."}} ({@code ./fanops invoke MetricsDailyFunction --event f.json}).</li>
 * </ul>
 * A backfill does at most {@value #CHUNK_DAYS} days per invocation and hands the rest on as a new
 * {@code MetricsBackfillRequested}, so no range runs into the function's timeout.
 */
public final class MetricsDailyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int CHUNK_DAYS = 31;
    static final int MAX_RANGE_DAYS = 400;
    private static final Log LOG = Log.get(MetricsDailyHandler.class);

    private final MetricsJob job;
    private final EventOutbox outbox;
    private final Clock clock;

    public MetricsDailyHandler() {
        this(AwsClients.dynamoDb(),
                new MetricsJob.Tables(Env.require("METRICS_TABLE"), Env.require("INTERACTIONS_TABLE"), Env.require("MEMBERS_TABLE"),
                        Env.require("CONFIG_TABLE")),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), MetricsJob.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Env.optionalInt("DORMANT_AFTER_DAYS", 30), Env.optionalInt("WIN_BACK_DAYS", 30),
                new MessageFiguresFromLog(new DeliveryLog(AwsClients.dynamoDb(), Env.require("MESSAGES_TABLE"),
                        ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), new CapacityMeter())),
                new SatisfactionFromSurveys(new TicketStore(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE")),
                        new PulseStore(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE")), ZoneId.of(Env.require("BUSINESS_TIME_ZONE"))),
                Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public MetricsDailyHandler(DynamoDbClient ddb, MetricsJob.Tables tables, EventOutbox outbox, ZoneId zone, int dormantAfterDays,
                               int winBackDays, Clock clock) {
        this(ddb, tables, outbox, zone, dormantAfterDays, winBackDays, MetricsJob.MessageFigures.NONE, clock);
    }

    public MetricsDailyHandler(DynamoDbClient ddb, MetricsJob.Tables tables, EventOutbox outbox, ZoneId zone, int dormantAfterDays,
                               int winBackDays, MetricsJob.MessageFigures messages, Clock clock) {
        this(ddb, tables, outbox, zone, dormantAfterDays, winBackDays, messages, MetricsJob.Satisfaction.NONE, clock);
    }

    public MetricsDailyHandler(DynamoDbClient ddb, MetricsJob.Tables tables, EventOutbox outbox, ZoneId zone, int dormantAfterDays,
                               int winBackDays, MetricsJob.MessageFigures messages, MetricsJob.Satisfaction satisfaction, Clock clock) {
        this.job = new MetricsJob(ddb, tables, outbox, zone,
                new MetricsCalculator.Settings(zone.getId(), dormantAfterDays, winBackDays), messages, satisfaction, clock);
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try {
            if (input != null && input.containsKey("from") && !input.containsKey("detail-type")) {
                // A direct invoke: an operator's command. Bad input is their error to see.
                Instant at = input.get("time") instanceof String t ? Instant.parse(t) : clock.instant();
                return backfill(day(input.get("from"), "from"), day(input.get("to"), "to"), at);
            }
            if (input != null && input.get("scheduledTime") instanceof String scheduled) {
                // EventBridge Scheduler sends the schedule's Input, not an event.
                Log.setCorrelationId(String.valueOf(input.getOrDefault("executionId", scheduled)));
                return daily(Instant.parse(scheduled));
            }
            BusEvent<Map<String, Object>> event = BusEvent.parse(input == null ? Map.of() : input);
            Log.setCorrelationId(event.id());
            Instant at = event.time() != null ? event.time() : clock.instant();
            switch (event.detailType()) {
                case "Scheduled Event" -> {
                    return daily(at);
                }
                case "MetricsBackfillRequested" -> {
                    try {
                        MetricsBackfillRequested r = event.detailAs(MetricsBackfillRequested.class);
                        return backfill(r.from(), r.to(), at);
                    } catch (IllegalArgumentException refused) {
                        // Retrying a request that cannot be done would only fill the DLQ: log it and drop it.
                        LOG.error("backfill request refused", "reason", refused.getMessage());
                        return Map.of("refused", String.valueOf(refused.getMessage()));
                    }
                }
                default -> {
                    LOG.warn("ignored event", "detailType", event.detailType());
                    return Map.of("ignored", event.detailType());
                }
            }
        } finally {
            Log.clearContext();
        }
    }

    private Map<String, Object> daily(Instant at) {
        LocalDate yesterday = job.yesterday(at);
        return summary("daily", job.run(yesterday.minusDays(MetricsJob.RECOMPUTE_DAYS - 1L), yesterday, at), null);
    }

    private Map<String, Object> backfill(LocalDate from, LocalDate to, Instant at) {
        LocalDate yesterday = job.yesterday(at);
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("from and to are required, from on or before to");
        }
        if (to.isAfter(yesterday)) {
            throw new IllegalArgumentException("to must be on or before " + yesterday + " (the last whole business day)");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_RANGE_DAYS + " days at once");
        }
        LocalDate end = from.plusDays(CHUNK_DAYS - 1L).isBefore(to) ? from.plusDays(CHUNK_DAYS - 1L) : to;
        MetricsJob.Result result = job.run(from, end, at);
        MetricsBackfillRequested rest = null;
        if (end.isBefore(to)) {
            rest = new MetricsBackfillRequested(end.plusDays(1), to);
            EventOutbox.Staged next = outbox.stage(MetricsJob.SOURCE, rest);
            outbox.publishAlone(next);
        }
        return summary("backfill", result, rest);
    }

    private static Map<String, Object> summary(String mode, MetricsJob.Result r, MetricsBackfillRequested rest) {
        LOG.info("metrics run", "mode", mode, "from", r.from().toString(), "to", r.to().toString(), "days", r.days().size(),
                "episodes", r.episodes(), "careQueued", r.careQueued(), "readUnits", r.readUnits(), "writeUnits", r.writeUnits(),
                "pointsReadUnits", r.pointsReadUnits(), "durationMs", r.durationMs(), "targetsVersion", r.targetsVersion(),
                "continuesFrom", rest == null ? null : rest.from().toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("days", r.days().size());
        out.put("episodes", r.episodes());
        out.put("careQueued", r.careQueued());
        out.put("readUnits", r.readUnits());
        out.put("writeUnits", r.writeUnits());
        out.put("durationMs", r.durationMs());
        if (rest != null) {
            out.put("continues", Map.of("from", rest.from().toString(), "to", rest.to().toString()));
        }
        return out;
    }

    private static LocalDate day(Object raw, String field) {
        try {
            return raw == null ? null : LocalDate.parse(String.valueOf(raw));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date (YYYY-MM-DD)");
        }
    }
}
