package com.fanops.engagement.store;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.domain.RefundReversal;
import com.fanops.engagement.domain.StandingSummary;
import com.fanops.platform.retry.Retry;
import static com.fanops.platform.dynamo.Items.dec;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Applies interactions exactly once. The claim is part of the member's day item, so a counted interaction is
 * one conditional UpdateItem plus the timeline record - no transaction. Items in the interactions table:
 * <pre>
 *   pk=MEMBER#id  sk=DAY#&lt;business day&gt;   the day and its points lot: ids (8-byte hashes of the counted events),
 *                 n_&lt;type&gt; counts, w (engagement weight), evts (counted engaging events), pts (earned), rem (remaining),
 *                 rev (reversed by refunds), adj (staff adjustments), exp (expired), spend, refs, expiresOn (index byExpiry)
 *   pk=MEMBER#id  sk=L#&lt;time&gt;#i#&lt;channel&gt;#&lt;eventId&gt;  the member's timeline: one record per interaction
 *                 (outcome, points earned or reversed, rules version); ledger entries share the L# range
 *   pk=PURCHASE#&lt;channel&gt;#&lt;eventId&gt;  sk=PURCHASE   what a refund needs: member, day, amount, points, refunded
 * </pre>
 * Order of writes and why a crash between them is safe: the day item is the claim and carries every effect;
 * the timeline record and the purchase record are conditional puts written after it, and a redelivery that
 * finds the claim taken writes them again if they are missing (they are derived from the event and the rules).
 */
public final class InteractionStore {

    public enum Outcome { COUNTED, CAPPED, DUPLICATE, SKIPPED, REJECTED }

    /**
     * What applying an interaction did: the outcome, points (negative for a reversal), whether it opened the day, and
     * the day item's counters ({@code evts}, {@code n_<type>}) that this interaction took from zero when COUNTED, or
     * every counter the day already holds above zero on a DUPLICATE (a redelivery can restate what the day implies).
     * The day's facts for metrics are derived from these, without another read. {@code dayFigures} and {@code dayEarned}
     * are the day item's figures after the write (or as found, when the claim was already taken): what the standing
     * summary and the metrics fact restate; null and 0 for a refund, which changes another day's lot.
     */
    public record Applied(Outcome outcome, long points, boolean firstActivityOfDay, LocalDate day, Set<String> dayCounters,
                          StandingSummary.Day dayFigures, long dayEarned) {

        public Applied(Outcome outcome, long points, boolean firstActivityOfDay, LocalDate day, Set<String> dayCounters) {
            this(outcome, points, firstActivityOfDay, day, dayCounters, null, 0);
        }

        public Applied(Outcome outcome, long points, boolean firstActivityOfDay, LocalDate day) {
            this(outcome, points, firstActivityOfDay, day, Set.of());
        }
    }

    /** A refund conflicts with a concurrent delivery of itself, another refund of the purchase, or a spend of its lot. */
    private static final Retry REFUND_CONFLICTS = Retry.of(8, Duration.ofMillis(2), Duration.ofMillis(50));

    private final DynamoDbClient ddb;
    private final String table;
    private final ZoneId zone;
    private final CapacityMeter meter;

    public InteractionStore(DynamoDbClient ddb, String table, ZoneId zone, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.zone = zone;
        this.meter = meter;
    }

    public LocalDate businessDay(Interaction e) {
        return e.occurredAt().atZone(zone).toLocalDate();
    }

    public Applied apply(Interaction e, EngagementRules rules) {
        return e.type() == InteractionType.REFUND ? refund(e, rules) : earn(e, rules);
    }

    private Applied earn(Interaction e, EngagementRules rules) {
        LocalDate day = businessDay(e);
        long points = rules.pointsFor(e);
        int weight = rules.weight(e.type());
        BigDecimal spend = e.type() == InteractionType.PURCHASE ? rules.spendOf(e) : BigDecimal.ZERO;
        Map<String, String> names = new HashMap<>(Map.of("#n", "n_" + e.type().key()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":id", AttributeValue.fromBs(List.of(hash(e))));
        values.put(":idv", AttributeValue.fromB(hash(e)));
        values.put(":one", n(1));
        StringBuilder add = new StringBuilder("ADD ids :id, #n :one");
        if (weight > 0) {
            add.append(", w :w, evts :one");
            values.put(":w", n(weight));
        }
        if (points > 0) {
            add.append(", pts :p, rem :p");
            values.put(":p", n(points));
        }
        if (spend.signum() > 0) {
            add.append(", spend :amt");
            values.put(":amt", n(spend));
        }
        if (e.type() == InteractionType.REFERRAL_JOINED) {
            add.append(", refs :one");
        }
        if (points > 0) {
            add.append(" SET expiresOn = if_not_exists(expiresOn, :exp)");
            values.put(":exp", s(day.plusMonths(rules.lotMonths()).toString()));
        }
        String condition = "NOT contains(ids, :idv)";
        if (!EngagementRules.uncapped(e.type())) {
            condition += " AND (attribute_not_exists(#n) OR #n < :cap)";
            values.put(":cap", n(rules.cap(e.type())));
        }
        String cond = condition;
        Outcome outcome;
        boolean first = false;
        Set<String> counters = Set.of();
        Map<String, AttributeValue> after;
        try {
            var answer = ddb.updateItem(b -> b.tableName(table).key(dayKey(e.memberId(), day)).updateExpression(add.toString())
                    .conditionExpression(cond).expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            meter.write("claim", answer.consumedCapacity());
            outcome = Outcome.COUNTED;
            after = answer.attributes();
            // Each counter went up by one: it was zero before if it is one now.
            first = weight > 0 && num(after, "evts") == 1;
            counters = opened(after, "n_" + e.type().key(), weight > 0 ? "evts" : null);
        } catch (ConditionalCheckFailedException refused) {
            meter.refusedWrite("claim");
            Map<String, AttributeValue> old = refused.hasItem() ? refused.item() : day(e.memberId(), day);
            after = old == null ? Map.of() : old;
            outcome = claimed(old, e) ? Outcome.DUPLICATE : Outcome.CAPPED;
            if (outcome == Outcome.DUPLICATE) {
                counters = held(old);
            }
        }
        boolean counted = outcome == Outcome.COUNTED || outcome == Outcome.DUPLICATE;
        long earned = counted ? points : 0;
        record(e, day, counted ? "counted" : "capped", earned, counted ? weight : 0, rules.version(), null);
        if (counted && e.type() == InteractionType.PURCHASE) {
            Map<String, AttributeValue> purchase = new HashMap<>(Purchases.key(e.channel(), e.eventId()));
            purchase.putAll(Map.of("memberId", s(e.memberId()), "day", s(day.toString()), "amount", n(e.amount()), "currency", s(e.currency()),
                    "points", n(points), "spend", n(spend), "refunded", n(0), "reversedPts", n(0)));
            putIfAbsent("purchase", purchase);
        }
        return new Applied(outcome, outcome == Outcome.COUNTED ? earned : 0, first, day, counters,
                StandingSummaryStore.day(day, after), num(after, "pts"));
    }

    /** The counters among {@code names} that were zero (absent) before the update: one now, from its ALL_NEW answer. */
    private static Set<String> opened(Map<String, AttributeValue> after, String... names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (name != null && num(after, name) == 1) {
                out.add(name);
            }
        }
        return out;
    }

    /** The day item's counters above zero. */
    private static Set<String> held(Map<String, AttributeValue> day) {
        Set<String> out = new TreeSet<>();
        if (day != null) {
            day.forEach((name, v) -> {
                if ((name.equals("evts") || name.startsWith("n_")) && v.n() != null && new BigDecimal(v.n()).signum() > 0) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    /**
     * A refund reverses the purchase's points in proportion to the amount refunded. Points already spent or
     * expired cannot be taken back (a balance never goes negative): the entry records what was reversed and what
     * could not be. The claim, the purchase's refunded amount and the purchase lot change in one transaction.
     */
    private Applied refund(Interaction e, EngagementRules rules) {
        LocalDate day = businessDay(e);
        return REFUND_CONFLICTS.get("refund " + e.key(), () -> {
            Map<String, AttributeValue> purchase = item(Purchases.key(e.channel(), e.refEventId()));
            if (purchase == null || !e.memberId().equals(str(purchase, "memberId"))) {
                return Optional.of(reject(e, day, rules, "rejected:unknown-purchase"));
            }
            String refundKey = "r_" + HexFormat.of().formatHex(hash(e).asByteArray());
            if (claimed(day(e.memberId(), day), e)) {
                long reversed = num(purchase, refundKey);
                record(e, day, "reversed", -reversed, 0, rules.version(), str(purchase, "day"));
                return Optional.of(new Applied(Outcome.DUPLICATE, 0, false, day));
            }
            RefundReversal.Purchase bought = new RefundReversal.Purchase(dec(purchase, "amount"), dec(purchase, "refunded"),
                    num(purchase, "points"), num(purchase, "reversedPts"));
            if (RefundReversal.overRefund(bought, e.amount()) || !e.currency().equals(str(purchase, "currency"))) {
                return Optional.of(reject(e, day, rules, "rejected:over-refund"));
            }
            LocalDate lotDay = LocalDate.parse(str(purchase, "day"));
            Map<String, AttributeValue> lot = day(e.memberId(), lotDay);
            RefundReversal.Plan plan = RefundReversal.plan(bought, e.amount(), lot == null ? 0 : num(lot, "rem"));
            long x = plan.share();
            long y = plan.fromLot();
            BigDecimal spendBack = dec(purchase, "spend").signum() > 0 ? e.amount() : BigDecimal.ZERO;

            List<TransactWriteItem> writes = new ArrayList<>();
            Map<String, AttributeValue> claimValues = new HashMap<>(Map.of(":id", AttributeValue.fromBs(List.of(hash(e))),
                    ":idv", AttributeValue.fromB(hash(e)), ":one", n(1)));
            String claimAdd = "ADD ids :id, n_refund :one";
            String claimCond = "NOT contains(ids, :idv)";
            Map<String, AttributeValue> lotValues = Map.of(":y", n(y), ":negy", n(-y), ":x", n(x), ":negs", n(spendBack.negate()));
            String lotAdd = "rem :negy, rev :x, spend :negs";
            boolean sameItem = lotDay.equals(day);
            if (sameItem) {
                claimValues.putAll(lotValues);
                claimAdd += ", " + lotAdd;
                claimCond += " AND rem >= :y";
            }
            writes.add(update(dayKey(e.memberId(), day), claimAdd, claimCond, claimValues, Map.of()));
            writes.add(update(Purchases.key(e.channel(), e.refEventId()),
                    "ADD refunded :amt, reversedPts :x SET #r = :y", "refunded = :before",
                    Map.of(":amt", n(e.amount()), ":x", n(x), ":y", n(y), ":before", n(bought.refunded())), Map.of("#r", refundKey)));
            if (!sameItem) {
                writes.add(update(dayKey(e.memberId(), lotDay), "ADD " + lotAdd, "rem >= :y", lotValues, Map.of()));
            }
            try {
                var answer = ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                meter.write("refund", answer.consumedCapacity());
            } catch (TransactionCanceledException cancelled) {
                // A concurrent delivery of the same refund won (the next pass finds the claim and records a
                // duplicate), or the purchase or its lot changed meanwhile: either way, read again.
                return Optional.empty();
            }
            record(e, day, "reversed", -y, 0, rules.version(), lotDay.toString());
            return Optional.of(new Applied(Outcome.COUNTED, -y, false, day));
        });
    }

    private Applied reject(Interaction e, LocalDate day, EngagementRules rules, String outcome) {
        record(e, day, outcome, 0, 0, rules.version(), null);
        return new Applied(Outcome.REJECTED, 0, false, day);
    }

    /**
     * Records an interaction the rules in force refuse (they changed after the ingestion API accepted it): a timeline
     * record {@code rejected:<fields>} with no effect, written once however often the event is delivered.
     */
    public Applied refuse(Interaction e, EngagementRules rules, List<String> fields) {
        return reject(e, businessDay(e), rules, "rejected:" + String.join("+", fields));
    }

    /** Records an interaction that is not scored (a member who left, was removed or erased). */
    public boolean skip(Interaction e, EngagementRules rules, String why) {
        return record(e, businessDay(e), "skipped:" + why, 0, 0, rules.version(), null);
    }

    /** The member's days from {@code from} to {@code to}, both included, oldest first. */
    public List<MemberDay> days(String memberId, LocalDate from, LocalDate to) {
        List<MemberDay> days = new ArrayList<>();
        var pages = ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":from", s("DAY#" + from), ":to", s("DAY#" + to)))
                .projectionExpression("sk, w, evts, pts, rev, adj, rem, exp, spend, refs, expiresOn").consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        for (var page : pages) {
            meter.read(page.consumedCapacity());
            page.items().forEach(i -> days.add(memberDay(i)));
        }
        return days;
    }

    public static MemberDay memberDay(Map<String, AttributeValue> i) {
        String expires = str(i, "expiresOn");
        return new MemberDay(LocalDate.parse(str(i, "sk").substring(4)), num(i, "w"), num(i, "evts"), num(i, "pts"), num(i, "rev"),
                num(i, "adj"), num(i, "rem"), num(i, "exp"), dec(i, "spend"), num(i, "refs"), expires == null ? null : LocalDate.parse(expires));
    }

    /** The timeline record of one interaction. */
    public Optional<Map<String, AttributeValue>> record(Interaction e) {
        return Optional.ofNullable(item(key("MEMBER#" + e.memberId(), timelineKey(e))));
    }

    public static Map<String, AttributeValue> dayKey(String memberId, LocalDate day) {
        return key("MEMBER#" + memberId, "DAY#" + day);
    }

    public static String timelineKey(Interaction e) {
        return "L#" + Timeline.stamp(e.occurredAt()) + "#i#" + e.key();
    }

    private boolean record(Interaction e, LocalDate day, String outcome, long points, int weight, int rulesVersion, String lot) {
        Map<String, AttributeValue> item = new HashMap<>(key("MEMBER#" + e.memberId(), timelineKey(e)));
        item.put("kind", s("interaction"));
        item.put("type", s(e.type().key()));
        item.put("channel", s(e.channel()));
        item.put("eventId", s(e.eventId()));
        item.put("occurredAt", s(e.occurredAt().toString()));
        item.put("day", s(day.toString()));
        item.put("outcome", s(outcome));
        item.put("points", n(points));
        item.put("weight", n(weight));
        item.put("rulesVersion", n(rulesVersion));
        if (points > 0) {
            item.put("lot", s(day.toString()));
        } else if (lot != null) {
            item.put("lot", s(lot));
        }
        if (e.amount() != null) {
            item.put("amount", n(e.amount()));
            item.put("currency", s(e.currency()));
        }
        if (e.activityId() != null) {
            item.put("activityId", s(e.activityId()));
        }
        if (e.refEventId() != null) {
            item.put("refEventId", s(e.refEventId()));
        }
        return putIfAbsent("timeline", item);
    }

    private boolean putIfAbsent(String kind, Map<String, AttributeValue> item) {
        try {
            var answer = ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            meter.write(kind, answer.consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            meter.refusedWrite(kind);
            return false;
        }
    }

    private Map<String, AttributeValue> day(String memberId, LocalDate day) {
        return item(dayKey(memberId, day));
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return answer.hasItem() && !answer.item().isEmpty() ? answer.item() : null;
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, String condition,
                                     Map<String, AttributeValue> values, Map<String, String> names) {
        Update.Builder u = Update.builder().tableName(table).key(key).updateExpression(expression).conditionExpression(condition)
                .expressionAttributeValues(values);
        if (!names.isEmpty()) {
            u.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(u.build()).build();
    }

    private static boolean claimed(Map<String, AttributeValue> day, Interaction e) {
        if (day == null || !day.containsKey("ids") || day.get("ids").bs() == null) {
            return false;
        }
        byte[] mine = hash(e).asByteArray();
        return day.get("ids").bs().stream().anyMatch(b -> Arrays.equals(b.asByteArray(), mine));
    }

    /** 8 bytes of SHA-256 over channel#eventId: collisions within one member's day are negligible (about 1 in 10^16). */
    static SdkBytes hash(Interaction e) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(e.key().getBytes(StandardCharsets.UTF_8));
            return SdkBytes.fromByteArray(Arrays.copyOf(full, 8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
