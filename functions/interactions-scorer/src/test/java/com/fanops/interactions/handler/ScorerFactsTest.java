package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scorer's metrics facts ({@code ACT#<day>/<member>}) against DynamoDB Local: one small write per member-day
 * transition, the same items whatever is delivered twice, repaired after a crash between the claim and the fact.
 */
class ScorerFactsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final LocalDate DAY = T0.atZone(ZONE).toLocalDate();
    private static LocalDynamo dynamo;
    private static ScorerHandler scorer;
    private static InteractionStore store;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        scorer = new ScorerHandler(dynamo.client(), "InteractionsTable", "MembersTable", "ConfigTable", "MetricsTable",
                new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.engagement.domain"), clock),
                ZONE, Duration.ZERO, clock);
        store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static void member(String id, String status, String kind) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("pk", AttributeValue.fromS("MEMBER#" + id),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(id), "status", AttributeValue.fromS(status)));
        if (kind != null) {
            item.put("kind", AttributeValue.fromS(kind));
        }
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(item));
    }

    private static Interaction of(String id, String member, InteractionType type, Instant at) {
        return new Interaction("wechat", id, member, type, at, null, null, null, null);
    }

    private static Interaction purchase(String id, String member, Instant at, String amount) {
        return new Interaction("shop", id, member, InteractionType.PURCHASE, at, new BigDecimal(amount), "CNY", null, null);
    }

    /** Every ACT item of a day: member -> flags, as the daily job reads them. */
    private static Map<String, Map<String, String>> facts(LocalDate day) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        dynamo.client().query(b -> b.tableName("MetricsTable").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ACT#" + day)))).items().forEach(i -> {
                    Map<String, String> flags = new TreeMap<>();
                    i.forEach((k, v) -> {
                        if (!k.equals("pk") && !k.equals("sk")) {
                            flags.put(k, v.n());
                        }
                    });
                    out.put(i.get("sk").s(), flags);
                });
        return out;
    }

    private static Map<String, String> facts(LocalDate day, String member) {
        return facts(day).getOrDefault(member, Map.of());
    }

    /** Runs batches and returns the scorer's "batch scored" log lines. */
    private static List<JsonNode> scoreLogged(List<List<Interaction>> batches) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (List<Interaction> batch : batches) {
                assertEquals(0, scorer.handleRequest(ScorerHandlerTest.batch(batch), null).getBatchItemFailures().size());
            }
        } finally {
            Log.redirect(System.out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"batch scored\"")) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        return lines;
    }

    private static double sum(List<JsonNode> lines, String field) {
        return lines.stream().mapToDouble(l -> l.path(field).asDouble()).sum();
    }

    @Test
    void aBatchDeliveredTwiceGivesTheSameFacts() throws Exception {
        member("m_twice", "active", null);
        member("m_unf", "active", null);
        var events = List.of(of("t-1", "m_twice", InteractionType.COMMENT, T0), purchase("t-2", "m_twice", T0.plusSeconds(5), "88"),
                of("t-3", "m_twice", InteractionType.FOLLOW, T0.plusSeconds(9)), of("t-4", "m_unf", InteractionType.UNFOLLOW, T0),
                of("t-5", "m_twice", InteractionType.LIKE, T0.plusSeconds(12)));
        scorer.handleRequest(ScorerHandlerTest.batch(events), null);
        var once = facts(DAY);
        scorer.handleRequest(ScorerHandlerTest.batch(events), null);
        List<Interaction> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        scorer.handleRequest(ScorerHandlerTest.batch(reversed), null);
        assertEquals(once, facts(DAY), "redeliveries restate, never add");
        assertEquals(Map.of("a", "1", "p", "1", "f", "1", "pts", "97"), once.get("m_twice"), "the day's points: 3 + 88 + 5 + 1");
        assertEquals(Map.of("u", "1"), once.get("m_unf"), "an unfollow alone is no active day, but it is a fact");
    }

    @Test
    void aCrashBetweenTheClaimAndTheFactIsRepairedByTheRedelivery() throws Exception {
        member("m_crash", "active", null);
        Interaction p = purchase("c-1", "m_crash", T0, "120");
        store.apply(p, EngagementRules.defaults()); // the claim and its counters are written, then the process died
        assertEquals(Map.of(), facts(DAY, "m_crash"), "no fact yet");
        scorer.handleRequest(ScorerHandlerTest.batch(List.of(p)), null); // SQS delivers again
        assertEquals(Map.of("a", "1", "p", "1", "pts", "120"), facts(DAY, "m_crash"));
    }

    @Test
    void refundsCappedEventsMembersWhoLeftStaffAndPendingSignUpsWriteNoFact() throws Exception {
        member("m_refund", "active", null);
        member("m_gone", "left", null);
        member("m_staffer", "active", "staff");
        member("m_tester", "active", "test");
        member("m_waiting", "pending", null);
        LocalDate next = DAY.plusDays(1);
        Instant t1 = T0.plus(Duration.ofDays(1));
        scorer.handleRequest(ScorerHandlerTest.batch(List.of(purchase("r-1", "m_refund", T0, "100"))), null);
        scorer.handleRequest(ScorerHandlerTest.batch(List.of(new Interaction("shop", "r-2", "m_refund", InteractionType.REFUND, t1,
                new BigDecimal("40"), "CNY", null, "r-1"), of("g-1", "m_gone", InteractionType.SHARE, t1),
                of("s-1", "m_staffer", InteractionType.COMMENT, t1), of("s-2", "m_tester", InteractionType.LIKE, t1),
                of("w-1", "m_waiting", InteractionType.COMMENT, t1))), null);
        assertEquals(Map.of(), facts(next),
                "a refund day is not active; skipped members, excluded accounts and sign-ups pending admission write nothing");
        assertEquals(Map.of("a", "1", "p", "1", "pts", "100"), facts(DAY, "m_refund"), "points issued: a refund reverses, it does not unissue");

        member("m_cap", "active", null);
        List<Interaction> checkIns = List.of(of("k-1", "m_cap", InteractionType.CHECK_IN, t1), of("k-2", "m_cap", InteractionType.CHECK_IN, t1));
        List<JsonNode> logged = scoreLogged(List.of(checkIns));
        assertEquals(1.0, sum(logged, "factWriteUnits"), "the capped second check-in writes no fact");
        assertEquals(Map.of("a", "1", "pts", "5"), facts(next, "m_cap"));
    }

    @Test
    void fiveLikesOfAMemberDayWriteTheFactOnce() throws Exception {
        member("m_likes", "active", null);
        List<Interaction> likes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            likes.add(of("l-" + i, "m_likes", InteractionType.LIKE, T0.plusSeconds(i)));
        }
        // In one batch the fact is written once; spread over three, once per batch (the day's points grew in each).
        List<JsonNode> oneBatch = scoreLogged(List.of(likes));
        assertEquals(1.0, sum(oneBatch, "factWriteUnits"));
        member("m_likes2", "active", null);
        List<Interaction> spread = likes.stream().map(l -> of(l.eventId(), "m_likes2", l.type(), l.occurredAt())).toList();
        List<JsonNode> threeBatches = scoreLogged(List.of(spread.subList(0, 2), spread.subList(2, 4), spread.subList(4, 5)));
        assertEquals(3.0, sum(threeBatches, "factWriteUnits"));
        assertEquals(Map.of("a", "1", "pts", "5"), facts(DAY, "m_likes"));
        assertEquals(Map.of("a", "1", "pts", "5"), facts(DAY, "m_likes2"));
        double with = sum(oneBatch, "writeUnits") / 5;
        double without = (sum(oneBatch, "writeUnits") - sum(oneBatch, "factWriteUnits")) / 5;
        System.out.printf("write units per event, 5 likes of one member-day: %.2f with the facts, %.2f without%n", with, without);
        assertEquals(0.2, with - without, 1e-9, "one unit spread over the day's five events");
    }

    @Test
    void writeUnitsPerEventWithAndWithoutTheFactsOnAMixedDay() throws Exception {
        // 20 members, 10 interactions each on one day, of the kinds channels send most (likes, comments, shares, a
        // check-in), with a follow for every other member and a purchase for every fifth.
        List<Interaction> all = new ArrayList<>();
        InteractionType[] mix = {InteractionType.LIKE, InteractionType.LIKE, InteractionType.COMMENT, InteractionType.LIKE,
                InteractionType.SHARE, InteractionType.CHECK_IN, InteractionType.LIKE, InteractionType.VOTE, InteractionType.COMMENT,
                InteractionType.LIKE};
        for (int m = 0; m < 20; m++) {
            String id = "m_mix" + m;
            member(id, "active", null);
            for (int i = 0; i < 10; i++) {
                InteractionType type = i == 9 && m % 2 == 0 ? InteractionType.FOLLOW : mix[i];
                all.add(i == 8 && m % 5 == 0 ? purchase("x-" + m + "-" + i, id, T0.plusSeconds(i), "50")
                        : of("x-" + m + "-" + i, id, type, T0.plusSeconds(60L * i)));
            }
        }
        java.util.Collections.shuffle(all, new java.util.Random(7));
        List<List<Interaction>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 10) {
            batches.add(all.subList(i, i + 10));
        }
        List<JsonNode> logged = scoreLogged(batches);
        double factUnits = sum(logged, "factWriteUnits");
        // One write per member-day and batch: every event here earns points, so each batch restates its member-days' points
        // (and turns on the flags its events opened) in that one write.
        long expected = batches.stream().mapToLong(b -> b.stream().map(Interaction::memberId).distinct().count()).sum();
        assertEquals(expected, factUnits, "one per member-day and batch");
        assertEquals(20, facts(DAY).keySet().stream().filter(k -> k.startsWith("m_mix")).count());
        double with = sum(logged, "writeUnits") / all.size();
        double without = (sum(logged, "writeUnits") - factUnits) / all.size();
        System.out.printf("write units per event, 200 events of 20 member-days: %.3f with the facts, %.3f without%n", with, without);
        assertEquals((double) expected / all.size(), with - without, 1e-9, "one unit per member-day and batch, spread over its events");
    }
}
