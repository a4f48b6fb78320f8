package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What makes an interaction acceptable, decided once for the ingestion API (before anything is queued) and the scorer
 * (before anything is written), so a channel is never told "accepted" for an event the scorer would refuse. Field
 * names are the event's own ({@code amount}, {@code currency}); the caller prefixes them ({@code events[3].amount}).
 * Ids are plain ASCII of a bounded length: far inside DynamoDB's key limits, and free of every character SQS refuses
 * (NUL, U+FFFF, lone surrogates), so a queued message can always be sent.
 */
public final class InteractionRules {

    /** Event, member, activity and purchase ids: letters, digits and {@code . _ : -}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final String ID_RULE = "1-128 letters, digits, . _ : -";
    /** Clocks of channels drift: an event may be dated this far ahead of the time it is received. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    /** No ISO 4217 currency has more minor units than this (CLF and UYW have 4). */
    static final int MAX_DECIMALS = 4;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private InteractionRules() {
    }

    /**
     * Everything the rules in force decide about one event, without reading anything: its {@link #shape}, then for
     * purchases and refunds the money against the rules (a currency they list, no more decimals than the currency's
     * minor units, a purchase at most the currency's maximum).
     */
    public static List<FieldError> check(Interaction e, EngagementRules rules) {
        List<FieldError> errors = shape(e);
        if (isMoney(e.type())) {
            boolean amountShaped = errors.stream().noneMatch(f -> f.field().equals("amount"));
            boolean currencyShaped = errors.stream().noneMatch(f -> f.field().equals("currency"));
            if (currencyShaped && !rules.accepts(e.currency())) {
                errors.add(new FieldError("currency", "one of " + String.join(", ", new TreeSet<>(rules.pointsPerUnit().keySet()))));
            } else if (currencyShaped && amountShaped) {
                errors.addAll(money(e.type(), e.amount(), e.currency(), rules));
            }
        }
        return errors;
    }

    /**
     * What no version of the rules can change: id shapes, a known type, a time; for purchases and refunds a currency
     * code and a positive amount within {@link EngagementRules#MAX_AMOUNT_LIMIT} (the most an admin may allow) with at
     * most {@link #MAX_DECIMALS} decimals; a refund names its purchase; other types carry no money. An event of this
     * shape can always be keyed and stored.
     */
    public static List<FieldError> shape(Interaction e) {
        List<FieldError> errors = new ArrayList<>();
        id("channel", e.channel(), true, errors);
        id("eventId", e.eventId(), true, errors);
        id("memberId", e.memberId(), true, errors);
        id("activityId", e.activityId(), false, errors);
        id("refEventId", e.refEventId(), e.type() == InteractionType.REFUND, errors);
        if (e.type() == null) {
            errors.add(new FieldError("type", "unknown interaction type"));
        }
        if (e.occurredAt() == null) {
            errors.add(new FieldError("occurredAt", "an ISO-8601 instant is required"));
        }
        if (isMoney(e.type())) {
            if (e.currency() == null || !CURRENCY.matcher(e.currency()).matches()) {
                errors.add(new FieldError("currency", "an ISO 4217 code is required for " + e.type().key()));
            }
            BigDecimal amount = e.amount();
            if (amount == null || amount.signum() <= 0) {
                errors.add(new FieldError("amount", "a positive amount is required for " + e.type().key()));
            } else if (amount.compareTo(EngagementRules.MAX_AMOUNT_LIMIT) > 0 || Money.decimals(amount) > MAX_DECIMALS) {
                errors.add(new FieldError("amount", "at most " + EngagementRules.MAX_AMOUNT_LIMIT.toPlainString()
                        + " with at most " + MAX_DECIMALS + " decimals"));
            }
        } else if (e.type() != null) {
            if (e.amount() != null) {
                errors.add(new FieldError("amount", "only purchases and refunds carry an amount"));
            }
            if (e.currency() != null) {
                errors.add(new FieldError("currency", "only purchases and refunds carry a currency"));
            }
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

    /**
     * An amount in a currency the rules accept, against the currency's minor units and, for a purchase, its maximum. A
     * refund is bounded by what is left of its purchase instead (checked where the purchase is read), so a purchase
     * accepted before an admin lowered the maximum can still be refunded in full.
     */
    private static List<FieldError> money(InteractionType type, BigDecimal amount, String currency, EngagementRules rules) {
        int units = Money.minorUnits(currency).orElse(0);
        if (Money.decimals(amount) > units) {
            return List.of(new FieldError("amount", currency + " has " + units + " decimal places at most"));
        }
        BigDecimal max = rules.maxAmount(currency);
        if (type == InteractionType.PURCHASE && max != null && amount.compareTo(max) > 0) {
            return List.of(new FieldError("amount", "at most " + max.toPlainString() + " " + currency));
        }
        return List.of();
    }

    private static boolean isMoney(InteractionType type) {
        return type == InteractionType.PURCHASE || type == InteractionType.REFUND;
    }

    private static void id(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null ? required : !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, (required ? "required, " : "") + ID_RULE));
        }
    }
}
