package com.fanops.metrics.handler;

import static com.fanops.core.dynamo.Items.key;
import static com.fanops.core.dynamo.Items.n;
import static com.fanops.core.dynamo.Items.s;
import static com.fanops.core.dynamo.Items.str;

import com.fanops.core.dynamo.CapacityMeter;
import com.fanops.core.dynamo.Items;
import com.fanops.interactions.EngagementRules;
import com.fanops.interactions.Interaction;
import com.fanops.interactions.InteractionStore;
import com.fanops.interactions.InteractionType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A test-only writer of the metrics facts, following docs/metrics.md item by item, until the real writers (the
 * scorer's hook and the metrics-events function) exist. Interactions go through the real {@link InteractionStore}
 * (claims, caps, points lots - what the scorer does), skipped for members who have left as the scorer skips them;
 * the ACT flags are then set. Member events are applied once each (a duplicate delivery finds its claim taken).
 */
final class DocumentedFacts implements FactWriter {

    private static final Set<String> ENDED = Set.of("left", "removed", "erased");

    private final DynamoDbClient ddb;
    private final String metrics;
    private final String members;
    private final InteractionStore interactions;
    private final EngagementRules rules = EngagementRules.defaults();
    private final ZoneId zone;

    DocumentedFacts(DynamoDbClient ddb, String metricsTable, String interactionsTable, String membersTable, ZoneId zone) {
        this.ddb = ddb;
        this.metrics = metricsTable;
        this.members = membersTable;
        this.interactions = new InteractionStore(ddb, interactionsTable, zone, new CapacityMeter());
        this.zone = zone;
    }

    @Override
    public void deliver(RawLog.Delivery delivery) {
        Object event = delivery.event();
        if (event instanceof RawLog.Join j) {
            join(j);
        } else if (event instanceof RawLog.Exit e) {
            exit(e);
        } else if (event instanceof RawLog.StandingChange c) {
            standing(c);
        } else if (event instanceof RawLog.Act a) {
            interaction(a.interaction());
        }
    }

    private LocalDate day(java.time.Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private void join(RawLog.Join j) {
        LocalDate day = day(j.at());
        boolean community = "member".equals(j.kind());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(Map.of("pk", s("JOIN#" + day), "sk", s(j.memberId()), "kind", s(j.kind())), true));
        writes.add(put(Map.of("pk", s("MEMBER#" + j.memberId()), "sk", s("M"), "joinDay", s(day.toString()), "kind", s(j.kind()),
                "category", s("potential"), "tier", s("bronze")), true));
        if (community) {
            writes.add(update(key("COUNTS", day.toString()), "ADD joins :one", Map.of(":one", n(1)), Map.of()));
            writes.add(update(key("DIST", "CURRENT"), "ADD cat_potential :one, tier_bronze :one", Map.of(":one", n(1)), Map.of()));
        } else {
            writes.add(put(Map.of("pk", s("XCL"), "sk", s(j.memberId()), "kind", s(j.kind())), false));
        }
        transact(writes);
    }

    private void exit(RawLog.Exit e) {
        Map<String, AttributeValue> m = member(e.memberId());
        if (m == null || m.containsKey("exitDay")) {
            return; // unknown, or this exit was applied already
        }
        LocalDate day = day(e.at());
        String joinDay = str(m, "joinDay");
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(Map.of("pk", s("EXIT#" + day), "sk", s(e.memberId()), "joinDay", s(joinDay), "to", s(e.to())), true));
        writes.add(update(key("JOIN#" + joinDay, e.memberId()), "SET exitDay = :d", Map.of(":d", s(day.toString())), Map.of()));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(metrics).key(key("MEMBER#" + e.memberId(), "M"))
                .updateExpression("SET exitDay = :d").conditionExpression("attribute_not_exists(exitDay)")
                .expressionAttributeValues(Map.of(":d", s(day.toString()))).build()).build());
        if ("member".equals(str(m, "kind"))) {
            writes.add(update(key("COUNTS", day.toString()), "ADD exits :one", Map.of(":one", n(1)), Map.of()));
            writes.add(update(key("DIST", "CURRENT"), "ADD #c :neg, #t :neg", Map.of(":neg", n(-1)),
                    Map.of("#c", "cat_" + str(m, "category"), "#t", "tier_" + str(m, "tier"))));
        }
        transact(writes);
    }

    private void standing(RawLog.StandingChange c) {
        Map<String, AttributeValue> m = member(c.memberId());
        if (m == null || m.containsKey("exitDay") || !c.from().equals(str(m, c.dimension()))) {
            return; // a duplicate (already applied), or a member no longer counted
        }
        String prefix = c.dimension().equals("category") ? "cat_" : "tier_";
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(metrics).key(key("MEMBER#" + c.memberId(), "M"))
                .updateExpression("SET #d = :to").conditionExpression("#d = :from").expressionAttributeNames(Map.of("#d", c.dimension()))
                .expressionAttributeValues(Map.of(":to", s(c.to()), ":from", s(c.from()))).build()).build());
        if ("member".equals(str(m, "kind"))) {
            writes.add(update(key("DIST", "CURRENT"), "ADD #f :neg, #t :one", Map.of(":neg", n(-1), ":one", n(1)),
                    Map.of("#f", prefix + c.from(), "#t", prefix + c.to())));
        }
        transact(writes);
    }

    private void interaction(Interaction e) {
        var profile = ddb.getItem(b -> b.tableName(members).key(key("MEMBER#" + e.memberId(), "PROFILE"))).item();
        String status = profile == null ? null : str(profile, "status");
        if (status == null || ENDED.contains(status)) {
            if (status != null) {
                interactions.skip(e, rules, status);
            }
            return;
        }
        InteractionStore.Applied applied = interactions.apply(e, rules);
        if (applied.outcome() != InteractionStore.Outcome.COUNTED && applied.outcome() != InteractionStore.Outcome.DUPLICATE) {
            return;
        }
        List<String> flags = new ArrayList<>();
        if (rules.weight(e.type()) > 0) {
            flags.add("a");
        }
        if (e.type() == InteractionType.PURCHASE) {
            flags.add("p");
        }
        if (e.type() == InteractionType.FOLLOW) {
            flags.add("f");
        }
        if (e.type() == InteractionType.UNFOLLOW) {
            flags.add("u");
        }
        if (flags.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        flags.forEach(f -> names.put("#" + f, f));
        String set = "SET " + String.join(", ", flags.stream().map(f -> "#" + f + " = :one").toList());
        ddb.updateItem(b -> b.tableName(metrics).key(key("ACT#" + applied.day(), e.memberId())).updateExpression(set)
                .expressionAttributeNames(names).expressionAttributeValues(Map.of(":one", n(1))));
    }

    private Map<String, AttributeValue> member(String memberId) {
        var item = ddb.getItem(b -> b.tableName(metrics).key(key("MEMBER#" + memberId, "M")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, boolean once) {
        Put.Builder put = Put.builder().tableName(metrics).item(item);
        if (once) {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, Map<String, AttributeValue> values,
                                     Map<String, String> names) {
        Update.Builder u = Update.builder().tableName(metrics).key(key).updateExpression(expression).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            u.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(u.build()).build();
    }

    private void transact(List<TransactWriteItem> writes) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException cancelled) {
            if (!Items.failed(cancelled.cancellationReasons(), 0)) {
                throw cancelled;
            }
            // the claim (first item) is taken: a duplicate delivery
        }
    }
}
