package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.date;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.engagement.store.PointsLedger;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.LimitWindows;
import com.fanops.rewards.domain.Refusal;
import com.fanops.rewards.domain.RewardType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The reward archive and the one transaction that issues a reward. Rewards table items:
 * <pre>
 *   pk=CAUSE#&lt;cause key&gt;   sk=CAUSE       issuanceId, requestHash: the cause's claim - at most one issuance per cause
 *   pk=ISSUE#&lt;issuanceId&gt;  sk=ISSUE      the archive record: memberId, itemId, type, catalogueVersion, trigger, ruleId,
 *                 cause, causeEventId, budgetId, cost, pointsPrice, points, cashAmount, codePoolId, code, status, issuedAt,
 *                 day, statusAt, consentPurpose/consentVersion/consentAt, actor, reason, locale, limitWindows, ruleCapped,
 *                 limitedStock, spendEntryId, creditEntryId, approvalId;
 *                 gsi1pk=MEMBER#&lt;memberId&gt; gsi1sk=&lt;issuedAt&gt;#&lt;id&gt; (a member's rewards),
 *                 gsi2pk=MONTH#&lt;yyyy-mm of day&gt; gsi2sk=&lt;issuedAt&gt;#&lt;id&gt; (the archive by period),
 *                 expiresOn (index byExpiry, only while the reward is live and its item's rewards expire)
 *   pk=ISSUE#&lt;issuanceId&gt;  sk=H#&lt;at&gt;#&lt;status&gt;   each status change: actor, reason
 *   pk=MEMBER#&lt;memberId&gt;   sk=LIMIT#&lt;itemId&gt;#&lt;window&gt;   n: the member's live issuances of the item in that window
 *   pk=MEMBER#&lt;memberId&gt;   sk=RULE#&lt;ruleId&gt;   n: the member's live issuances by that rule
 * </pre>
 * Issuing is ONE TransactWriteItems: the cause claim (condition: absent), the archive record, each limit counter (condition:
 * below its cap), the rule's counter, the item's stock (left >= 1), the code pool counter (available >= 1) and the code
 * (status available), the budget reservation (available >= cost, day in period) - or, for an activity's prize, the charge
 * to the activity's allocation (spent + cost <= amount, see {@link BudgetStore}) -, the points lots taken (rem >= x) or
 * credited with the ledger's marker and entry, and RewardIssued in the event outbox. Either all of it happens or none: no
 * retry, concurrency or redelivery can issue twice for a cause, overspend a budget, oversell stock or assign a code twice.
 */
public final class IssuanceStore {

    /**
     * What to write for one issuance, prepared by the service from fresh reads; {@code allocation} (as read) when the cost
     * is charged to an activity's allocation rather than reserved on the budget.
     */
    public record Draft(Issuance issuance, String requestHash, List<LimitWindows.Window> windows, Integer ruleCap,
                        PointsLedger.Prepared points, boolean confirmAtOnce, EventOutbox.Staged event, BudgetStore.Allocation allocation) {
    }

    /** How a commit ended. */
    public sealed interface Outcome {
    }

    /** Written; {@code writeUnits} as DynamoDB reported them. */
    public record Issued(Issuance issuance, double writeUnits) implements Outcome {
    }

    /** The cause was issued before: that issuance, and whether it was for the same request (same hash). */
    public record Duplicate(Issuance issuance, boolean sameRequest) implements Outcome {
    }

    public record Refused(Refusal refusal, String detail) implements Outcome {
    }

    /** Something read for the draft changed (a lot, a code, a concurrent writer): prepare again. */
    public record Again(String why) implements Outcome {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final BudgetStore budgets;
    private final StockStore stock;
    private final CodePoolStore pools;
    private final CapacityMeter meter;

    public IssuanceStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.budgets = new BudgetStore(ddb, table);
        this.stock = new StockStore(ddb, table);
        this.pools = new CodePoolStore(ddb, table);
        this.meter = meter;
    }

    public Outcome commit(Draft d, EventOutbox outbox) {
        Issuance is = d.issuance();
        List<TransactWriteItem> writes = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Map<String, AttributeValue> cause = new HashMap<>(causeKey(is.cause()));
        cause.put("issuanceId", s(is.issuanceId()));
        if (d.requestHash() != null) {
            cause.put("requestHash", s(d.requestHash()));
        }
        add(writes, roles, "cause", TransactWriteItem.builder().put(Put.builder().tableName(table).item(cause)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        add(writes, roles, "record", TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(is))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (LimitWindows.Window w : d.windows()) {
            add(writes, roles, "limit:" + w.name(), TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(limitKey(is.memberId(), is.itemId(), w.name())).updateExpression("ADD n :one")
                    .conditionExpression("attribute_not_exists(n) OR n < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(w.cap()))).build()).build());
        }
        if (d.ruleCap() != null) {
            add(writes, roles, "rule", TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(ruleKey(is.memberId(), is.ruleId())).updateExpression("ADD n :one")
                    .conditionExpression("attribute_not_exists(n) OR n < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(d.ruleCap()))).build()).build());
        }
        if (is.limitedStock()) {
            add(writes, roles, "stock", stock.take(is.itemId()));
        }
        if (is.code() != null) {
            List<TransactWriteItem> claim = pools.claim(is.codePoolId(), is.code(), is.issuanceId(), is.issuedAt());
            add(writes, roles, "pool", claim.get(0));
            add(writes, roles, "code", claim.get(1));
        }
        if (is.cost() > 0 && d.allocation() != null) {
            List<TransactWriteItem> charge = budgets.charge(d.allocation(), is.cost(), d.confirmAtOnce());
            add(writes, roles, "allocation", charge.get(0));
            charge.stream().skip(1).forEach(w -> add(writes, roles, "budget", w));
        } else if (is.cost() > 0) {
            add(writes, roles, "budget", budgets.reserve(is.budgetId(), is.cost(), is.day(), d.confirmAtOnce()));
        }
        if (d.points() != null) {
            for (int i = 0; i < d.points().writes().size(); i++) {
                add(writes, roles, i < d.points().lotWrites() ? "lot" : i == d.points().markerIndex() ? "marker" : "entry",
                        d.points().writes().get(i));
            }
        }
        add(writes, roles, "outbox", outbox.write(d.event()));
        if (writes.size() > 100) {
            throw new RewardTooLargeException();
        }
        try {
            var answer = ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            double units = com.fanops.platform.dynamo.Items.units(answer.consumedCapacity());
            meter.write(answer.consumedCapacity());
            outbox.flush(List.of(d.event()));
            return new Issued(is, units);
        } catch (TransactionCanceledException cancelled) {
            meter.refusedWrite();
            return explain(d, roles, cancelled.cancellationReasons());
        } catch (TransactionInProgressException busy) {
            return new Again("transaction in progress");
        }
    }

    /** Too many lots for one transaction (a redemption would touch more than fit beside its own writes). */
    public static final class RewardTooLargeException extends ProblemException {
        public RewardTooLargeException() {
            super(new com.fanops.platform.http.Problem(com.fanops.platform.http.Problem.BASE + "too-many-lots", "Too many points lots", 422,
                    "This redemption would draw on more points lots than one step can change; redeem a smaller item first.", null, null,
                    List.of(new com.fanops.platform.http.FieldError("itemId", "draws on too many points lots"))));
        }
    }

    private Outcome explain(Draft d, List<String> roles, List<CancellationReason> reasons) {
        Issuance is = d.issuance();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < reasons.size() && i < roles.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                failed.add(roles.get(i));
            }
        }
        if (failed.contains("cause")) {
            return byCause(is.cause()).<Outcome>map(c -> new Duplicate(c.issuance(), d.requestHash() == null
                    || d.requestHash().equals(c.requestHash()))).orElse(new Again("cause claimed, record not readable yet"));
        }
        for (String role : failed) {
            if (role.startsWith("limit:")) {
                return new Refused(Refusal.OVER_LIMIT, "The member's limit for item " + is.itemId() + " (" + role.substring(6) + ") is reached.");
            }
        }
        if (failed.contains("rule")) {
            return new Refused(Refusal.RULE_CAP, "Rule " + is.ruleId() + " has reached its cap for this member.");
        }
        if (failed.contains("stock") || failed.contains("pool")) {
            return new Refused(Refusal.OUT_OF_STOCK, "Item " + is.itemId() + " is out of stock.");
        }
        if (failed.contains("allocation")) {
            var allocation = budgets.allocation(is.allocationId());
            if (allocation.isEmpty() || allocation.get().releasedAt() != null) {
                return new Refused(Refusal.NO_ALLOCATION, "Activity " + is.allocationId() + " holds no budget allocation.");
            }
            if (allocation.get().unspent() < is.cost()) {
                return new Refused(Refusal.ALLOCATION_EXHAUSTED, "The allocation of activity " + is.allocationId() + " has "
                        + allocation.get().unspent() + " left, the item costs " + is.cost() + ".");
            }
            return new Again("allocation changed");
        }
        if (failed.contains("budget")) {
            var budget = budgets.get(is.budgetId());
            if (budget.isEmpty()) {
                return new Refused(Refusal.UNKNOWN_BUDGET, "Budget " + is.budgetId() + " does not exist.");
            }
            if (!budget.get().covers(is.day())) {
                return new Refused(Refusal.BUDGET_PERIOD, "Budget " + is.budgetId() + " runs from " + budget.get().from() + " to "
                        + budget.get().until() + ".");
            }
            if (budget.get().available() < is.cost()) {
                return new Refused(Refusal.BUDGET_EXHAUSTED, "Budget " + is.budgetId() + " has " + budget.get().available()
                        + " left, the item costs " + is.cost() + ".");
            }
            return new Again("budget changed");
        }
        return new Again(failed.isEmpty() ? "conflict" : String.join(",", failed));
    }

    private static void add(List<TransactWriteItem> writes, List<String> roles, String role, TransactWriteItem write) {
        writes.add(write);
        roles.add(role);
    }

    /** The issuance a cause led to, with the request hash it was made for. */
    public record Claimed(Issuance issuance, String requestHash) {
    }

    public Optional<Claimed> byCause(String causeKey) {
        var c = ddb.getItem(b -> b.tableName(table).key(causeKey(causeKey)).consistentRead(true)).item();
        if (c == null || c.isEmpty()) {
            return Optional.empty();
        }
        return get(str(c, "issuanceId")).map(i -> new Claimed(i, str(c, "requestHash")));
    }

    /** The allocation an activity's prizes are charged to. */
    public Optional<BudgetStore.Allocation> allocation(String allocationId) {
        return budgets.allocation(allocationId);
    }

    public Optional<Issuance> get(String issuanceId) {
        var item = ddb.getItem(b -> b.tableName(table).key(recordKey(issuanceId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(issuance(item));
    }

    /** How a status change ended. */
    public enum Change { DONE, STALE, POINTS_CHANGED }

    /**
     * Moves {@code current} to {@code next} under the condition that its status is still the one read, with the budget
     * effect, and when the reward stops being live: its limit and rule counters given back, its stock unit returned, and the
     * points writes given ({@code points}: a redemption's restore, a points reward's take-back), plus the event.
     */
    public Change transition(Issuance current, Issuance next, String actor, String reason, PointsLedger.Prepared points,
                             EventOutbox.Staged event, EventOutbox outbox) {
        IssuanceStatus.BudgetEffect effect = current.status().moveTo(next.status());
        List<TransactWriteItem> writes = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        boolean ends = !next.status().live();
        add(writes, roles, "record", TransactWriteItem.builder().update(Update.builder().tableName(table).key(recordKey(current.issuanceId()))
                .updateExpression("SET #s = :to, statusAt = :at" + (ends ? " REMOVE expiresOn" : "")).conditionExpression("#s = :from")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":to", s(next.status().key()), ":from", s(current.status().key()),
                        ":at", s(next.statusAt().toString()))).build()).build());
        Map<String, AttributeValue> history = new HashMap<>(com.fanops.platform.dynamo.Items.key("ISSUE#" + current.issuanceId(),
                "H#" + next.statusAt() + "#" + next.status().key()));
        history.put("from", s(current.status().key()));
        history.put("actor", s(actor));
        if (reason != null) {
            history.put("reason", s(reason));
        }
        add(writes, roles, "history", TransactWriteItem.builder().put(Put.builder().tableName(table).item(history).build()).build());
        if (current.cost() > 0 && current.allocationId() != null) {
            BudgetStore.Allocation allocation = budgets.allocation(current.allocationId()).orElseThrow(
                    () -> new IllegalStateException("issuance " + current.issuanceId() + " charged to a missing allocation"));
            budgets.applyToAllocation(allocation, current.cost(), effect).forEach(w -> add(writes, roles, "budget", w));
        } else if (current.cost() > 0) {
            add(writes, roles, "budget", budgets.apply(current.budgetId(), current.cost(), effect));
        }
        if (ends) {
            for (String w : current.limitWindows()) {
                add(writes, roles, "limit", TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(limitKey(current.memberId(), current.itemId(), w)).updateExpression("ADD n :neg").conditionExpression("n >= :one")
                        .expressionAttributeValues(Map.of(":neg", n(-1), ":one", n(1))).build()).build());
            }
            if (current.ruleCapped()) {
                add(writes, roles, "rule", TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(ruleKey(current.memberId(), current.ruleId())).updateExpression("ADD n :neg").conditionExpression("n >= :one")
                        .expressionAttributeValues(Map.of(":neg", n(-1), ":one", n(1))).build()).build());
            }
            if (current.limitedStock()) {
                add(writes, roles, "stock", stock.giveBack(current.itemId()));
            }
            if (points != null) {
                for (int i = 0; i < points.writes().size(); i++) {
                    add(writes, roles, i < points.lotWrites() ? "lot" : "marker", points.writes().get(i));
                }
            }
        }
        add(writes, roles, "outbox", outbox.write(event));
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            outbox.flush(List.of(event));
            return Change.DONE;
        } catch (TransactionCanceledException cancelled) {
            var reasons = cancelled.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < roles.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code()) && roles.get(i).equals("lot")) {
                    return Change.POINTS_CHANGED;
                }
            }
            return Change.STALE;
        } catch (TransactionInProgressException busy) {
            return Change.STALE;
        }
    }

    /** A page of the archive, newest first, and the cursor of the next page (null at the end). */
    public record Page(List<Issuance> items, String next) {
    }

    /** Filters of the archive; null fields do not filter. */
    public record Filter(String type, String status, String ruleId, String budgetId, String itemId, String trigger) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** A member's rewards, newest first. */
    public Page byMember(String memberId, String cursor, int limit) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decode(cursor);
            start = Map.of("gsi1pk", s("MEMBER#" + memberId), "gsi1sk", s(sk), "pk", s("ISSUE#" + idOf(sk)), "sk", s("ISSUE"));
        }
        Map<String, AttributeValue> from = start;
        var page = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s("MEMBER#" + memberId))).scanIndexForward(false).limit(limit).exclusiveStartKey(from));
        List<Issuance> items = page.items().stream().map(IssuanceStore::issuance).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && items.size() == limit
                ? encode(str(page.lastEvaluatedKey(), "gsi1sk")) : null;
        return new Page(items, next);
    }

    /**
     * The archive over business days {@code from}..{@code to}, newest first, filtered, a page at a time. The cursor names
     * the month and the position in it.
     */
    public Page inPeriod(LocalDate from, LocalDate to, Filter filter, String cursor, int limit) {
        List<Issuance> out = new ArrayList<>();
        YearMonth first = YearMonth.from(from);
        YearMonth month = YearMonth.from(to);
        String after = null;
        if (cursor != null) {
            String decoded = decode(cursor);
            int bar = decoded.indexOf('|');
            if (bar < 0) {
                throw ProblemException.invalidField("cursor", "not a cursor this API gave out");
            }
            month = YearMonth.parse(decoded.substring(0, bar));
            after = decoded.substring(bar + 1);
        }
        for (; !month.isBefore(first); month = month.minusMonths(1), after = null) {
            Map<String, AttributeValue> start = after == null || after.equals("~") ? null : Map.of("gsi2pk", s("MONTH#" + month),
                    "gsi2sk", s(after), "pk", s("ISSUE#" + idOf(after)), "sk", s("ISSUE"));
            QueryRequest.Builder q = query(month, from, to, filter);
            while (true) {
                var page = ddb.query(q.exclusiveStartKey(start).limit(limit - out.size()).build());
                page.items().forEach(i -> out.add(issuance(i)));
                boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
                if (out.size() >= limit) {
                    if (more) {
                        return new Page(out, encode(month + "|" + str(page.lastEvaluatedKey(), "gsi2sk")));
                    }
                    YearMonth earlier = month.minusMonths(1);
                    return new Page(out, earlier.isBefore(first) ? null : encode(earlier + "|~"));
                }
                if (!more) {
                    break;
                }
                start = page.lastEvaluatedKey();
            }
        }
        return new Page(out, null);
    }

    /** Every issuance of the period that passes the filter, oldest month first (for totals and exports). */
    public void forEachInPeriod(LocalDate from, LocalDate to, Filter filter, Consumer<Issuance> each) {
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            ddb.queryPaginator(query(month, from, to, filter).build()).items().forEach(i -> each.accept(issuance(i)));
        }
    }

    private QueryRequest.Builder query(YearMonth month, LocalDate from, LocalDate to, Filter filter) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        values.put(":m", s("MONTH#" + month));
        List<String> conditions = new ArrayList<>();
        conditions.add("#day BETWEEN :from AND :to");
        names.put("#day", "day");
        values.put(":from", s(from.toString()));
        values.put(":to", s(to.toString()));
        String[][] fields = {{"type", filter.type()}, {"status", filter.status()}, {"ruleId", filter.ruleId()},
                {"budgetId", filter.budgetId()}, {"itemId", filter.itemId()}, {"trigger", filter.trigger()}};
        for (String[] f : fields) {
            if (f[1] != null) {
                names.put("#" + f[0], f[0]);
                values.put(":" + f[0], s(f[1]));
                conditions.add("#" + f[0] + " = :" + f[0]);
            }
        }
        return QueryRequest.builder().tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :m")
                .filterExpression(String.join(" AND ", conditions)).expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false);
    }

    /** Ids of live issuances whose validity ends on {@code day}. */
    public List<String> expiringOn(LocalDate day) {
        List<String> ids = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression("expiresOn = :d")
                .expressionAttributeValues(Map.of(":d", s(day.toString())))).items()
                .forEach(i -> ids.add(str(i, "pk").substring("ISSUE#".length())));
        return ids;
    }

    /** The member's live count in a limit window (for the member's page: what they can still redeem). */
    public long limitCount(String memberId, String itemId, String window) {
        var item = ddb.getItem(b -> b.tableName(table).key(limitKey(memberId, itemId, window)).consistentRead(true)).item();
        return item == null ? 0 : num(item, "n");
    }

    static Map<String, AttributeValue> causeKey(String cause) {
        return com.fanops.platform.dynamo.Items.key("CAUSE#" + cause, "CAUSE");
    }

    static Map<String, AttributeValue> recordKey(String issuanceId) {
        return com.fanops.platform.dynamo.Items.key("ISSUE#" + issuanceId, "ISSUE");
    }

    static Map<String, AttributeValue> limitKey(String memberId, String itemId, String window) {
        return com.fanops.platform.dynamo.Items.key("MEMBER#" + memberId, "LIMIT#" + itemId + "#" + window);
    }

    static Map<String, AttributeValue> ruleKey(String memberId, String ruleId) {
        return com.fanops.platform.dynamo.Items.key("MEMBER#" + memberId, "RULE#" + ruleId);
    }

    private static String idOf(String gsiSk) {
        return gsiSk.substring(gsiSk.lastIndexOf('#') + 1);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.matches("(\\d{4}-\\d{2}\\|)?(~|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z#r_[0-9a-f]{32})")) {
                throw new IllegalArgumentException("cursor");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this API gave out");
        }
    }

    private static Map<String, AttributeValue> item(Issuance is) {
        Map<String, AttributeValue> item = new HashMap<>(recordKey(is.issuanceId()));
        put(item, "memberId", is.memberId());
        put(item, "itemId", is.itemId());
        put(item, "type", is.type().key());
        item.put("catalogueVersion", n(is.catalogueVersion()));
        put(item, "trigger", is.trigger());
        put(item, "ruleId", is.ruleId());
        put(item, "cause", is.cause());
        put(item, "causeEventId", is.causeEventId());
        put(item, "budgetId", is.budgetId());
        item.put("cost", n(is.cost()));
        item.put("pointsPrice", n(is.pointsPrice()));
        item.put("points", n(is.points()));
        item.put("cashAmount", n(is.cashAmount()));
        put(item, "codePoolId", is.codePoolId());
        put(item, "code", is.code());
        put(item, "status", is.status().key());
        put(item, "issuedAt", is.issuedAt().toString());
        put(item, "day", is.day().toString());
        put(item, "statusAt", is.statusAt().toString());
        if (is.expiresOn() != null && is.status().live()) {
            put(item, "expiresOn", is.expiresOn().toString());
        }
        if (is.expiresOn() != null) {
            put(item, "validUntil", is.expiresOn().toString());
        }
        if (is.consent() != null) {
            put(item, "consentPurpose", is.consent().purpose());
            item.put("consentVersion", n(is.consent().noticeVersion()));
            put(item, "consentAt", is.consent().givenAt().toString());
        }
        put(item, "actor", is.actor());
        put(item, "reason", is.reason());
        put(item, "locale", is.locale());
        put(item, "limitWindows", String.join(",", is.limitWindows()));
        item.put("ruleCapped", AttributeValue.fromBool(is.ruleCapped()));
        item.put("limitedStock", AttributeValue.fromBool(is.limitedStock()));
        put(item, "spendEntryId", is.spendEntryId());
        put(item, "creditEntryId", is.creditEntryId());
        put(item, "approvalId", is.approvalId());
        put(item, "allocationId", is.allocationId());
        String sort = is.issuedAt() + "#" + is.issuanceId();
        item.put("gsi1pk", s("MEMBER#" + is.memberId()));
        item.put("gsi1sk", s(sort));
        item.put("gsi2pk", s("MONTH#" + YearMonth.from(is.day())));
        item.put("gsi2sk", s(sort));
        return item;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    static Issuance issuance(Map<String, AttributeValue> i) {
        String windows = str(i, "limitWindows");
        ConsentBasis consent = str(i, "consentPurpose") == null ? null
                : new ConsentBasis(str(i, "consentPurpose"), (int) num(i, "consentVersion"), Instant.parse(str(i, "consentAt")));
        return new Issuance(str(i, "pk").substring("ISSUE#".length()), str(i, "memberId"), str(i, "itemId"),
                RewardType.parse(str(i, "type")), (int) num(i, "catalogueVersion"), str(i, "trigger"), str(i, "ruleId"), str(i, "cause"),
                str(i, "causeEventId"), str(i, "budgetId"), num(i, "cost"), num(i, "pointsPrice"), num(i, "points"), num(i, "cashAmount"),
                str(i, "codePoolId"), str(i, "code"), IssuanceStatus.of(str(i, "status")).orElseThrow(), Instant.parse(str(i, "issuedAt")),
                date(i, "day"), Instant.parse(str(i, "statusAt")), date(i, "validUntil"), consent, str(i, "actor"), str(i, "reason"),
                str(i, "locale"), windows == null || windows.isEmpty() ? List.of() : Arrays.asList(windows.split(",")),
                bool(i, "ruleCapped"), bool(i, "limitedStock"), str(i, "spendEntryId"), str(i, "creditEntryId"), str(i, "approvalId"),
                str(i, "allocationId"));
    }

    private static boolean bool(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }
}
