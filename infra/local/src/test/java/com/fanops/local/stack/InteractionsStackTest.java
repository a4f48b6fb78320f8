package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Interactions through the local runtime: API (channel key) -> SQS -> scorer -> DynamoDB -> admin API; a batch with one
 * bad event refused whole (nothing queued); sent twice and redelivered; and the scorer's process killed mid-batch. The metrics facts (active member-days, the join)
 * come out exact in both.
 */
@Tag("e2e")
class InteractionsStackTest {

    @TempDir
    Path work;

    private static String signUp(FixtureStack stack, String phone) throws Exception {
        JsonNode notices = SimpleHttp.JSON.readTree(stack.send(HttpRequest.newBuilder(stack.api("/v1/notices")).build()).body());
        int membership = notices.path("notices").get(0).path("version").asInt();
        HttpResponse<String> joined = stack.postJson("/v1/members", "{\"nickname\":\"Fan\",\"phone\":\"" + phone + "\",\"region\":\"Suzhou\","
                + "\"channel\":\"douyin\",\"consents\":[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":" + membership + "}]}");
        assertEquals(201, joined.statusCode(), joined.body());
        return SimpleHttp.JSON.readTree(joined.body()).path("memberId").asText();
    }

    private static int timelineCount(FixtureStack stack, String memberId) {
        return stack.dynamoDb.query(b -> b.tableName("InteractionsTable").keyConditionExpression("pk = :pk AND begins_with(sk, :l)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MEMBER#" + memberId), ":l", AttributeValue.fromS("L#")))
                .select(Select.COUNT).consistentRead(true)).count();
    }

    private static Map<String, AttributeValue> metricsItem(FixtureStack stack, String pk, String sk) {
        Map<String, AttributeValue> item = stack.dynamoDb.getItem(b -> b.tableName("MetricsTable")
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Test
    void theSameEventsSentTwiceAndRedeliveredAreScoredOnce() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            String admin = stack.signIn("admin");
            HttpResponse<String> key = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/channel-keys"))
                    .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"douyin\",\"name\":\"brand account\"}")).build());
            assertEquals(201, key.statusCode(), key.body());
            String apiKey = SimpleHttp.JSON.readTree(key.body()).path("apiKey").asText();
            String memberId = signUp(stack, "13600136000");

            String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            String good = "{\"eventId\":\"d-1\",\"memberId\":\"" + memberId + "\",\"type\":\"share\",\"occurredAt\":\"" + at + "\"},"
                    + "{\"eventId\":\"d-2\",\"memberId\":\"" + memberId + "\",\"type\":\"comment\",\"occurredAt\":\"" + at + "\"}";
            // All or nothing: an unknown type, a character SQS refuses, an absurd amount - each refuses its whole batch.
            for (String bad : List.of("{\"eventId\":\"d-3\",\"memberId\":\"" + memberId + "\",\"type\":\"wink\",\"occurredAt\":\"" + at + "\"}",
                    "{\"eventId\":\"d-4\",\"memberId\":\"" + memberId + "\",\"type\":\"like\",\"occurredAt\":\"" + at + "\",\"activityId\":\"a\\uffff\"}",
                    "{\"eventId\":\"d-5\",\"memberId\":\"" + memberId + "\",\"type\":\"purchase\",\"occurredAt\":\"" + at + "\",\"amount\":1e30,\"currency\":\"CNY\"}")) {
                HttpResponse<String> refused = stack.send(HttpRequest.newBuilder(stack.api("/v1/interactions")).header("x-api-key", apiKey)
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + good + "," + bad + "]}")).build());
                assertEquals(400, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("events[2]."), refused.body());
            }
            stack.awaitIdle(Duration.ofSeconds(60));
            assertEquals(0, timelineCount(stack, memberId), "nothing of a refused batch was queued or scored");
            String batch = "{\"events\":[" + good + "]}";
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> posted = stack.send(HttpRequest.newBuilder(stack.api("/v1/interactions")).header("x-api-key", apiKey)
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build());
                assertEquals(202, posted.statusCode(), posted.body());
                assertEquals(2, SimpleHttp.JSON.readTree(posted.body()).path("accepted").asInt());
            }
            // A redelivery straight onto the queue, as SQS does after a lost acknowledgement.
            stack.sqs.sendMessage(b -> b.queueUrl(stack.cloud.queueUrl("InteractionsQueue")).messageBody("{\"channel\":\"douyin\",\"eventId\":\"d-1\","
                    + "\"memberId\":\"" + memberId + "\",\"type\":\"SHARE\",\"occurredAt\":\"" + at + "\"}"));

            FixtureStack.await("both interactions recorded", Duration.ofSeconds(40), () -> timelineCount(stack, memberId) == 2);
            stack.awaitIdle(Duration.ofSeconds(60)); // the second batch and the redelivery have gone through
            Instant asked = Instant.now();
            HttpResponse<String> engagement = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/members/" + memberId + "/engagement"))
                    .header("authorization", "Bearer " + admin).build());
            Instant answered = Instant.now();
            assertEquals(200, engagement.statusCode(), engagement.body());
            JsonNode e = SimpleHttp.JSON.readTree(engagement.body());
            assertEquals(8, e.path("balance").asLong(), "share 5 + comment 3 points, once each: " + e);
            // Weight 4 + 3, decayed with the 30-day half-life from the start of the events' business day (up to a day).
            Instant dayStart = Instant.parse(at).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
            double most = 7 * Math.pow(2, -Duration.between(dayStart, asked).toMillis() / (30.0 * 86_400_000));
            double least = 7 * Math.pow(2, -Duration.between(dayStart, answered).toMillis() / (30.0 * 86_400_000));
            double score = e.path("score").asDouble();
            assertTrue(score >= Math.floor(least * 100) / 100 && score <= Math.ceil(most * 100) / 100,
                    "share 4 + comment 3, decayed since " + dayStart + ": between " + least + " and " + most + ", got " + e);
            assertEquals(2, timelineCount(stack, memberId));
            assertEquals(0, stack.sqs.receiveMessage(b -> b.queueUrl(stack.cloud.queueUrl("InteractionsDLQ")).waitTimeSeconds(1))
                    .messages().size(), "nothing failed");
            String day = Instant.parse(at).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
            assertEquals(Map.of("pk", AttributeValue.fromS("ACT#" + day), "sk", AttributeValue.fromS(memberId), "a", AttributeValue.fromN("1"),
                    "pts", AttributeValue.fromN("8")), metricsItem(stack, "ACT#" + day, memberId),
                    "one active member-day fact with the day's points, whatever was sent twice");
            FixtureStack.await("the join in the metrics (MemberJoined -> MetricsEventsFunction)", Duration.ofSeconds(30),
                    () -> metricsItem(stack, "MEMBER#" + memberId, "M") != null);
        }
    }

    @Test
    void killingTheScorerMidBatchLosesAndDoublesNothing() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work,
                Map.of("InteractionsVisibilityTimeout", "5"))) {
            String memberId = signUp(stack, "13600136001");
            String queue = stack.cloud.queueUrl("InteractionsQueue");
            int total = 300;
            Instant now = Instant.now();
            for (int from = 0; from < total; from += 10) {
                // One message per ingestion call, as the API queues them: 30 calls of 10 events.
                List<String> events = new ArrayList<>();
                for (int i = from; i < from + 10; i++) {
                    // 300 comments over 30 days: 10 a day, exactly the daily cap, so every one of them counts.
                    String at = now.minus(Duration.ofDays(i % 30)).minus(Duration.ofMinutes(1 + i)).truncatedTo(ChronoUnit.SECONDS).toString();
                    events.add("{\"channel\":\"app\",\"eventId\":\"k-" + i + "\",\"memberId\":\"" + memberId
                            + "\",\"type\":\"COMMENT\",\"occurredAt\":\"" + at + "\"}");
                }
                stack.sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"events\":[" + String.join(",", events) + "]}"));
            }
            FixtureStack.await("scoring under way", Duration.ofSeconds(60), () -> timelineCount(stack, memberId) >= 20);
            int killed = stack.cloud.lambda().kill("InteractionsScorerFunction");
            int atKill = timelineCount(stack, memberId);
            assertTrue(killed >= 1 && atKill < total, "killed " + killed + " process(es) with " + atKill + " of " + total + " done");

            FixtureStack.await("every interaction recorded", Duration.ofSeconds(120), () -> timelineCount(stack, memberId) == total);
            // Anything still in flight after the kill waits out its visibility timeout, is redelivered and must not change the totals.
            stack.awaitIdle(Duration.ofSeconds(120));
            var days = stack.dynamoDb.query(b -> b.tableName("InteractionsTable").keyConditionExpression("pk = :pk AND begins_with(sk, :d)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MEMBER#" + memberId), ":d", AttributeValue.fromS("DAY#")))
                    .consistentRead(true)).items();
            long earned = days.stream().mapToLong(d -> Long.parseLong(d.get("pts").n())).sum();
            long counted = days.stream().mapToLong(d -> Long.parseLong(d.get("n_comment").n())).sum();
            assertEquals(total, counted, "every comment counted once");
            assertEquals(3L * total, earned, "3 points each, once");
            assertEquals(total, timelineCount(stack, memberId), "one record per interaction");
            for (var d : days) {
                String day = d.get("sk").s().substring("DAY#".length());
                Map<String, AttributeValue> act = metricsItem(stack, "ACT#" + day, memberId);
                assertTrue(act != null && "1".equals(act.get("a").n()), "the active member-day fact of " + day + " survived the kill");
                assertEquals(d.get("pts").n(), act.get("pts").n(), "the fact carries the day's points, neither lost nor doubled: " + day);
            }
            assertEquals(0, stack.sqs.receiveMessage(b -> b.queueUrl(stack.cloud.queueUrl("InteractionsDLQ")).waitTimeSeconds(1))
                    .messages().size(), "nothing dead-lettered");
        }
    }
}
