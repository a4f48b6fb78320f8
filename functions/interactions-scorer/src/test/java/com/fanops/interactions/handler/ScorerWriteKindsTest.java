package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/**
 * Where a batch's write units go, by kind of write, as the scorer logs them ({@code w.<kind>}) against DynamoDB Local: the
 * floor of the sparse case (one event per member-day) is the claim, the timeline record and the lot's {@code byExpiry}
 * entry - three units - before the summary's restatement and the metrics fact.
 */
class ScorerWriteKindsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static LocalDynamo dynamo;
    private static ScorerHandler scorer;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        scorer = new ScorerHandler(dynamo.client(), "InteractionsTable", "MembersTable", "ConfigTable", "MetricsTable",
                new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.engagement.domain"), clock),
                ZONE, Duration.ZERO, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static JsonNode scored(List<Interaction> batch) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, scorer.handleRequest(ScorerHandlerTest.batch(batch), null).getBatchItemFailures().size());
        } finally {
            Log.redirect(System.out);
        }
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"batch scored\"")) {
                return Json.mapper().readTree(line);
            }
        }
        throw new AssertionError("no batch log line");
    }

    @Test
    void aMemberDaysFirstEventWritesClaimExpiryEntryTimelineSummaryAndFactAndARedeliveryOnlyRefusedWrites() throws Exception {
        List<Interaction> opening = new ArrayList<>();
        List<Interaction> sameDay = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            String id = "m_kinds" + m;
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#" + id),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(id), "status", AttributeValue.fromS("active"))));
            opening.add(new Interaction("wechat", "k1-" + m, id, InteractionType.COMMENT, T0, null, null, null, null));
            sameDay.add(new Interaction("wechat", "k2-" + m, id, InteractionType.LIKE, T0.plusSeconds(5), null, null, null, null));
        }
        scored(opening); // each member's first batch builds the summary from the days
        JsonNode second = scored(sameDay);
        System.out.println("write units by kind, a member-day's second event: " + second);
        assertEquals(10.0, second.path("w.claim").asDouble(), "one claim (day item update) per event");
        assertEquals(0.0, second.path("w.claimIndex").asDouble(), "the day's byExpiry entry exists already: no index write");
        assertEquals(10.0, second.path("w.timeline").asDouble(), "one timeline record per event");
        assertEquals(10.0, second.path("w.summary").asDouble(), "one restatement per member and batch");

        List<Interaction> nextDay = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            nextDay.add(new Interaction("wechat", "k3-" + m, "m_kinds" + m, InteractionType.LIKE, T0.minus(Duration.ofDays(1)), null, null, null, null));
        }
        JsonNode opened = scored(nextDay);
        System.out.println("write units by kind, a member-day's first event: " + opened);
        assertEquals(10.0, opened.path("w.claimIndex").asDouble(), "a day's first points put the day item on byExpiry: one index write");
        assertEquals(10.0, opened.path("factWriteUnits").asDouble(), "the member-day's metrics fact");
        assertEquals(50.0, opened.path("writeUnits").asDouble(),
                "claim, expiry entry, timeline, restatement and fact: 5 write units an event at one event per member-day");

        JsonNode again = scored(nextDay);
        assertEquals(10.0, again.path("w.claimRefused").asDouble(), "a redelivered claim is refused (1 unit)");
        assertEquals(10.0, again.path("w.timelineRefused").asDouble(), "and so is its timeline record");
        assertEquals(0.0, again.path("w.claim").asDouble());
    }
}
