package com.fanops.local.events;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedule expressions: {@code rate(5 minutes)} and the six-field AWS cron, which is Quartz without the seconds
 * field, so cron-utils' Quartz definition parses it with "0 " in front. An EventBridge rule's cron is UTC; an
 * EventBridge Scheduler schedule's cron is read in its {@code ScheduleExpressionTimezone}, daylight saving included.
 */
public final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Duration rate;
    private final Instant rateOrigin;
    private final ExecutionTime cron;
    private final ZoneId zone;

    private ScheduleExpression(Duration rate, Instant rateOrigin, ExecutionTime cron, ZoneId zone) {
        this.rate = rate;
        this.rateOrigin = rateOrigin;
        this.cron = cron;
        this.zone = zone;
    }

    /** Parses an EventBridge rule's expression (cron in UTC); rates count from {@code origin} (when the rule was created). */
    public static ScheduleExpression parse(String expression, Instant origin) {
        return parse(expression, origin, ZoneOffset.UTC);
    }

    /** Parses an expression whose cron fields are wall-clock times in {@code zone}; rates count from {@code origin}. */
    public static ScheduleExpression parse(String expression, Instant origin, ZoneId zone) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            boolean plural = rate.group(2).endsWith("s");
            if (n < 1 || (n == 1) == plural) {
                throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
            }
            Duration unit = switch (rate.group(2).replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new ScheduleExpression(unit.multipliedBy(n), origin, null, zone);
        }
        Matcher cron = CRON.matcher(expression.trim());
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().split("\\s+");
            if (fields.length != 6 || (!fields[2].equals("?") && !fields[4].equals("?"))) {
                throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
            }
            try {
                return new ScheduleExpression(null, null, ExecutionTime.forCron(QUARTZ.parse("0 " + cron.group(1).trim())), zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.", e);
            }
        }
        throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
    }

    /** The first firing strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        if (rate != null) {
            long periods = Math.max(0, Duration.between(rateOrigin, after).toMillis() / rate.toMillis()) + 1;
            return Optional.of(rateOrigin.plus(rate.multipliedBy(periods)));
        }
        return cron.nextExecution(after.atZone(zone)).map(z -> z.toInstant());
    }
}
