package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.date;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.rewards.domain.Budget;
import com.fanops.rewards.domain.IssuanceStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Budgets and their reservations. Rewards table item:
 * <pre>
 *   pk=BUDGET#&lt;budgetId&gt;  sk=BUDGET   name, from, until (business days, inclusive), amount, available, reserved,
 *                 confirmed (N, minor units; available + reserved + confirmed = amount), createdBy, createdAt, changedBy,
 *                 changedAt; gsi2pk=BUDGETS gsi2sk=&lt;budgetId&gt; (the list)
 *   pk=ALLOC#&lt;allocationId&gt;  sk=ALLOC   budgetId, amount, spent (N), allocatedAt, releasedAt (once released), released
 *                 (N, what the release gave back): a share of a budget held for someone else (an activity's budget)
 * </pre>
 * An allocation is one transaction: {@code ADD available -a, reserved +a} on the budget under {@code available >= a}
 * and the allocation item put under "none yet, or released" - so allocating the same id twice reserves once and
 * concurrent allocations never take more than is available. Its release gives back {@code amount - spent} once; an id
 * released may be allocated again (an activity sent back to draft and approved again).
 * A reservation is {@code ADD available -c, reserved +c} under {@code available >= c} and the day within the period, in
 * the issuance's transaction; that condition is what keeps reserved + confirmed within the amount under any concurrency.
 * A charge to an allocation (an activity's prize) is {@code ADD spent c} on the allocation under {@code spent <= amount - c}
 * and not released, in the issuance's transaction: its cost already sits in the budget's reserved (since the approval),
 * so a reward fulfilled at once moves it {@code reserved -> confirmed} and any other stays reserved until fulfilled. Given
 * back (revoked, failed, expired): {@code spent - c} and the cost back into the allocation's reserve - or, once the
 * allocation was released, to available with {@code released + c}.
 */
public final class BudgetStore {

    private final DynamoDbClient ddb;
    private final String table;

    public BudgetStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String budgetId) {
        return com.fanops.platform.dynamo.Items.key("BUDGET#" + budgetId, "BUDGET");
    }

    static Map<String, AttributeValue> allocationKey(String allocationId) {
        return com.fanops.platform.dynamo.Items.key("ALLOC#" + allocationId, "ALLOC");
    }

    /** A share of a budget held for an allocation (an activity); {@code releasedAt} set once what was unspent went back. */
    public record Allocation(String allocationId, String budgetId, long amount, long spent, Instant allocatedAt, Instant releasedAt) {
        public long unspent() {
            return amount - spent;
        }
    }

    /** What an allocation came to. */
    public enum AllocationResult {
        /** Reserved now. */
        ALLOCATED,
        /** This allocation id was reserved before (nothing reserved again). */
        ALREADY,
        /** The budget has less available than asked (nothing reserved). */
        INSUFFICIENT,
        /** There is no such budget. */
        NO_BUDGET
    }

    /**
     * Moves {@code amount} from the budget's available to reserved and records it as allocation {@code allocationId}, in
     * one transaction; the same id allocated again reserves nothing more until it is released.
     */
    public AllocationResult allocate(String budgetId, String allocationId, long amount, Instant at) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative allocation");
        }
        Map<String, AttributeValue> item = new HashMap<>(allocationKey(allocationId));
        item.put("budgetId", s(budgetId));
        item.put("amount", n(amount));
        item.put("spent", n(0));
        item.put("allocatedAt", s(at.toString()));
        try {
            ddb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(budgetId))
                            .updateExpression("ADD available :neg, reserved :a").conditionExpression("attribute_exists(pk) AND available >= :a")
                            .expressionAttributeValues(Map.of(":neg", n(-amount), ":a", n(amount)))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk) OR attribute_exists(releasedAt)").build()).build()));
            return AllocationResult.ALLOCATED;
        } catch (TransactionCanceledException refused) {
            List<CancellationReason> reasons = refused.cancellationReasons();
            if (com.fanops.platform.dynamo.Items.failed(reasons, 1)) {
                return AllocationResult.ALREADY;
            }
            if (com.fanops.platform.dynamo.Items.failed(reasons, 0)) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                return old == null || old.isEmpty() ? AllocationResult.NO_BUDGET : AllocationResult.INSUFFICIENT;
            }
            throw refused;
        }
    }

    /**
     * Gives what allocation {@code allocationId} has not spent back to its budget's available, once; the amount given back
     * (0 when there is no such allocation or it was released before).
     */
    public long release(String allocationId, Instant at) {
        Optional<Allocation> found = allocation(allocationId);
        if (found.isEmpty() || found.get().releasedAt() != null) {
            return 0;
        }
        Allocation a = found.get();
        long back = a.unspent();
        try {
            ddb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(allocationKey(allocationId))
                            .updateExpression("SET releasedAt = :at, released = :back")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(releasedAt) AND spent = :spent")
                            .expressionAttributeValues(Map.of(":at", s(at.toString()), ":back", n(back), ":spent", n(a.spent()))).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(a.budgetId()))
                            .updateExpression("ADD reserved :neg, available :back").conditionExpression("reserved >= :back")
                            .expressionAttributeValues(Map.of(":neg", n(-back), ":back", n(back))).build()).build()));
            return back;
        } catch (TransactionCanceledException raced) {
            if (com.fanops.platform.dynamo.Items.failed(raced.cancellationReasons(), 0)) {
                // released (or spent from) meanwhile: read again and give back what is still due, if anything
                return release(allocationId, at);
            }
            throw raced;
        }
    }

    public Optional<Allocation> allocation(String allocationId) {
        var item = ddb.getItem(b -> b.tableName(table).key(allocationKey(allocationId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String released = str(item, "releasedAt");
        return Optional.of(new Allocation(allocationId, str(item, "budgetId"), num(item, "amount"), num(item, "spent"),
                Instant.parse(str(item, "allocatedAt")), released == null ? null : Instant.parse(released)));
    }

    /** Creates a budget; false when the id is taken. */
    public boolean create(String budgetId, String name, LocalDate from, LocalDate until, long amount, String actor, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(budgetId));
        item.put("name", s(name));
        item.put("from", s(from.toString()));
        item.put("until", s(until.toString()));
        item.put("amount", n(amount));
        item.put("available", n(amount));
        item.put("reserved", n(0));
        item.put("confirmed", n(0));
        item.put("createdBy", s(actor));
        item.put("createdAt", s(at.toString()));
        item.put("gsi2pk", s("BUDGETS"));
        item.put("gsi2sk", s(budgetId));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Changes the amount by {@code delta}: a raise adds to what is available, a cut takes only from what is available
     * (never from what is reserved or confirmed). False when the budget is missing or the cut exceeds what is available.
     */
    public boolean changeAmount(String budgetId, long delta, String actor, Instant at) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(budgetId)).updateExpression("ADD amount :d, available :d SET changedBy = :by, changedAt = :at")
                    .conditionExpression(delta >= 0 ? "attribute_exists(pk)" : "attribute_exists(pk) AND available >= :cut")
                    .expressionAttributeValues(delta >= 0 ? Map.of(":d", n(delta), ":by", s(actor), ":at", s(at.toString()))
                            : Map.of(":d", n(delta), ":by", s(actor), ":at", s(at.toString()), ":cut", n(-delta))));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    public Optional<Budget> get(String budgetId) {
        var item = ddb.getItem(b -> b.tableName(table).key(key(budgetId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(budget(item));
    }

    public List<Budget> list() {
        List<Budget> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s("BUDGETS")))).items().forEach(i -> get(str(i, "gsi2sk")).ifPresent(out::add));
        return out;
    }

    /** The reservation (or, for a reward fulfilled at once, the confirmation) of {@code cost} on {@code day}. */
    TransactWriteItem reserve(String budgetId, long cost, LocalDate day, boolean confirmAtOnce) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(budgetId))
                .updateExpression("ADD available :neg, " + (confirmAtOnce ? "confirmed" : "reserved") + " :c")
                .conditionExpression("available >= :c AND #from <= :day AND #until >= :day")
                .expressionAttributeNames(Map.of("#from", "from", "#until", "until"))
                .expressionAttributeValues(Map.of(":neg", n(-cost), ":c", n(cost), ":day", s(day.toString()))).build()).build();
    }

    /**
     * The charge of {@code cost} to allocation {@code a} (its amount as read; {@code cost <= a.unspent()}), and for a reward
     * fulfilled at once the confirmation of that cost on the budget.
     */
    List<TransactWriteItem> charge(Allocation a, long cost, boolean confirmAtOnce) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(allocationKey(a.allocationId()))
                .updateExpression("ADD spent :c")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(releasedAt) AND amount = :amount AND spent <= :room")
                .expressionAttributeValues(Map.of(":c", n(cost), ":amount", n(a.amount()), ":room", n(a.amount() - cost))).build()).build());
        if (confirmAtOnce) {
            writes.add(apply(a.budgetId(), cost, IssuanceStatus.BudgetEffect.CONFIRM));
        }
        return writes;
    }

    /** What a status transition of a reward charged to allocation {@code a} (as read: released or not) does. */
    List<TransactWriteItem> applyToAllocation(Allocation a, long cost, IssuanceStatus.BudgetEffect effect) {
        if (effect == IssuanceStatus.BudgetEffect.CONFIRM) {
            return List.of(apply(a.budgetId(), cost, effect));
        }
        boolean released = a.releasedAt() != null;
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(allocationKey(a.allocationId()))
                .updateExpression(released ? "ADD spent :neg, released :c" : "ADD spent :neg")
                .conditionExpression((released ? "attribute_exists(releasedAt)" : "attribute_not_exists(releasedAt)") + " AND spent >= :c")
                .expressionAttributeValues(Map.of(":neg", n(-cost), ":c", n(cost))).build()).build());
        if (released) {
            writes.add(apply(a.budgetId(), cost, effect));
        } else if (effect == IssuanceStatus.BudgetEffect.RELEASE_CONFIRMED) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(a.budgetId()))
                    .updateExpression("ADD confirmed :neg, reserved :c").conditionExpression("confirmed >= :c")
                    .expressionAttributeValues(Map.of(":neg", n(-cost), ":c", n(cost))).build()).build());
        }
        return writes;
    }

    /** What a status transition does to the cost's budget line. */
    TransactWriteItem apply(String budgetId, long cost, IssuanceStatus.BudgetEffect effect) {
        String expression = switch (effect) {
            case CONFIRM -> "ADD reserved :neg, confirmed :c";
            case RELEASE_RESERVED -> "ADD reserved :neg, available :c";
            case RELEASE_CONFIRMED -> "ADD confirmed :neg, available :c";
        };
        String from = effect == IssuanceStatus.BudgetEffect.RELEASE_CONFIRMED ? "confirmed" : "reserved";
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(budgetId)).updateExpression(expression)
                .conditionExpression(from + " >= :c").expressionAttributeValues(Map.of(":neg", n(-cost), ":c", n(cost))).build()).build();
    }

    private static Budget budget(Map<String, AttributeValue> i) {
        String pk = str(i, "pk");
        return new Budget(pk.substring(pk.indexOf('#') + 1), str(i, "name"), date(i, "from"), date(i, "until"), num(i, "amount"),
                num(i, "available"), num(i, "reserved"), num(i, "confirmed"), str(i, "createdBy"), Instant.parse(str(i, "createdAt")));
    }
}
