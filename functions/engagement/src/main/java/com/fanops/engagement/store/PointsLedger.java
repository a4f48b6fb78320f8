package com.fanops.engagement.store;

import com.fanops.engagement.domain.PointsExpired;
import com.fanops.engagement.domain.PointsExpiring;
import static com.fanops.platform.dynamo.Items.failed;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.jobs.ShardKeys;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
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
    /** The daily job's expiry and warnings report their units here (the job logs them per shard). */
    private final CapacityMeter meter;

    public PointsLedger(DynamoDbClient ddb, String table, InteractionStore days, EventOutbox outbox, ZoneId zone, Clock clock) {
        this(ddb, table, days, outbox, zone, clock, new CapacityMeter());
    }

    public PointsLedger(DynamoDbClient ddb, String table, InteractionStore days, EventOutbox outbox, ZoneId zone, Clock clock,
                        CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.days = days;
        this.outbox = outbox;
        this.zone = zone;
        this.clock = clock;
        this.meter = meter;
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
            Prepared plan;
            try {
                plan = prepareTake(memberId, points, entryId, kind, reason, actor);
            } catch (InsufficientPointsException short_) {
                Entry done = previousOrNull(memberId, entryId);
                if (done != null) {
                    return Optional.of(done);
                }
                throw short_;
            }
            try {
                ddb.transactWriteItems(b -> b.transactItems(plan.writes()));
                return Optional.of(plan.entry());
            } catch (TransactionCanceledException cancelled) {
                if (failed(cancelled.cancellationReasons(), plan.markerIndex())) {
                    return Optional.of(previous(memberId, entryId));
                }
                return Optional.empty(); // a lot changed under us (a concurrent spend): read the lots again
            }
        });
    }

    /**
     * Ledger writes planned against the lots as read now, for a caller that commits them in a transaction of its own
     * (a reward redemption takes points, inventory and its archive record in one step). The writes are, in order: one
     * conditional update per lot touched ({@code lotWrites} of them; a failed condition means a lot changed - read
     * again), the idempotency marker at {@code markerIndex} (a failed condition means this entry was written before),
     * then the entry.
     */
    public record Prepared(Entry entry, List<TransactWriteItem> writes, int lotWrites) {

        public int markerIndex() {
            return lotWrites;
        }
    }

    /** The most lots one take may touch: with its marker and entry, a 100-item transaction's worth. */
    public static final int MAX_LOTS_PER_TAKE = 98;

    /**
     * Plans taking {@code points} from the member's lots, soonest-expiring first ({@link LotAllocation}); each lot is
     * decremented under {@code rem >= x} and only while it has not expired. Throws {@link InsufficientPointsException}
     * when the usable balance is short.
     */
    public Prepared prepareTake(String memberId, long points, String entryId, String kind, String reason, String actor) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive");
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        LotAllocation.Plan plan = LotAllocation.plan(days.days(memberId, today.minusYears(10), today), today, points);
        if (plan.refused()) {
            throw new InsufficientPointsException(plan.balance());
        }
        if (plan.takes().size() > MAX_LOTS_PER_TAKE) {
            throw new IllegalStateException("a spend may touch at most " + MAX_LOTS_PER_TAKE + " lots");
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
        writes.addAll(entry(memberId, entryId, kind, -points, taken, reason, actor, now, 0, Map.of()));
        return new Prepared(new Entry(entryId, kind, -points, taken, now, false), List.copyOf(writes), lotWrites);
    }

    /**
     * Plans giving back what an earlier take ({@code takenEntryId}) took, each point to the lot it came from with that
     * lot's original expiry ({@link LotAllocation#returns}): to its remaining points while the lot is usable, else to its
     * expired points at once (recorded, never a new lot). The entry ({@code kind}, e.g. {@code restore}) counts only the
     * points that are spendable again, so the balance still equals the sum of the ledger. Writes: the lot updates, the
     * marker at {@code markerIndex} (failed condition: restored before), the entry. Empty when nothing was taken.
     */
    public Optional<Prepared> prepareRestore(String memberId, String takenEntryId, String entryId, String kind, String reason, String actor) {
        Entry taken = previousOrNull(memberId, takenEntryId);
        if (taken == null || taken.lots().isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<LocalDate, Long> lots = new LinkedHashMap<>();
        taken.lots().forEach((day, x) -> lots.put(LocalDate.parse(day), x));
        LocalDate first = lots.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = lots.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        Map<LocalDate, LocalDate> expiries = new HashMap<>();
        days.days(memberId, first, last).forEach(d -> {
            if (d.expiresOn() != null) {
                expiries.put(d.day(), d.expiresOn());
            }
        });
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, Long> live = new LinkedHashMap<>();
        Map<String, Long> expired = new LinkedHashMap<>();
        for (LotAllocation.Return r : LotAllocation.returns(lots, expiries, today)) {
            (r.expired() ? expired : live).put(r.lot().toString(), r.points());
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(InteractionStore.dayKey(memberId, r.lot()))
                    .updateExpression(r.expired() ? "ADD exp :x" : "ADD rem :x").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":x", n(r.points()))).build()).build());
        }
        int lotWrites = writes.size();
        long back = live.values().stream().mapToLong(Long::longValue).sum();
        Map<String, AttributeValue> extra = new HashMap<>();
        extra.put("restores", s(takenEntryId));
        if (!expired.isEmpty()) {
            extra.put("expiredOnReturn", s(lotList(expired)));
        }
        writes.addAll(entry(memberId, entryId, kind, back, live, reason, actor, now, 0, extra));
        return Optional.of(new Prepared(new Entry(entryId, kind, back, live, now, false), List.copyOf(writes), lotWrites));
    }

    /**
     * Plans a credit of {@code points} as today's lot (not counted as earned for tiers; kept apart as {@code rwd}), with its
     * marker and entry: writes are the lot update, the marker (index 1: failed condition means credited before), the entry.
     */
    public Prepared prepareCredit(String memberId, long points, String entryId, String kind, String reason, String actor, int lotMonths) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive");
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<String, Long> lot = Map.of(today.toString(), points);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(InteractionStore.dayKey(memberId, today))
                .updateExpression("ADD rem :d, rwd :d SET expiresOn = if_not_exists(expiresOn, :exp)")
                .expressionAttributeValues(Map.of(":d", n(points), ":exp", s(today.plusMonths(lotMonths).toString()))).build()).build());
        writes.addAll(entry(memberId, entryId, kind, points, lot, reason, actor, now, 0, Map.of()));
        return new Prepared(new Entry(entryId, kind, points, lot, now, false), List.copyOf(writes), 1);
    }

    /** The entry written under {@code entryId}, if any (a take, credit or restore). */
    public Optional<Entry> entry(String memberId, String entryId) {
        return Optional.ofNullable(previousOrNull(memberId, entryId));
    }

    private static String lotList(Map<String, Long> lots) {
        return String.join(",", lots.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    /** The idempotency marker ({@code SPEND#<entryId>}) and the ledger entry, both written once. */
    private List<TransactWriteItem> entry(String memberId, String entryId, String kind, long points, Map<String, Long> lots,
                                          String reason, String actor, Instant at, int rulesVersion) {
        return entry(memberId, entryId, kind, points, lots, reason, actor, at, rulesVersion, Map.of());
    }

    private List<TransactWriteItem> entry(String memberId, String entryId, String kind, long points, Map<String, Long> lots,
                                          String reason, String actor, Instant at, int rulesVersion, Map<String, AttributeValue> extra) {
        String sk = "L#" + Timeline.stamp(at) + "#" + kind + "#" + entryId;
        String lotList = lotList(lots);
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
        item.putAll(extra);
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
        return expire(today, Shard.whole());
    }

    /** {@link #expire(LocalDate)} for the members of one shard of a fanned-out run. */
    public long expire(LocalDate today, Shard shard) {
        long total = 0;
        for (LocalDate d = today.minusDays(7); !d.isAfter(today); d = d.plusDays(1)) {
            for (Map<String, AttributeValue> k : expiringOn(d, shard)) {
                Map<String, AttributeValue> lot = lot(k);
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
                    meter.write(ddb.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                            .consumedCapacity());
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
        return warnExpiring(today, warningDays, Shard.whole());
    }

    /** {@link #warnExpiring(LocalDate, int)} for the members of one shard of a fanned-out run. */
    public int warnExpiring(LocalDate today, int warningDays, Shard shard) {
        int sent = 0;
        LocalDate target = today.plusDays(warningDays);
        for (LocalDate d = target.minusDays(7); !d.isAfter(target); d = d.plusDays(1)) {
            for (Map<String, AttributeValue> k : expiringOn(d, shard)) {
                Map<String, AttributeValue> lot = lot(k);
                long rem = num(lot, "rem");
                if (rem <= 0 || lot.containsKey("warned") || !d.isAfter(today)) {
                    continue;
                }
                String memberId = str(lot, "pk").substring("MEMBER#".length());
                LocalDate lotDay = LocalDate.parse(str(lot, "sk").substring(4));
                EventOutbox.Staged event = outbox.stage(SOURCE, new PointsExpiring(memberId, rem, lotDay, d));
                try {
                    meter.write(ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(Update.builder().tableName(table).key(k)
                            .updateExpression("SET warned = :today").conditionExpression("attribute_not_exists(warned)")
                            .expressionAttributeValues(Map.of(":today", s(today.toString()))).build()).build(), outbox.write(event))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
                    outbox.flush(List.of(event));
                    sent++;
                } catch (TransactionCanceledException already) {
                    // warned by a concurrent run
                }
            }
        }
        return sent;
    }

    /** The lots expiring on the day of the shard's members: the index's sort key is {@code MEMBER#id}, so a key range. */
    private List<Map<String, AttributeValue>> expiringOn(LocalDate day, Shard shard) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", s(day.toString())));
        String condition = ShardKeys.condition("expiresOn = :d", "pk", "MEMBER#", shard, values);
        for (var page : ddb.queryPaginator(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression(condition)
                .expressionAttributeValues(values).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            meter.read(page.consumedCapacity());
            page.items().stream().filter(i -> shard.contains(i.get("pk").s().substring("MEMBER#".length())))
                    .forEach(i -> keys.add(Map.of("pk", i.get("pk"), "sk", i.get("sk"))));
        }
        return keys;
    }

    private Map<String, AttributeValue> lot(Map<String, AttributeValue> key) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return answer.item();
    }
}
