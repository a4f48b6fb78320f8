package com.fanops.engagement.store;

import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.testing.LocalDynamo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The acceptance property, against DynamoDB Local through the real store: random interaction sets - capped
 * types, purchases, partial refunds, referrals over several business days - applied in random orders with
 * redeliveries give identical days (score inputs and points lots) and identical ledgers.
 */
class OrderIndependenceTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final AtomicInteger MEMBERS = new AtomicInteger();
    private static LocalDynamo dynamo;
    private static InteractionStore store;

    @BeforeContainer
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
    }

    @AfterContainer
    static void stop() throws Exception {
        dynamo.close();
    }

    record Spec(int id, InteractionType type, long offsetSeconds, int amount, int refundOf) {
    }

    @Provide
    Arbitrary<List<Spec>> events() {
        Arbitrary<InteractionType> types = Arbitraries.of(InteractionType.LIKE, InteractionType.LIKE, InteractionType.CHECK_IN,
                InteractionType.COMMENT, InteractionType.SHARE, InteractionType.PURCHASE, InteractionType.PURCHASE,
                InteractionType.REFUND, InteractionType.REFERRAL_JOINED, InteractionType.UNFOLLOW);
        Arbitrary<Spec> one = Combinators.combine(types, Arbitraries.longs().between(0, Duration.ofDays(3).toSeconds()),
                Arbitraries.integers().between(1, 500), Arbitraries.integers().between(0, 1000))
                .as((type, offset, amount, pick) -> new Spec(0, type, offset, amount, pick));
        return one.list().ofMaxSize(45);
    }

    @Property(tries = 25)
    void theSameEventsInAnyOrderGiveTheSameDaysAndLedger(@ForAll("events") List<Spec> specs, @ForAll long seed) {
        List<Interaction> a = interactions(specs, "m_" + Integer.toHexString(0x1000 + MEMBERS.incrementAndGet()));
        List<Interaction> b = interactions(specs, "m_" + Integer.toHexString(0x1000 + MEMBERS.incrementAndGet()));
        Random random = new Random(seed);
        List<Interaction> shuffled = causal(shuffle(b, random));
        List<Interaction> redelivered = new ArrayList<>(shuffled);
        redelivered.addAll(shuffled.subList(0, shuffled.size() / 3));
        a.forEach(e -> store.apply(e, RULES));
        redelivered.forEach(e -> store.apply(e, RULES));
        String ma = a.isEmpty() ? null : a.get(0).memberId();
        String mb = b.isEmpty() ? null : b.get(0).memberId();
        if (ma == null) {
            return;
        }
        LocalDate from = LocalDate.parse("2026-04-30");
        LocalDate to = LocalDate.parse("2026-05-05");
        assertEquals(store.days(ma, from, to), store.days(mb, from, to), "days: engagement weight, counts and points lots");
        Instant at = T0.plus(Duration.ofDays(10));
        assertEquals(Engagement.score(store.days(ma, from, to), at, ZONE, 30), Engagement.score(store.days(mb, from, to), at, ZONE, 30));
        assertEquals(ledger(ma), ledger(mb), "ledger entries: kind, lot and points");
    }

    /** Events of one member; a refund refers to an earlier purchase (none: it becomes a comment). */
    private static List<Interaction> interactions(List<Spec> specs, String member) {
        List<Interaction> out = new ArrayList<>();
        List<Integer> purchases = new ArrayList<>();
        Map<Integer, Integer> refundable = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Instant at = T0.plusSeconds(s.offsetSeconds());
            InteractionType type = s.type();
            BigDecimal amount = null;
            String ref = null;
            if (type == InteractionType.PURCHASE) {
                amount = BigDecimal.valueOf(s.amount());
                purchases.add(i);
                refundable.put(i, s.amount());
            } else if (type == InteractionType.REFUND) {
                if (purchases.isEmpty()) {
                    type = InteractionType.COMMENT;
                } else {
                    int p = purchases.get(s.refundOf() % purchases.size());
                    int left = refundable.get(p);
                    if (left == 0) {
                        type = InteractionType.COMMENT;
                    } else {
                        int refund = Math.max(1, Math.min(left, s.amount() / 2));
                        refundable.put(p, left - refund);
                        amount = BigDecimal.valueOf(refund);
                        ref = "e" + p;
                        Instant purchaseAt = out.get(p).occurredAt();
                        at = at.isBefore(purchaseAt) ? purchaseAt : at;
                    }
                }
            }
            out.add(new Interaction("app-" + member, "e" + i, member, type, at, amount, amount == null ? null : "CNY", null, ref));
        }
        return out;
    }

    private static List<Interaction> shuffle(List<Interaction> events, Random random) {
        List<Interaction> copy = new ArrayList<>(events);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** The ingestion API refuses a refund whose purchase was not applied yet: move each refund after its purchase. */
    private static List<Interaction> causal(List<Interaction> events) {
        List<Interaction> out = new ArrayList<>();
        List<Interaction> waiting = new ArrayList<>(events);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Interaction e = it.next();
                boolean ready = e.refEventId() == null || out.stream().anyMatch(o -> o.eventId().equals(e.refEventId()));
                if (ready) {
                    out.add(e);
                    it.remove();
                }
            }
        }
        return out;
    }

    /** The ledger as a sorted list of "type lot points outcome" - which of two same-day likes was capped may differ, the entries may not. */
    private static List<String> ledger(String member) {
        List<String> entries = new ArrayList<>();
        var items = dynamo.client().query(q -> q.tableName("InteractionsTable").keyConditionExpression("pk = :pk AND begins_with(sk, :l)")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MEMBER#" + member),
                        ":l", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("L#")))).items();
        items.forEach(i -> entries.add(i.get("type").s() + " " + (i.containsKey("lot") ? i.get("lot").s() : "-") + " "
                + i.get("points").n() + " " + i.get("outcome").s() + (i.get("type").s().equals("purchase") || i.get("type").s().equals("refund")
                ? " " + i.get("eventId").s() : "")));
        Collections.sort(entries);
        return entries;
    }
}
