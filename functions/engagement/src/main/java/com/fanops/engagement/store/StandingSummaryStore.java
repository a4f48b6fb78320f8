package com.fanops.engagement.store;

import static com.fanops.platform.dynamo.Items.dec;
import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.domain.StandingSummary;
import com.fanops.platform.dynamo.CapacityMeter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The standing summary ({@link StandingSummary}) on the member's standing item {@code pk=MEMBER#id, sk=STANDING}, beside
 * the standing's own attributes (which {@link StandingStore} updates without touching these):
 * <pre>
 *   D&lt;epoch day, base 36&gt;  [claims, weight, points, spend, referrals]  an open day, absolute figures, trailing zeros left out
 *   L&lt;epoch day, base 36&gt;  the same, a closed day leaving a window soon after the base
 *   (d&lt;yyyymmdd&gt; / l&lt;yyyymmdd&gt;, full lists: the layout before, still read; a rebuild drops it)
 *   sBase (day), sHl (half-life days), sScore, sPts, sSpend, sRefs: the closed days' totals; sRev (writes); sStale
 * </pre>
 * The scorer restates a day with one UpdateItem that answers the whole item ({@code ALL_NEW}, no read units): the
 * standing and its summary. A day is written under its claim count, which only grows, so a redelivery or an older
 * concurrent writer changes nothing. A rebase names the {@code sRev} it read, so it never drops a day written since.
 */
public final class StandingSummaryStore {

    /** A standing item as read or answered: the standing, its summary, and the summary's revision and day attributes. */
    public record Loaded(Standing standing, StandingSummary summary, long summaryRev, List<String> dayAttributes) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public StandingSummaryStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public Loaded read(String memberId) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "STANDING")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(answer.consumedCapacity());
        return loaded(memberId, answer.hasItem() ? answer.item() : Map.of());
    }

    /**
     * Restates the member's changed days ({@code stale}: a day the summary may hold in its totals changed, e.g. a refund's
     * lot day) and answers the item as it now is. A day already written with as many claims or more is left out.
     */
    public Loaded restate(String memberId, Collection<StandingSummary.Day> days, boolean stale) {
        Map<LocalDate, StandingSummary.Day> pending = new TreeMap<>();
        days.forEach(d -> pending.merge(d.day(), d, (a, b) -> a.claims() >= b.claims() ? a : b));
        while (true) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> sets = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            int i = 0;
            for (StandingSummary.Day d : pending.values()) {
                names.put("#d" + i, openName(d.day()));
                values.put(":d" + i, encode(d));
                values.put(":c" + i, n(d.claims()));
                sets.add("#d" + i + " = :d" + i);
                conditions.add("(attribute_not_exists(#d" + i + ") OR #d" + i + "[0] < :c" + i + ")");
                i++;
            }
            if (stale) {
                sets.add("sStale = :t");
                values.put(":t", AttributeValue.fromBool(true));
            }
            values.put(":one", n(1));
            initialStanding(sets, values);
            String update = "SET " + String.join(", ", sets) + " ADD sRev :one";
            try {
                var answer = ddb.updateItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "STANDING")).updateExpression(update)
                        .conditionExpression(conditions.isEmpty() ? null : String.join(" AND ", conditions))
                        .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                meter.write("summary", answer.consumedCapacity());
                return loaded(memberId, answer.attributes());
            } catch (ConditionalCheckFailedException newer) {
                meter.refusedWrite("summary");
                // Another writer restated some of these days with more claims: leave those out and try again.
                Map<String, AttributeValue> now = newer.hasItem() ? newer.item() : Map.of();
                int before = pending.size();
                pending.values().removeIf(d -> {
                    AttributeValue held = now.get(openName(d.day()));
                    return held != null && held.hasL() && Long.parseLong(held.l().get(0).n()) >= d.claims();
                });
                if (pending.size() == before) {
                    throw newer;
                }
            }
        }
    }

    /** Writes a summary rebuilt from the days, unless the summary was written since {@code read}. */
    public boolean rebase(String memberId, Loaded read, StandingSummary next) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> days = new LinkedHashMap<>();
        next.open().values().forEach(d -> days.put(openName(d.day()), encode(d)));
        next.leaving().values().forEach(d -> days.put("L" + Long.toString(d.day().toEpochDay(), 36), encode(d)));
        Map<String, String> names = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : days.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        values.put(":base", s(next.base().toString()));
        values.put(":hl", n(next.halfLifeDays()));
        values.put(":score", n(new BigDecimal(Double.toString(Math.abs(next.closedScore()) < 1e-100 ? 0 : next.closedScore()))));
        values.put(":pts", n(next.closedPoints()));
        values.put(":spend", n(next.closedSpend()));
        values.put(":refs", n(next.closedReferrals()));
        values.put(":one", n(1));
        sets.addAll(List.of("sBase = :base", "sHl = :hl", "sScore = :score", "sPts = :pts", "sSpend = :spend", "sRefs = :refs"));
        initialStanding(sets, values);
        List<String> removes = new ArrayList<>(List.of("sStale"));
        for (String old : read.dayAttributes()) {
            if (!days.containsKey(old)) {
                names.put("#r" + removes.size(), old);
                removes.add("#r" + removes.size());
            }
        }
        String update = "SET " + String.join(", ", sets) + " REMOVE " + String.join(", ", removes) + " ADD sRev :one";
        String condition = read.summaryRev() == 0 ? "attribute_not_exists(sRev)" : "sRev = :rev";
        if (read.summaryRev() != 0) {
            values.put(":rev", n(read.summaryRev()));
        }
        try {
            var answer = ddb.updateItem(b -> b.tableName(table).key(key("MEMBER#" + memberId, "STANDING")).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
            meter.write("rebuild", answer.consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException written) {
            meter.refusedWrite("rebuild");
            return false;
        }
    }

    /** The member's days from {@code from} to {@code to} with their claim counts, oldest first (one Query, paged). */
    public List<StandingSummary.Day> days(String memberId, LocalDate from, LocalDate to) {
        List<StandingSummary.Day> days = new ArrayList<>();
        var pages = ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":from", s("DAY#" + from), ":to", s("DAY#" + to)))
                .projectionExpression("sk, ids, w, pts, rev, spend, refs").consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        for (var page : pages) {
            meter.read(page.consumedCapacity());
            page.items().forEach(i -> days.add(day(LocalDate.parse(str(i, "sk").substring(4)), i)));
        }
        return days;
    }

    /** A day's summary figures from its day item (as written or answered by an update). */
    public static StandingSummary.Day day(LocalDate day, Map<String, AttributeValue> item) {
        AttributeValue ids = item.get("ids");
        long claims = ids == null || !ids.hasBs() ? 0 : ids.bs().size();
        return new StandingSummary.Day(day, claims, num(item, "w"), Math.subtractExact(num(item, "pts"), num(item, "rev")),
                dec(item, "spend"), num(item, "refs"));
    }

    private static Loaded loaded(String memberId, Map<String, AttributeValue> item) {
        Standing standing = StandingStore.standing(memberId, item);
        SortedMap<LocalDate, StandingSummary.Day> open = new TreeMap<>();
        SortedMap<LocalDate, StandingSummary.Day> leaving = new TreeMap<>();
        List<String> dayAttributes = new ArrayList<>();
        item.forEach((name, v) -> {
            LocalDate day = dayOf(name, v);
            if (day != null) {
                dayAttributes.add(name);
                // Both layouts may hold a day while a summary moves to the compact one: the larger claim count is the later.
                (Character.toLowerCase(name.charAt(0)) == 'd' ? open : leaving).merge(day, decode(day, v),
                        (a, b) -> a.claims() >= b.claims() ? a : b);
            }
        });
        String base = str(item, "sBase");
        boolean stale = base == null || (item.get("sStale") != null && Boolean.TRUE.equals(item.get("sStale").bool()));
        StandingSummary summary = new StandingSummary(base == null ? null : LocalDate.parse(base), (int) num(item, "sHl"),
                item.get("sScore") == null ? 0 : Double.parseDouble(item.get("sScore").n()), num(item, "sPts"), dec(item, "sSpend"),
                num(item, "sRefs"), open, leaving, stale);
        return new Loaded(standing, summary, num(item, "sRev"), dayAttributes);
    }

    /** A standing item always names a category and a tier: the initial ones when the summary writes it first. */
    private static void initialStanding(List<String> sets, Map<String, AttributeValue> values) {
        sets.add("category = if_not_exists(category, :initialCategory)");
        sets.add("tier = if_not_exists(tier, :initialTier)");
        values.put(":initialCategory", s(Category.POTENTIAL.key()));
        values.put(":initialTier", s(Tier.BRONZE.key()));
    }

    /**
     * An open day's attribute: {@code D} and the day's epoch day in base 36 ({@code Dfrk}, 4 bytes; leaving days {@code L}).
     * Before issue 16's write cut they were {@code d<yyyymmdd>} / {@code l<yyyymmdd>} (9 bytes), still read; the next rebuild
     * drops them. With the trailing zeros left out of the figures (below) a year of daily activity stays under 1 KB, so a
     * restatement costs one write unit and a standing change two.
     */
    private static String openName(LocalDate day) {
        return "D" + Long.toString(day.toEpochDay(), 36);
    }

    /** The day a summary attribute holds, in either layout; null for any other attribute. */
    private static LocalDate dayOf(String name, AttributeValue v) {
        if (!v.hasL() || name.length() < 2) {
            return null;
        }
        char kind = name.charAt(0);
        if ((kind == 'd' || kind == 'l') && name.length() == 9 && name.substring(1).chars().allMatch(Character::isDigit)) {
            return LocalDate.of(Integer.parseInt(name.substring(1, 5)), Integer.parseInt(name.substring(5, 7)), Integer.parseInt(name.substring(7, 9)));
        }
        if ((kind == 'D' || kind == 'L') && name.length() <= 5 && name.substring(1).chars().allMatch(c -> Character.isDigit(c) || (c >= 'a' && c <= 'z'))) {
            return LocalDate.ofEpochDay(Long.parseLong(name.substring(1), 36));
        }
        return null;
    }

    /** [claims, weight, points, spend, referrals], trailing zeros left out (claims always kept: the restatement's condition reads it). */
    private static AttributeValue encode(StandingSummary.Day d) {
        List<AttributeValue> figures = new ArrayList<>(List.of(n(d.claims()), n(d.weight()), n(d.points()), n(d.spend()), n(d.referrals())));
        while (figures.size() > 1 && new BigDecimal(figures.get(figures.size() - 1).n()).signum() == 0) {
            figures.remove(figures.size() - 1);
        }
        return AttributeValue.fromL(figures);
    }

    private static StandingSummary.Day decode(LocalDate day, AttributeValue v) {
        List<AttributeValue> l = v.l();
        return new StandingSummary.Day(day, figure(l, 0), figure(l, 1), figure(l, 2), l.size() > 3 ? new BigDecimal(l.get(3).n()) : BigDecimal.ZERO,
                figure(l, 4));
    }

    private static long figure(List<AttributeValue> l, int i) {
        return l.size() > i ? Long.parseLong(l.get(i).n()) : 0;
    }
}
