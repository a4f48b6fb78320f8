package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes an interaction acceptable, decided once for the ingestion API (before anything is queued) and the scorer
 * (before anything is written), so a channel is never told "accepted" for an event the scorer would refuse. Field
 * names are the event's own ({@code amount}, {@code currency}); the caller prefixes them ({@code events[3].amount}).
 * Ids are plain ASCII of a bounded length, which also keeps every queued message free of characters SQS refuses.
 */
public final class InteractionRules {

    /** Event, member, activity and purchase ids: letters, digits and {@code . _ : -}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final String ID_RULE = "1-128 letters, digits, . _ : -";
    /** Clocks of channels drift: an event may be dated this far ahead of the time it is received. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private InteractionRules() {
    }

    /**
     * Everything the rules in force decide about one event, without reading anything: id shapes, type, a time, and for
     * purchases and refunds the money (a currency the rules list, a positive amount with no more decimals than the
     * currency's minor units, at most the currency's maximum).
     */
    public static List<FieldError> check(Interaction e, EngagementRules rules) {
        List<FieldError> errors = new ArrayList<>(shape(e));
        if (e.type() == InteractionType.PURCHASE || e.type() == InteractionType.REFUND) {
            errors.addAll(money(e.amount(), e.currency(), rules));
            if (e.type() == InteractionType.REFUND && e.refEventId() == null) {
                errors.add(new FieldError("refEventId", "the purchase's eventId is required for a refund"));
            }
        } else {
            if (e.amount() != null) {
                errors.add(new FieldError("amount", "only purchases and refunds carry an amount"));
            }
            if (e.currency() != null) {
                errors.add(new FieldError("currency", "only purchases and refunds carry a currency"));
            }
        }
        return errors;
    }

    /** What the event must be for the scorer to key its records at all: ids, type, a time (rules of no version decide these). */
    public static List<FieldError> shape(Interaction e) {
        List<FieldError> errors = new ArrayList<>();
        id("channel", e.channel(), true, errors);
        id("eventId", e.eventId(), true, errors);
        id("memberId", e.memberId(), true, errors);
        id("activityId", e.activityId(), false, errors);
        id("refEventId", e.refEventId(), false, errors);
        if (e.type() == null) {
            errors.add(new FieldError("type", "unknown interaction type"));
        }
        if (e.occurredAt() == null) {
            errors.add(new FieldError("occurredAt", "an ISO-8601 instant is required"));
        }
        return errors;
    }

    /**
     * Whether the event's time is inside the window ingestion accepts at {@code receivedAt}: not more than
     * {@link #FUTURE_SKEW} ahead, not older than the horizon. Only ingestion applies it - the scorer runs later, and an
     * event accepted at the edge of the horizon must still be scored.
     */
    public static List<FieldError> received(Instant occurredAt, Instant receivedAt, Duration horizon) {
        if (occurredAt == null) {
            return List.of();
        }
        if (occurredAt.isAfter(receivedAt.plus(FUTURE_SKEW))) {
            return List.of(new FieldError("occurredAt", "more than " + FUTURE_SKEW.toMinutes() + " minutes in the future"));
        }
        if (occurredAt.isBefore(receivedAt.minus(horizon))) {
            return List.of(new FieldError("occurredAt", "older than " + horizon.toDays() + " days"));
        }
        return List.of();
    }

    /** A purchase's or refund's amount and currency against the rules. */
    public static List<FieldError> money(BigDecimal amount, String currency, EngagementRules rules) {
        List<FieldError> errors = new ArrayList<>();
        if (!rules.accepts(currency)) {
            errors.add(new FieldError("currency", "one of " + String.join(", ", new java.util.TreeSet<>(rules.pointsPerUnit().keySet()))));
        }
        if (amount == null || amount.signum() <= 0) {
            errors.add(new FieldError("amount", "a positive amount is required"));
        } else if (rules.accepts(currency)) {
            BigDecimal max = rules.maxAmount(currency);
            int units = Money.minorUnits(currency).orElse(0);
            if (max != null && amount.compareTo(max) > 0) {
                errors.add(new FieldError("amount", "at most " + max.toPlainString() + " " + currency));
            } else if (Money.decimals(amount) > units) {
                errors.add(new FieldError("amount", currency + " has " + units + " decimal places at most"));
            }
        }
        return errors;
    }

    private static void id(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null ? required : !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, (required ? "required, " : "") + ID_RULE));
        }
    }
}
