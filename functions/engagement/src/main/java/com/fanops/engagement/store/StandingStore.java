package com.fanops.engagement.store;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import static com.fanops.platform.dynamo.Items.date;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Standings in the interactions table: {@code pk=MEMBER#id, sk=STANDING} (with {@code review=standing} while the
 * member is above the bottom category or tier, which puts them on the {@code byReview} index the daily review
 * walks) and tier history {@code sk=TIER#<time>#<rev>}. A write names the revision it read; a concurrent writer
 * makes it fail, and the caller evaluates again.
 */
public final class StandingStore {

    public static final String REVIEW = "standing";

    public record TierHistory(String from, String to, String reason, LocalDate on, LocalDate holdUntil, int rulesVersion, Instant at) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public StandingStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    /** The standing summary kept on the same items. */
    public StandingSummaryStore summaries() {
        return new StandingSummaryStore(ddb, table, meter);
    }

    public Standing get(String memberId) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "STANDING")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return standing(memberId, answer.item());
    }

    /** The standing an item holds; the initial one if none was written yet (the item may hold only the summary and the initial category and tier). */
    static Standing standing(String memberId, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey("rev")) {
            return Standing.initial(memberId);
        }
        return new Standing(memberId, Category.of(str(item, "category")), date(item, "categorySince"), Tier.of(str(item, "tier")),
                date(item, "tierSince"), date(item, "holdUntil"), date(item, "warnedOn"), date(item, "downgradeOn"),
                (int) num(item, "rulesVersion"), num(item, "rev"));
    }

    /** Writes the next standing, its tier history entry (if the tier moved) and its events, or nothing if another writer came first. */
    public boolean write(Standing read, Standing next, TierHistory history, List<EventOutbox.Staged> events, EventOutbox outbox, Instant now) {
        // An update, not a put: the item also holds the standing summary (StandingSummaryStore), which this leaves as it is.
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        set(sets, values, "category", s(next.category().key()));
        set(sets, values, "tier", s(next.tier().key()));
        set(sets, values, "rulesVersion", n(next.rulesVersion()));
        set(sets, values, "rev", n(read.rev() + 1));
        set(sets, values, "updatedAt", s(now.toString()));
        setOrRemove(sets, removes, values, "categorySince", next.categorySince());
        setOrRemove(sets, removes, values, "tierSince", next.tierSince());
        setOrRemove(sets, removes, values, "holdUntil", next.holdUntil());
        setOrRemove(sets, removes, values, "warnedOn", next.warnedOn());
        setOrRemove(sets, removes, values, "downgradeOn", next.downgradeOn());
        if (next.reviewed()) {
            set(sets, values, "review", s(REVIEW));
        } else {
            removes.add("review");
        }
        if (read.rev() != 0) {
            values.put(":readRev", n(read.rev()));
        }
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key("MEMBER#" + next.memberId(), "STANDING"))
                .updateExpression(expression).conditionExpression(read.rev() == 0 ? "attribute_not_exists(rev)" : "rev = :readRev")
                .expressionAttributeValues(values).build()).build());
        if (history != null) {
            Map<String, AttributeValue> h = new HashMap<>(key("MEMBER#" + next.memberId(), "TIER#" + Timeline.stamp(now) + "#" + (read.rev() + 1)));
            h.put("from", s(history.from()));
            h.put("to", s(history.to()));
            h.put("reason", s(history.reason()));
            h.put("on", s(history.on().toString()));
            h.put("holdUntil", s(history.holdUntil().toString()));
            h.put("rulesVersion", n(history.rulesVersion()));
            h.put("at", s(now.toString()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(h).build()).build());
        }
        writes.addAll(outbox.writes(events));
        try {
            meter.write("standingChange", ddb.transactWriteItems(b -> b.transactItems(writes)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
            return true;
        } catch (TransactionCanceledException raced) {
            return false;
        }
    }

    public List<TierHistory> tierHistory(String memberId) {
        return ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :t)").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":t", s("TIER#")))).items().stream()
                .map(i -> new TierHistory(str(i, "from"), str(i, "to"), str(i, "reason"), date(i, "on"), date(i, "holdUntil"),
                        (int) num(i, "rulesVersion"), Instant.parse(str(i, "at")))).toList();
    }

    /** Every member on the review index, page by page. */
    public void forEachReviewed(Consumer<String> memberId) {
        ddb.queryPaginator(b -> b.tableName(table).indexName("byReview").keyConditionExpression("review = :r")
                        .expressionAttributeValues(Map.of(":r", s(REVIEW)))).items()
                .forEach(i -> memberId.accept(i.get("pk").s().substring("MEMBER#".length())));
    }

    /** The members of one shard on the review index: the index's sort key is {@code MEMBER#id}, so a key range. */
    public void forEachReviewed(Shard shard, Consumer<String> memberId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":r", s(REVIEW)));
        String condition = ShardKeys.condition("review = :r", "pk", "MEMBER#", shard, values);
        for (var page : ddb.queryPaginator(b -> b.tableName(table).indexName("byReview").keyConditionExpression(condition)
                .expressionAttributeValues(values).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            meter.read(page.consumedCapacity());
            page.items().stream().map(i -> i.get("pk").s().substring("MEMBER#".length())).filter(shard::contains).forEach(memberId);
        }
    }

    private static void set(List<String> sets, Map<String, AttributeValue> values, String name, AttributeValue value) {
        sets.add(name + " = :" + name);
        values.put(":" + name, value);
    }

    private static void setOrRemove(List<String> sets, List<String> removes, Map<String, AttributeValue> values, String name, LocalDate value) {
        if (value != null) {
            set(sets, values, name, s(value.toString()));
        } else {
            removes.add(name);
        }
    }
}
