package com.fanops.interactions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Applies interactions exactly once, following {@link EngagementLedger}'s rule with one transaction per event.
 * Items in the interactions table:
 * <pre>
 *   pk=EVENT#&lt;channel&gt;#&lt;eventId&gt;  sk=EVENT            the claim: memberId, type, occurredAt, outcome, policyVersion
 *   pk=MEMBER#&lt;id&gt;  sk=DAY#&lt;business day&gt;#&lt;type&gt;  count (capped at the daily cap)
 *   pk=MEMBER#&lt;id&gt;  sk=SCORE                      unscaled (sum of contributions), policyVersion, lastAt
 * </pre>
 */
public final class InteractionStore {

    private final DynamoDbClient ddb;
    private final String table;

    public InteractionStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public EngagementLedger.Outcome apply(Interaction e, ScoringPolicy policy, Instant now) {
        String day = policy.businessDay(e.occurredAt()).toString();
        String member = "MEMBER#" + e.memberId();
        int cap = policy.dailyCaps().getOrDefault(e.type(), 0);
        TransactWriteItem counter = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s(member), "sk", s("DAY#" + day + "#" + e.type().key())))
                .updateExpression("ADD #c :one").conditionExpression("attribute_not_exists(#c) OR #c < :cap")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(cap))).build()).build();
        TransactWriteItem score = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s(member), "sk", s("SCORE")))
                .updateExpression("ADD unscaled :c SET policyVersion = :v, lastAt = :at")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromN(Double.toString(policy.contribution(e.type(),
                        policy.businessDay(e.occurredAt())))), ":v", n(policy.version()), ":at", s(now.toString()))).build()).build();
        try {
            ddb.transactWriteItems(b -> b.transactItems(claim(e, policy, "counted"), counter, score));
            return EngagementLedger.Outcome.COUNTED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failed(reasons, 0)) {
                return EngagementLedger.Outcome.DUPLICATE;
            }
            if (!failed(reasons, 1)) {
                throw cancelled;
            }
        }
        // Over the day's cap: record the event (so a redelivery is still a duplicate) without scoring it.
        try {
            ddb.transactWriteItems(b -> b.transactItems(claim(e, policy, "capped")));
            return EngagementLedger.Outcome.CAPPED;
        } catch (TransactionCanceledException cancelled) {
            return EngagementLedger.Outcome.DUPLICATE;
        }
    }

    /** Records an event that is not scored (a member who left, was removed or erased). */
    public boolean skip(Interaction e, ScoringPolicy policy, String why) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(claim(e, policy, "skipped:" + why)));
            return true;
        } catch (TransactionCanceledException duplicate) {
            return false;
        }
    }

    public Optional<Double> unscaledScore(String memberId) {
        var item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("MEMBER#" + memberId), "sk", s("SCORE")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Double.parseDouble(item.get("unscaled").n()));
    }

    public Optional<Map<String, AttributeValue>> event(String channel, String eventId) {
        var item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("EVENT#" + channel + "#" + eventId), "sk", s("EVENT")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private TransactWriteItem claim(Interaction e, ScoringPolicy policy, String outcome) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", s("EVENT#" + e.key()), "sk", s("EVENT"), "memberId", s(e.memberId()), "type", s(e.type().key()),
                "occurredAt", s(e.occurredAt().toString()), "outcome", s(outcome), "policyVersion", n(policy.version())))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
