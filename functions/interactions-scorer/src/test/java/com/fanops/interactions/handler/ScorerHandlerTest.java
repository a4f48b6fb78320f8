package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.engagement.domain.ActivityInteraction;
import com.fanops.platform.json.Json;
import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionBatch;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.CategoryChanged;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import java.math.BigDecimal;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The scorer against DynamoDB Local: batches delivered twice, caps, members who left, a crash between writes. */
class ScorerHandlerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final LocalDate DAY = T0.atZone(ZONE).toLocalDate();
    private static LocalDynamo dynamo;
    private static ScorerHandler scorer;
    private static InteractionStore store;
    private static RecordedEvents bus;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        bus = new RecordedEvents("com.fanops.engagement.domain");
        scorer = new ScorerHandler(dynamo.client(), "InteractionsTable", "MembersTable", "ConfigTable", "MetricsTable",
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, Duration.ZERO, clock);
        store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, new CapacityMeter());
        for (String[] m : new String[][] {{"m_a1", "active"}, {"m_b2", "active"}, {"m_c3", "left"}, {"m_d4", "active"}, {"m_e5", "active"},
                {"m_f6", "active"}, {"m_g7", "active"}, {"m_h8", "active"}, {"m_i9", "active"}, {"m_j10", "active"}}) {
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#" + m[0]),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(m[0]), "status", AttributeValue.fromS(m[1]))));
        }
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#m_staff"),
                "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS("m_staff"), "status", AttributeValue.fromS("active"),
                "kind", AttributeValue.fromS("staff"))));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static SQSEvent batch(List<Interaction> interactions) throws Exception {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Interaction i : interactions) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(i.key());
            m.setBody(Json.mapper().writeValueAsString(i));
            m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:InteractionsQueue");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Interaction of(String id, String member, InteractionType type, Instant at) {
        return new Interaction("wechat", id, member, type, at, null, null, null, null);
    }

    private static double scoreAtDayStart(String member) {
        return Engagement.score(store.days(member, DAY, DAY), DAY.atStartOfDay(ZONE).toInstant(), ZONE, 30);
    }

    @Test
    void aBatchDeliveredTwiceScoresOnce() throws Exception {
        var events = List.of(of("e1", "m_a1", InteractionType.COMMENT, T0), of("e2", "m_a1", InteractionType.EVENT_ATTENDED, T0));
        assertEquals(0, scorer.handleRequest(batch(events), null).getBatchItemFailures().size());
        var once = store.days("m_a1", DAY, DAY);
        assertEquals(0, scorer.handleRequest(batch(events), null).getBatchItemFailures().size());
        assertEquals(once, store.days("m_a1", DAY, DAY));
        assertEquals(11.0, scoreAtDayStart("m_a1"), 1e-9, "comment 3 + event attended 8, as of that day");
        assertEquals(53, once.get(0).earned(), "comment 3 + event attended 50 points");
    }

    @Test
    void onlyACountedInteractionCarryingAnActivityAnnouncesItForTheOnlineCheckIn() throws Exception {
        int before = bus.of(ActivityInteraction.class).size();
        Interaction tagged = new Interaction("wechat", "act-like-1", "m_g7", InteractionType.LIKE, T0, null, null, "act_online1", null);
        Interaction plain = of("act-like-2", "m_g7", InteractionType.LIKE, T0);
        Interaction attended = new Interaction("activities", "attended:act_online1:m_g7", "m_g7", InteractionType.EVENT_ATTENDED, T0,
                null, null, "act_online1", null);
        Interaction gone = new Interaction("wechat", "act-like-3", "m_c3", InteractionType.LIKE, T0, null, null, "act_online1", null);
        scorer.handleRequest(batch(List.of(tagged, plain, attended, gone)), null);
        List<ActivityInteraction> announced = bus.of(ActivityInteraction.class);
        assertEquals(before + 1, announced.size(), "the tagged like only: not the plain one, not the attendance, not a member who left");
        assertEquals(new ActivityInteraction("act_online1", "m_g7", "wechat", "act-like-1", T0), announced.get(announced.size() - 1));
    }

    @Test
    void theDailyCapHoldsAndCappedEventsAreStillRecorded() throws Exception {
        List<Interaction> likes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            likes.add(of("like-" + i, "m_b2", InteractionType.LIKE, T0.plusSeconds(i)));
        }
        scorer.handleRequest(batch(likes.subList(0, 10)), null);
        scorer.handleRequest(batch(likes.subList(10, 25)), null);
        scorer.handleRequest(batch(likes.subList(15, 25)), null);
        assertEquals(20.0, scoreAtDayStart("m_b2"), 1e-9);
        assertEquals(20, store.days("m_b2", DAY, DAY).get(0).earned());
        assertEquals("capped", store.record(likes.get(24)).orElseThrow().get("outcome").s());
    }

    @Test
    void interactionsOfMembersWhoLeftAreSkippedNotScored() throws Exception {
        Interaction gone = of("gone-1", "m_c3", InteractionType.SHARE, T0);
        scorer.handleRequest(batch(List.of(gone)), null);
        assertTrue(store.days("m_c3", DAY, DAY).isEmpty());
        assertEquals("skipped:left", store.record(gone).orElseThrow().get("outcome").s());
    }

    @Test
    void aBatchOfSeveralMembersScoresTheActiveOnesSkipsTheOthersAndFailsOnlyTheUnreadableMessage() throws Exception {
        // Statuses are read once for the whole batch: a member twice, one who left, one unknown, and a broken message.
        SQSEvent event = batch(List.of(of("mix-1", "m_f6", InteractionType.SHARE, T0), of("mix-2", "m_c3", InteractionType.SHARE, T0),
                of("mix-3", "m_nobody", InteractionType.SHARE, T0), of("mix-4", "m_f6", InteractionType.VOTE, T0)));
        SQSEvent.SQSMessage broken = new SQSEvent.SQSMessage();
        broken.setMessageId("broken");
        broken.setBody("{\"memberId\":");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(1, broken);
        event.setRecords(records);

        var failures = scorer.handleRequest(event, null).getBatchItemFailures();
        assertEquals(List.of("broken"), failures.stream().map(f -> f.getItemIdentifier()).toList());
        assertEquals("counted", store.record(of("mix-1", "m_f6", InteractionType.SHARE, T0)).orElseThrow().get("outcome").s());
        assertEquals("counted", store.record(of("mix-4", "m_f6", InteractionType.VOTE, T0)).orElseThrow().get("outcome").s());
        assertEquals("skipped:left", store.record(of("mix-2", "m_c3", InteractionType.SHARE, T0)).orElseThrow().get("outcome").s());
        assertEquals("skipped:unknown", store.record(of("mix-3", "m_nobody", InteractionType.SHARE, T0)).orElseThrow().get("outcome").s());
    }

    @Test
    void aCrashAfterTheClaimLosesAndDoublesNothing() throws Exception {
        Interaction share = of("crash-1", "m_d4", InteractionType.SHARE, T0);
        store.apply(share, EngagementRules.defaults()); // the claim and its effects are written ...
        dynamo.client().deleteItem(b -> b.tableName("InteractionsTable").key(Map.of("pk", AttributeValue.fromS("MEMBER#m_d4"),
                "sk", AttributeValue.fromS(InteractionStore.timelineKey(share))))); // ... and the process died before the record
        scorer.handleRequest(batch(List.of(share)), null); // SQS delivers again
        assertEquals("counted", store.record(share).orElseThrow().get("outcome").s(), "the record is written on redelivery");
        assertEquals(5, store.days("m_d4", DAY, DAY).get(0).earned(), "share points once");
    }

    @Test
    void aBigPurchaseUpgradesTheTierAtOnceAndTheCategoryFollowsEngagement() throws Exception {
        Interaction purchase = new Interaction("shop", "big-1", "m_e5", InteractionType.PURCHASE, T0, new BigDecimal("2500"), "CNY", null, null);
        scorer.handleRequest(batch(List.of(of("c-0", "m_e5", InteractionType.COMMENT, T0.minus(Duration.ofDays(1))))), null);
        assertEquals(List.of(), bus.of(CategoryChanged.class).stream().filter(c -> c.memberId().equals("m_e5")).toList(), "one active day");
        scorer.handleRequest(batch(List.of(purchase, of("c-1", "m_e5", InteractionType.COMMENT, T0))), null);
        scorer.handleRequest(batch(List.of(purchase)), null);
        List<TierChanged> tiers = bus.of(TierChanged.class).stream().filter(t -> t.memberId().equals("m_e5")).toList();
        assertEquals(1, tiers.size(), "one upgrade, published once: " + tiers);
        assertEquals("gold", tiers.get(0).to(), "2,500 points earned");
        List<CategoryChanged> categories = bus.of(CategoryChanged.class).stream().filter(c -> c.memberId().equals("m_e5")).toList();
        assertEquals(List.of("regular"), categories.stream().map(CategoryChanged::to).toList(), "score about 12 on two active days");
    }

    private static SQSEvent.SQSMessage batchMessage(String messageId, List<Interaction> interactions) throws Exception {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setBody(Json.mapper().writeValueAsString(new InteractionBatch(interactions)));
        m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:InteractionsQueue");
        return m;
    }

    private static SQSEvent messages(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static String outcome(Interaction e) {
        return store.record(e).orElseThrow().get("outcome").s();
    }

    @Test
    void aWholeIngestionBatchInOneMessageIsScoredOnceHoweverOftenItIsDelivered() throws Exception {
        List<Interaction> events = List.of(of("b-1", "m_g7", InteractionType.COMMENT, T0), of("b-2", "m_g7", InteractionType.SHARE, T0),
                new Interaction("shop", "b-3", "m_g7", InteractionType.PURCHASE, T0, new BigDecimal("12.34"), "CNY", "spring-sale", null));
        SQSEvent event = messages(batchMessage("one-call", events));
        assertEquals(List.of(), scorer.handleRequest(event, null).getBatchItemFailures());
        var once = store.days("m_g7", DAY, DAY);
        assertEquals(List.of(), scorer.handleRequest(event, null).getBatchItemFailures());
        assertEquals(once, store.days("m_g7", DAY, DAY));
        assertEquals(3 + 5 + 12, once.get(0).earned(), "comment 3, share 5, 12 points for 12.34 CNY");
        events.forEach(e -> assertEquals("counted", outcome(e)));
    }

    @Test
    void anEventNoIngestionCouldAcceptFailsItsMessageAndTheRestOfItIsAppliedOnce() throws Exception {
        Interaction good = of("s-1", "m_h8", InteractionType.VOTE, T0);
        Interaction huge = new Interaction("shop", "s-2", "m_h8", InteractionType.PURCHASE, T0, new BigDecimal("100000015"), "CNY", null, null);
        SQSEvent event = messages(batchMessage("crafted", List.of(good, huge)), batchMessage("fine", List.of(of("s-3", "m_h8", InteractionType.LIKE, T0))));
        for (int delivery = 0; delivery < 2; delivery++) {
            var failures = scorer.handleRequest(event, null).getBatchItemFailures();
            assertEquals(List.of("crafted"), failures.stream().map(f -> f.getItemIdentifier()).toList(), "to the dead-letter queue in the end");
        }
        assertEquals("counted", outcome(good));
        assertTrue(store.record(huge).isEmpty(), "nothing of the crafted purchase is written");
        assertEquals(1 + 1, store.days("m_h8", DAY, DAY).get(0).earned(), "vote and like once each, no purchase points");
    }

    @Test
    void anEventTheRulesNowRefuseIsRecordedAsRejectedAndChangesNothing() throws Exception {
        RulesStore rules = new RulesStore(dynamo.client(), "ConfigTable", Clock.systemUTC(), Duration.ZERO);
        var before = rules.currentVersion();
        EngagementRules d = EngagementRules.defaults();
        Map<String, BigDecimal> max = new java.util.HashMap<>(d.maxAmount());
        max.put("CNY", new BigDecimal("100.00"));
        EngagementRules strict = new EngagementRules(0, null, null, d.weights(), d.dailyCaps(), d.halfLifeDays(), d.points(),
                d.pointsPerUnit(), max, d.maxPointsPerEvent(), d.baseCurrency(), d.lotMonths(), d.expiryWarningDays(), d.categories(),
                d.tiers(), d.tierHoldMonths(), d.downgradeWarningDays());
        var saved = rules.change(strict, before.version(), "admin");
        try {
            // Accepted at the API under the old maximum, scored after the admin lowered it.
            Interaction purchase = new Interaction("shop", "late-1", "m_i9", InteractionType.PURCHASE, T0, new BigDecimal("500"), "CNY", null, null);
            SQSEvent event = messages(batchMessage("late", List.of(purchase, of("late-2", "m_i9", InteractionType.LIKE, T0))));
            assertEquals(List.of(), scorer.handleRequest(event, null).getBatchItemFailures(), "not to the dead-letter queue");
            assertEquals(List.of(), scorer.handleRequest(event, null).getBatchItemFailures());
            assertEquals("rejected:amount", outcome(purchase));
            assertEquals(1, store.days("m_i9", DAY, DAY).get(0).earned(), "the like's point only");
            assertEquals(BigDecimal.ZERO, store.days("m_i9", DAY, DAY).get(0).spend().stripTrailingZeros(), "no spend counted");
        } finally {
            rules.change(EngagementRules.defaults(), saved.version(), "admin");
        }
    }
}
