package com.fanops.metrics.store;

import com.fanops.metrics.domain.MemberFact;
import com.fanops.metrics.domain.MemberMetricState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.members.domain.MemberKind;
import com.fanops.testing.LocalDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The member facts against DynamoDB Local through the real store: random member lives (joins of every kind, standing
 * changes, exits, an erasure after leaving, a pending member erased before admission) delivered in random orders, with
 * redeliveries (same event id) and re-publications (same content, new id), leave every member in the state the events
 * describe in their true order, and every counter (COUNTS per day, DIST) equal to the sum over those states.
 */
class MemberFactsOrderTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] CATEGORIES = {"potential", "regular", "active", "core"};
    private static final String[] TIERS = {"bronze", "silver", "gold", "diamond"};
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static LocalDynamo dynamo;

    @BeforeContainer
    static void start() {
        dynamo = LocalDynamo.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        dynamo.close();
    }

    /** An event as delivered: its envelope id and what it says. */
    record Delivery(String eventId, String detailType, MemberFact fact) {
    }

    @Property(tries = 20)
    void anyOrderWithRepeatsGivesTheStatesAndCountersTheEventsDescribe(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int members) {
        Random random = new Random(seed);
        String table = "Metrics" + TABLES.incrementAndGet();
        dynamo.client().createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        MemberFacts facts = new MemberFacts(dynamo.client(), table, Clock.fixed(T0, ZoneOffset.UTC), new CapacityMeter());

        List<Delivery> inOrder = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            inOrder.addAll(life("m_" + m, random));
        }
        Map<String, MemberMetricState> expected = new TreeMap<>();
        for (Delivery d : inOrder) {
            String id = d.fact().memberId();
            expected.put(id, d.fact().applyTo(expected.getOrDefault(id, MemberMetricState.unknown(id))));
        }

        List<Delivery> deliveries = new ArrayList<>(inOrder);
        for (Delivery d : inOrder) {
            int r = random.nextInt(6);
            if (r == 0) {
                deliveries.add(d); // redelivered (Lambda retry): same id
            } else if (r == 1) {
                deliveries.add(new Delivery("re-" + d.eventId(), d.detailType(), d.fact())); // published again by the outbox relay
            }
        }
        Collections.shuffle(deliveries, random);
        deliveries.forEach(d -> facts.apply(d.eventId(), d.detailType(), d.fact()));

        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<String, Long> distribution = new TreeMap<>();
        expected.forEach((id, s) -> {
            assertEquals(s, facts.member(id).orElseThrow().withRev(s.rev()), "member " + id);
            if (s.community()) {
                counts.computeIfAbsent(s.joinDay(), d -> new long[2])[0]++;
                if (s.exited()) {
                    counts.computeIfAbsent(s.exitDay(), d -> new long[2])[1]++;
                }
            }
            if (s.current()) {
                distribution.merge("cat_" + s.category(), 1L, Long::sum);
                distribution.merge("tier_" + s.tier(), 1L, Long::sum);
            }
        });
        Map<String, Long> stored = new TreeMap<>(facts.distribution());
        stored.remove("pk");
        stored.values().removeIf(v -> v == 0);
        assertEquals(distribution, stored, "DIST");
        Map<LocalDate, List<Long>> storedCounts = new TreeMap<>();
        dynamo.client().query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("COUNTS"))))
                .items().forEach(i -> {
                    long joins = i.containsKey("joins") ? Long.parseLong(i.get("joins").n()) : 0;
                    long exits = i.containsKey("exits") ? Long.parseLong(i.get("exits").n()) : 0;
                    if (joins != 0 || exits != 0) {
                        storedCounts.put(LocalDate.parse(i.get("sk").s()), List.of(joins, exits));
                    }
                });
        Map<LocalDate, List<Long>> expectedCounts = new TreeMap<>();
        counts.forEach((day, c) -> expectedCounts.put(day, List.of(c[0], c[1])));
        assertEquals(expectedCounts, storedCounts, "COUNTS");
    }

    /** One member's events in their true order. */
    private static List<Delivery> life(String id, Random random) {
        List<Delivery> events = new ArrayList<>();
        Instant joinedAt = T0.plus(Duration.ofHours(random.nextInt(24 * 20)));
        boolean admitted = random.nextInt(8) != 0; // otherwise: pending, then erased before any admission
        MemberKind kind = random.nextInt(4) == 0 ? (random.nextBoolean() ? MemberKind.STAFF : MemberKind.TEST) : MemberKind.MEMBER;
        if (admitted) {
            events.add(new Delivery(id + "-join", "MemberJoined", new MemberFact.Joined(id, day(joinedAt), kind, random.nextBoolean())));
        }
        long revision = 0;
        int category = 0;
        int tier = 0;
        for (int i = random.nextInt(5); i > 0; i--) {
            revision++;
            boolean both = random.nextInt(3) == 0;
            if (both || random.nextBoolean()) {
                int to = (category + 1 + random.nextInt(3)) % 4;
                events.add(new Delivery(id + "-cat" + revision, "CategoryChanged",
                        new MemberFact.CategoryMoved(id, CATEGORIES[category], CATEGORIES[to], revision)));
                category = to;
            }
            if (both || random.nextBoolean()) {
                int to = (tier + 1 + random.nextInt(3)) % 4;
                events.add(new Delivery(id + "-tier" + revision, "TierChanged", new MemberFact.TierMoved(id, TIERS[tier], TIERS[to], revision)));
                tier = to;
            }
        }
        Instant at = joinedAt.plus(Duration.ofHours(1 + random.nextInt(24 * 10)));
        if (!admitted || random.nextBoolean()) {
            String to = admitted ? (random.nextBoolean() ? "left" : "removed") : "erased";
            events.add(new Delivery(id + "-exit", "MemberStatusChanged", new MemberFact.StatusChanged(id, to, at, day(at))));
            if (admitted && random.nextBoolean()) {
                Instant erased = at.plus(Duration.ofHours(1 + random.nextInt(24 * 5)));
                events.add(new Delivery(id + "-erased", "MemberStatusChanged", new MemberFact.StatusChanged(id, "erased", erased, day(erased))));
            }
        } else if (random.nextBoolean()) {
            events.add(new Delivery(id + "-muted", "MemberStatusChanged", new MemberFact.StatusChanged(id, "muted", at, day(at))));
        }
        return events;
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }
}
