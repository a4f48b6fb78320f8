package com.fanops.interactions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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
import java.math.BigDecimal;
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
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The interactions benchmark's units without its stack: the same event mix ({@code InteractionsBenchmark}'s types, members
 * drawn at random, times at random over 20 days) scored by the scorer in this JVM against DynamoDB Local, in batches of as
 * many events as there are members (about one event of a member per batch, as the benchmark's batches of 1,000 events over
 * 1,000 members), at one and at five events per member-day. Prints write units per event by kind (BENCH lines); units do
 * not depend on the machine's load, so this gives the pipeline's per-event units when the stack cannot run quietly.
 * Asserts only that every message was scored and that the kinds add up to the total.
 */
@Tag("bench")
class ScorerDensityBenchTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private static final InteractionType[] TYPES = {InteractionType.LIKE, InteractionType.LIKE, InteractionType.LIKE, InteractionType.COMMENT,
        InteractionType.COMMENT, InteractionType.SHARE, InteractionType.VOTE, InteractionType.CHECK_IN, InteractionType.ANSWER, InteractionType.SURVEY,
        InteractionType.EVENT_ATTENDED, InteractionType.CONTENT_SUBMITTED, InteractionType.FOLLOW, InteractionType.PURCHASE};
    private static final int MEMBERS = Integer.getInteger("fanops.bench.members", 40);
    private static final int DAYS = 20;
    private static LocalDynamo dynamo;
    private static ScorerHandler scorer;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scorer = new ScorerHandler(dynamo.client(), "InteractionsTable", "MembersTable", "ConfigTable", "MetricsTable",
                new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.engagement.domain"), clock),
                ZONE, Duration.ZERO, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void onePerMemberDay() throws Exception {
        run("one", 1);
    }

    @Test
    void fivePerMemberDay() throws Exception {
        run("five", 5);
    }

    private static void run(String name, int perMemberDay) throws Exception {
        List<String> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            String id = String.format("m_%s%028x", name.substring(0, 1), m);
            members.add(id);
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(Map.of("pk", AttributeValue.fromS("MEMBER#" + id),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(id), "status", AttributeValue.fromS("active"))));
        }
        int events = MEMBERS * DAYS * perMemberDay;
        Random random = new Random(perMemberDay);
        Map<String, Double> kinds = new TreeMap<>();
        double total = 0;
        double facts = 0;
        double reads = 0;
        for (int from = 0; from < events; from += MEMBERS) {
            List<Interaction> batch = new ArrayList<>();
            for (int i = from; i < Math.min(events, from + MEMBERS); i++) {
                InteractionType type = TYPES[random.nextInt(TYPES.length)];
                Instant at = NOW.minus(Duration.ofMinutes(random.nextInt(60 * 24 * DAYS)));
                String member = members.get(random.nextInt(members.size()));
                batch.add(type == InteractionType.PURCHASE
                        ? new Interaction("shop", name + "-" + i, member, type, at, BigDecimal.valueOf(10 + random.nextInt(500)), "CNY", null, null)
                        : new Interaction("wechat", name + "-" + i, member, type, at, null, null, null, null));
            }
            JsonNode line = scored(batch);
            total += line.path("writeUnits").asDouble();
            facts += line.path("factWriteUnits").asDouble();
            reads += line.path("readUnits").asDouble();
            line.fieldNames().forEachRemaining(f -> {
                if (f.startsWith("w.")) {
                    kinds.merge(f.substring(2), line.path(f).asDouble(), Double::sum);
                }
            });
        }
        double byKind = kinds.values().stream().mapToDouble(Double::doubleValue).sum() + facts;
        assertEquals(total, byKind, 1e-6, "the kinds add up to the batch's write units");
        StringBuilder out = new StringBuilder(String.format("BENCH %s per member-day (%d members, %d days, %d events, batches of %d): "
                + "%.2f write units / event, %.2f read units / event; by kind:", perMemberDay, MEMBERS, DAYS, events, MEMBERS, total / events, reads / events));
        kinds.forEach((k, v) -> out.append(String.format(" %s %.3f", k, v / events)));
        System.out.println(out.append(String.format(" facts %.3f", facts / events)));
    }

    private static JsonNode scored(List<Interaction> batch) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        SQSEvent event = ScorerHandlerTest.batch(batch);
        try {
            assertEquals(0, scorer.handleRequest(event, null).getBatchItemFailures().size());
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
}
