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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Budgets and their reservations. Rewards table item:
 * <pre>
 *   pk=BUDGET#&lt;budgetId&gt;  sk=BUDGET   name, from, until (business days, inclusive), amount, available, reserved,
 *                 confirmed (N, minor units; available + reserved + confirmed = amount), createdBy, createdAt, changedBy,
 *                 changedAt; gsi2pk=BUDGETS gsi2sk=&lt;budgetId&gt; (the list)
 * </pre>
 * A reservation is {@code ADD available -c, reserved +c} under {@code available >= c} and the day within the period, in
 * the issuance's transaction; that condition is what keeps reserved + confirmed within the amount under any concurrency.
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
