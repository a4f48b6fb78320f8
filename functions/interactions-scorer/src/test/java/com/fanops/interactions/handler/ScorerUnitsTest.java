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
 * Capacity units per batch as the scorer logs them, against DynamoDB Local: with the standing summary, evaluating a
 * member's standing reads nothing - the summary's one UpdateItem answers it - so a batch's reads are its members'
 * statuses alone; a member seen for the first time (no summary yet) reads their days once and builds it.
 */
class ScorerUnitsTest {

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
    void aBatchOfTenMembersReadsOnlyTheirStatusesOnceTheirSummariesExist() throws Exception {
        List<Interaction> first = new ArrayList<>();
        List<Interaction> second = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            String id = "m_units" + m;
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#" + id),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(id), "status", AttributeValue.fromS("active"))));
            first.add(new Interaction("wechat", "u1-" + m, id, InteractionType.COMMENT, T0, null, null, null, null));
            second.add(new Interaction("wechat", "u2-" + m, id, InteractionType.LIKE, T0.plusSeconds(5), null, null, null, null));
        }
        JsonNode building = scored(first);
        assertEquals(10.0, building.path("standingReadUnits").asDouble(), "no summary yet: each member's days read once (one Query, 1 unit)");

        JsonNode summarized = scored(second);
        System.out.println("batch of 10 members with summaries: " + summarized);
        assertEquals(0.0, summarized.path("standingReadUnits").asDouble(), "the standing and its summary come back with the restatement");
        assertEquals(0.0, summarized.path("dayReadUnits").asDouble());
        assertEquals(summarized.path("statusReadUnits").asDouble(), summarized.path("readUnits").asDouble(), "only the statuses are read");
        assertEquals(10.0, summarized.path("standingWriteUnits").asDouble(), "one restatement (1 unit, a small item) per member");
        assertEquals(10.0, summarized.path("factWriteUnits").asDouble(), "each member-day's fact restates the day's points: one write");
    }
}
