package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.core.json.Json;
import com.fanops.interactions.Interaction;
import com.fanops.interactions.InteractionStore;
import com.fanops.interactions.InteractionType;
import com.fanops.interactions.ScoringPolicy;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The scorer against DynamoDB Local: every batch is delivered twice and nothing doubles. */
class ScorerHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final ScoringPolicy POLICY = ScoringPolicy.defaults(ZoneId.of("Asia/Shanghai"));
    private static LocalDynamo dynamo;
    private static ScorerHandler scorer;
    private static InteractionStore store;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        scorer = new ScorerHandler(dynamo.client(), "InteractionsTable", "MembersTable", POLICY, Clock.fixed(T0, ZoneOffset.UTC));
        store = new InteractionStore(dynamo.client(), "InteractionsTable");
        for (String[] m : new String[][] {{"m_a1", "active"}, {"m_b2", "active"}, {"m_c3", "left"}}) {
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#" + m[0]),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(m[0]), "status", AttributeValue.fromS(m[1]))));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static SQSEvent batch(List<Interaction> interactions) throws Exception {
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

    @Test
    void aBatchDeliveredTwiceScoresOnce() throws Exception {
        var events = List.of(of("e1", "m_a1", InteractionType.COMMENT, T0), of("e2", "m_a1", InteractionType.EVENT_ATTENDED, T0));
        assertEquals(0, scorer.handleRequest(batch(events), null).getBatchItemFailures().size());
        double once = store.unscaledScore("m_a1").orElseThrow();
        assertEquals(0, scorer.handleRequest(batch(events), null).getBatchItemFailures().size());
        assertEquals(once, store.unscaledScore("m_a1").orElseThrow(), once * 1e-12);
        double expected = POLICY.contribution(InteractionType.COMMENT, POLICY.businessDay(T0))
                + POLICY.contribution(InteractionType.EVENT_ATTENDED, POLICY.businessDay(T0));
        assertEquals(expected, once, expected * 1e-12);
        assertEquals(11.0, POLICY.scoreAt(once, POLICY.businessDay(T0).atStartOfDay(POLICY.zone()).toInstant()), 1e-9,
                "comment 3 + event attended 8, as of that day");
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
        double twenty = 20 * POLICY.contribution(InteractionType.LIKE, POLICY.businessDay(T0));
        assertEquals(twenty, store.unscaledScore("m_b2").orElseThrow(), twenty * 1e-12);
        assertEquals("capped", store.event("wechat", "like-24").orElseThrow().get("outcome").s());
    }

    @Test
    void interactionsOfMembersWhoLeftAreSkippedNotScored() throws Exception {
        scorer.handleRequest(batch(List.of(of("gone-1", "m_c3", InteractionType.SHARE, T0))), null);
        assertTrue(store.unscaledScore("m_c3").isEmpty());
        assertEquals("skipped:left", store.event("wechat", "gone-1").orElseThrow().get("outcome").s());
    }
}
