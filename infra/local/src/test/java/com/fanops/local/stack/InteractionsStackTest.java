package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Interactions through the local runtime: API (channel key) -> SQS -> scorer -> DynamoDB, sent twice and redelivered. */
class InteractionsStackTest {

    @TempDir
    Path work;

    @Test
    void theSameEventsSentTwiceAndRedeliveredAreScoredOnce() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            HttpResponse<String> key = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/channel-keys"))
                    .header("authorization", "Bearer " + stack.signIn("admin")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"douyin\",\"name\":\"brand account\"}")).build());
            assertEquals(201, key.statusCode(), key.body());
            String apiKey = SimpleHttp.JSON.readTree(key.body()).path("apiKey").asText();

            JsonNode notices = SimpleHttp.JSON.readTree(stack.send(HttpRequest.newBuilder(stack.api("/v1/notices")).build()).body());
            int membership = notices.path("notices").get(0).path("version").asInt();
            HttpResponse<String> joined = stack.postJson("/v1/members", "{\"nickname\":\"Fan\",\"phone\":\"13600136000\",\"region\":\"Suzhou\","
                    + "\"channel\":\"douyin\",\"consents\":[{\"purpose\":\"membership\",\"granted\":true,\"noticeVersion\":" + membership + "}]}");
            assertEquals(201, joined.statusCode(), joined.body());
            String memberId = SimpleHttp.JSON.readTree(joined.body()).path("memberId").asText();

            String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            String batch = "{\"events\":[{\"eventId\":\"d-1\",\"memberId\":\"" + memberId + "\",\"type\":\"share\",\"occurredAt\":\"" + at + "\"},"
                    + "{\"eventId\":\"d-2\",\"memberId\":\"" + memberId + "\",\"type\":\"comment\",\"occurredAt\":\"" + at + "\"},"
                    + "{\"eventId\":\"d-3\",\"memberId\":\"" + memberId + "\",\"type\":\"wink\",\"occurredAt\":\"" + at + "\"}]}";
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> posted = stack.send(HttpRequest.newBuilder(stack.api("/v1/interactions")).header("x-api-key", apiKey)
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build());
                assertEquals(202, posted.statusCode(), posted.body());
                assertEquals(2, SimpleHttp.JSON.readTree(posted.body()).path("accepted").asInt());
            }
            // A redelivery straight onto the queue, as SQS does after a lost acknowledgement.
            stack.sqs.sendMessage(b -> b.queueUrl(stack.cloud.queueUrl("InteractionsQueue")).messageBody("{\"channel\":\"douyin\",\"eventId\":\"d-1\","
                    + "\"memberId\":\"" + memberId + "\",\"type\":\"SHARE\",\"occurredAt\":\"" + at + "\"}"));

            Map<String, AttributeValue> scoreKey = Map.of("pk", AttributeValue.fromS("MEMBER#" + memberId), "sk", AttributeValue.fromS("SCORE"));
            FixtureStack.await("score written", Duration.ofSeconds(40), () -> stack.dynamoDb.getItem(b -> b.tableName("InteractionsTable")
                    .key(scoreKey).consistentRead(true)).hasItem());
            Thread.sleep(4000); // let the second batch and the redelivery go through
            double unscaled = Double.parseDouble(stack.dynamoDb.getItem(b -> b.tableName("InteractionsTable").key(scoreKey)
                    .consistentRead(true)).item().get("unscaled").n());
            var policy = com.fanops.interactions.ScoringPolicy.defaults(java.time.ZoneId.of("Asia/Shanghai"));
            var day = policy.businessDay(Instant.parse(at));
            double expected = policy.contribution(com.fanops.interactions.InteractionType.SHARE, day)
                    + policy.contribution(com.fanops.interactions.InteractionType.COMMENT, day);
            assertEquals(expected, unscaled, expected * 1e-12, "share 4 + comment 3, once each");
            assertEquals(0, stack.sqs.receiveMessage(b -> b.queueUrl(stack.cloud.queueUrl("InteractionsDLQ")).waitTimeSeconds(1))
                    .messages().size(), "nothing failed");
        }
    }
}
