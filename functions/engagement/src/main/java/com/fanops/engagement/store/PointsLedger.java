package com.fanops.engagement.store;

import com.fanops.engagement.domain.PointsExpired;
import com.fanops.engagement.domain.PointsExpiring;
import static com.fanops.platform.dynamo.Items.failed;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.events.EventOutbox;
import com.fanops.engagement.domain.LotAllocation;
import com.fanops.engagement.domain.PointsAdjustment;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.platform.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Points as lots: each business day's points form a lot (the member's day item) that expires {@code lotMonths}
 * later. Entries - earn and reverse (written by the scorer), spend, adjust, expire - are timeline records, never
 * edited. Spending takes the soonest-expiring lots first; every lot it touches is decremented under the
 * condition that it still holds enough, in one transaction with the entry, so concurrent spends can fail and
 * retry but never take a lot - or the balance - below zero.
 */
public final class PointsLedger {

    public static final String SOURCE = "fanops.points";

    /** A spend or adjustment, as written. */
    public record Entry(String entryId, String kind, long points, Map<String, Long> lots, Instant at, boolean repeated) {
    }

    public static final class InsufficientPointsException extends RuntimeException {
        private final long balance;

        public InsufficientPointsException(long balance) {
            super("balance " + balance + " is too small");
            this.balance = balance;
        }

        public long balance() {
            return balance;
        }
    }

    /** Concurrent spends of one member conflict on a lot's condition; each retry reads the lots again. */
    private static final Retry CONFLICTS = Retry.of(30, Duration.ofMillis(2), Duration.ofMillis(100));

    private final DynamoDbClient ddb;
    private final String table;
    private final InteractionStore days;
    private final EventOutbox outbox;
    private final ZoneId zone;
    private final Clock clock;

    public PointsLedger(DynamoDbClient ddb, String table, InteractionStore days, EventOutbox outbox, ZoneId zone, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.days = days;
        this.outbox = outbox;
        this.zone = zone;
        this.clock = clock;
    }

    public List<MemberDay> lots(String memberId, LocalDate today) {
        return LotAllocation.usable(days.days(memberId, today.minusYears(10), today), today);
    }

    public long balance(String memberId, LocalDate today) {
        return LotAllocation.balance(lots(memberId, today));
    }

    /**
     * Spends points, soonest-expiring lots first. {@code entryId} makes it idempotent: the same id spends once and
     * answers the first result again.
     */
    public Entry spend(String memberId, long points, String entryId, String reason, String actor) {
        return take(memberId, points, entryId, "spend", reason, actor);
    }

    /** A staff correction: positive adds a lot today (not counted as earned for tiers); negative takes like a spend. */
    public Entry adjust(String memberId, long delta, String entryId, String reason, String actor, int rulesVersion, int lotMonths) {
        if (!PointsAdjustment.withinBounds(delta)) {
            throw new IllegalArgumentException("points: a non-zero whole number from -" + PointsAdjustment.MAX_POINTS + " to "
                    + PointsAdjustment.MAX_POINTS);
        }
        if (delta < 0) {
            return take(memberId, -delta, entryId, "adjust", reason, actor);
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<String, Long> lot = Map.of(today.toString(), delta);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(InteractionStore.dayKey(memberId, today))
                .updateExpression("ADD rem :d, adj :d SET expiresOn = if_not_exists(expiresOn, :exp)")
                .expressionAttributeValues(Map.of(":d", n(delta), ":exp", s(today.plusMonths(lotMonths).toString()))).build()).build());
        writes.addAll(entry(memberId, entryId, "adjust", delta, lot, reason, actor, now, rulesVersion));
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
            return new Entry(entryId, "adjust", delta, lot, now, false);
        } catch (TransactionCanceledException cancelled) {
            if (failed(cancelled.cancellationReasons(), 1)) {
                return previous(memberId, entryId);
            }
            throw cancelled;
        }
    }

    private Entry take(String memberId, long points, String entryId, String kind, String reason, String actor) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive");
        }
        return CONFLICTS.get("spend of " + entryId, () -> {
            Instant now = clock.instant();
            LocalDate today = now.atZone(zone).toLocalDate();
            LotAllocation.Plan plan = LotAllocation.plan(days.days(memberId, today.minusYears(10), today), today, points);
            if (plan.refused()) {
                Entry done = previousOrNull(memberId, entryId);
                if (done != null) {
                    return Optional.of(done);
                }
                throw new InsufficientPointsException(plan.balance());
            }
            if (plan.takes().size() > 98) {
                throw new IllegalStateException("a spend may touch at most 98 lots");
            }
            Map<String, Long> taken = new LinkedHashMap<>();
            List<TransactWriteItem> writes = new ArrayList<>();
            for (LotAllocation.Take take : plan.takes()) {
                taken.put(take.lot().toString(), take.points());
                writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(InteractionStore.dayKey(memberId, take.lot()))
                        .updateExpression("ADD rem :neg").conditionExpression("rem >= :x AND expiresOn > :today")
                        .expressionAttributeValues(Map.of(":neg", n(-take.points()), ":x", n(take.points()), ":today", s(today.toString())))
                        .build()).build());
            }
            int lotWrites = writes.size();
            writes.addAll(entry(memberId, entryId, kind, -points, taken, reason, actor, now, 0));
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return Optional.of(new Entry(entryId, kind, -points, taken, now, false));
            } catch (TransactionCanceledException cancelled) {
                if (failed(cancelled.cancellationReasons(), lotWrites)) {
                    return Optional.of(previous(memberId, entryId));
                }
                return Optional.empty(); // a lot changed under us (a concurrent spend): read the lots again
            }
        });
    }

    /** The idempotency marker ({@code SPEND#<entryId>}) and the ledger entry, both written once. */
    private List<TransactWriteItem> entry(String memberId, String entryId, String kind, long points, Map<String, Long> lots,
                                          String reason, String actor, Instant at, int rulesVersion) {
        String sk = "L#" + Timeline.stamp(at) + "#" + kind + "#" + entryId;
        String lotList = String.join(",", lots.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
        Map<String, AttributeValue> marker = new HashMap<>(key("MEMBER#" + memberId, "SPEND#" + entryId));
        marker.put("entrySk", s(sk));
        Map<String, AttributeValue> item = new HashMap<>(key("MEMBER#" + memberId, sk));
        item.put("kind", s(kind));
        item.put("entryId", s(entryId));
        item.put("points", n(points));
        item.put("lots", s(lotList));
        item.put("reason", s(reason));
        item.put("actor", s(actor));
        item.put("at", s(at.toString()));
        item.put("rulesVersion", n(rulesVersion));
        return List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker).conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
    }

    private Entry previous(String memberId, String entryId) {
        Entry e = previousOrNull(memberId, entryId);
        if (e == null) {
            throw new IllegalStateException("entry marker without entry: " + entryId);
        }
        return e;
    }

    private Entry previousOrNull(String memberId, String entryId) {
        var marker = ddb.getItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "SPEND#" + entryId)).consistentRead(true));
        if (!marker.hasItem() || marker.item().isEmpty()) {
            return null;
        }
        var entry = ddb.getItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, marker.item().get("entrySk").s())).consistentRead(true)).item();
        Map<String, Long> lots = new LinkedHashMap<>();
        String list = str(entry, "lots");
        if (list != null && !list.isEmpty()) {
            for (String part : list.split(",")) {
                String[] kv = part.split(":");
                lots.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new Entry(entryId, str(entry, "kind"), num(entry, "points"), lots, Instant.parse(str(entry, "at")), true);
    }

    /**
     * Expires what remains of every lot whose expiry day has come (looking back a week, so a missed run catches
     * up), one transaction per lot with its entry and {@code PointsExpired}. Returns the points expired.
     */
    public long expire(LocalDate today) {
        long total = 0;
        for (LocalDate d = today.minusDays(7); !d.isAfter(today); d = d.plusDays(1)) {
            for (Map<String, AttributeValue> k : expiringOn(d)) {
                Map<String, AttributeValue> lot = ddb.getItem(b -> b.tableName(table).key(k).consistentRead(true)).item();
                long rem = num(lot, "rem");
                if (rem <= 0) {
                    continue;
                }
                String memberId = str(lot, "pk").substring("MEMBER#".length());
                LocalDate lotDay = LocalDate.parse(str(lot, "sk").substring(4));
                Instant now = clock.instant();
                EventOutbox.Staged event = outbox.stage(SOURCE, new PointsExpired(memberId, rem, lotDay, d));
                List<TransactWriteItem> writes = new ArrayList<>();
                writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(k)
                        .updateExpression("ADD rem :neg, exp :r").conditionExpression("rem = :r")
                        .expressionAttributeValues(Map.of(":neg", n(-rem), ":r", n(rem))).build()).build());
                writes.addAll(entry(memberId, "expire-" + lotDay, "expire", -rem, Map.of(lotDay.toString(), rem), "lot expired", "system", now, 0));
                writes.add(outbox.write(event));
                try {
                    ddb.transactWriteItems(b -> b.transactItems(writes));
                    outbox.flush(List.of(event));
                    total += rem;
                } catch (TransactionCanceledException changed) {
                    // spent or expired meanwhile; the next run looks again
                }
            }
        }
        return total;
    }

    /** Publishes {@code PointsExpiring} once per lot that expires {@code warningDays} from today and still holds points. */
    public int warnExpiring(LocalDate today, int warningDays) {
        int sent = 0;
        LocalDate target = today.plusDays(warningDays);
        for (LocalDate d = target.minusDays(7); !d.isAfter(target); d = d.plusDays(1)) {
            for (Map<String, AttributeValue> k : expiringOn(d)) {
                Map<String, AttributeValue> lot = ddb.getItem(b -> b.tableName(table).key(k).consistentRead(true)).item();
                long rem = num(lot, "rem");
                if (rem <= 0 || lot.containsKey("warned") || !d.isAfter(today)) {
                    continue;
                }
                String memberId = str(lot, "pk").substring("MEMBER#".length());
                LocalDate lotDay = LocalDate.parse(str(lot, "sk").substring(4));
                EventOutbox.Staged event = outbox.stage(SOURCE, new PointsExpiring(memberId, rem, lotDay, d));
                try {
                    ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(Update.builder().tableName(table).key(k)
                            .updateExpression("SET warned = :today").conditionExpression("attribute_not_exists(warned)")
                            .expressionAttributeValues(Map.of(":today", s(today.toString()))).build()).build(), outbox.write(event)));
                    outbox.flush(List.of(event));
                    sent++;
                } catch (TransactionCanceledException already) {
                    // warned by a concurrent run
                }
            }
        }
        return sent;
    }

    private List<Map<String, AttributeValue>> expiringOn(LocalDate day) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression("expiresOn = :d")
                        .expressionAttributeValues(Map.of(":d", s(day.toString())))).items()
                .forEach(i -> keys.add(Map.of("pk", i.get("pk"), "sk", i.get("sk"))));
        return keys;
    }
}
