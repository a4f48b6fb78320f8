package com.fanops.local.stack;

import static com.fanops.local.stack.FixtureStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Tag;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.regions.Region;

/**
 * The fixture template (infra/fixtures/template.yaml) run end to end on the local runtime:
 * HTTP -> function -> SQS -> function -> EventBridge -> rule -> function / queue, schedules,
 * redrive to the dead-letter queue, concurrent SQS batches, async retries, and the JWT authorizer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("e2e")
class LocalWiringTest {

    private FixtureStack stack;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        stack = FixtureStack.fixture(work);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void httpRequestFlowsThroughQueueAndBusToTheMatchingRuleOnly() throws Exception {
        HttpResponse<String> big = stack.postJson("/work", "{\"id\":\"w-big\",\"amount\":150,\"kind\":\"order\"}");
        HttpResponse<String> small = stack.postJson("/work", "{\"id\":\"w-small\",\"amount\":50,\"kind\":\"order\"}");
        HttpResponse<String> testKind = stack.postJson("/work", "{\"id\":\"w-test\",\"amount\":500,\"kind\":\"test-run\"}");
        assertEquals(202, testKind.statusCode(), testKind.body());
        assertEquals(202, big.statusCode(), big.body());
        assertEquals(202, small.statusCode(), small.body());

        await("big work recorded by the numeric rule", Duration.ofSeconds(30),
                () -> stack.number("event#WorkDone#w-big", "deliveries") == 1);
        await("small work consumed", Duration.ofSeconds(30), () -> stack.number("receive#w-small", "receives") == 1);
        stack.awaitIdle(Duration.ofSeconds(30));
        assertNull(stack.record("event#WorkDone#w-small"), "amount 50 does not match numeric >= 100");
        assertEquals(1, stack.number("receive#w-big", "receives"), "a processed message is deleted, not redelivered");

        await("test-kind work recorded", Duration.ofSeconds(30), () -> stack.number("event#WorkDone#w-test", "deliveries") == 1);
        List<String> audit = stack.drain("AuditQueue", Duration.ofSeconds(3)).stream()
                .filter(body -> body.contains("\"w-")).toList();
        assertEquals(2, audit.size(), "prefix + anything-but rule takes both order events, not the test one: " + audit);
        assertTrue(audit.stream().noneMatch(body -> body.contains("w-test")), audit.toString());
        assertTrue(audit.stream().allMatch(body -> body.contains("\"detail-type\":\"WorkDone\"")), audit.toString());
    }

    @Test
    void badInputIsAProblemAndNothingIsQueued() throws Exception {
        HttpResponse<String> response = stack.postJson("/work", "{\"id\":\"x\",\"amount\":\"lots\"}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("amount"), response.body());
        assertNull(stack.record("receive#x"));
    }

    @Test
    void failingMessageIsRetriedMaxReceiveCountTimesThenDeadLettersAndOnlyItIsRedelivered() throws Exception {
        for (String id : List.of("ok-1", "poison-1", "ok-2")) {
            String kind = id.startsWith("poison") ? "poison" : "test-batch";
            assertEquals(202, stack.postJson("/work", "{\"id\":\"" + id + "\",\"amount\":1,\"kind\":\"" + kind + "\"}").statusCode());
        }
        List<String> dead = new java.util.ArrayList<>();
        await("poison message in the DLQ", Duration.ofSeconds(40), () -> {
            dead.addAll(stack.drain("WorkDLQ", Duration.ofMillis(500)));
            return !dead.isEmpty();
        });
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).contains("poison-1"));
        assertEquals(3, stack.number("receive#poison-1", "receives"), "maxReceiveCount is 3");
        assertEquals(1, stack.number("receive#ok-1", "receives"), "partial batch failure redelivers only the failed message");
        assertEquals(1, stack.number("receive#ok-2", "receives"));
    }

    @Test
    void queueFeedsAsManyBatchesAtOnceAsTheFunctionsConcurrency() throws Exception {
        // OverlapFunction: ReservedConcurrentExecutions 2, batch size 1; each batch waits for another to be in flight.
        String url = stack.cloud.queueUrl("OverlapQueue");
        stack.sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("1").messageBody("pair"), e -> e.id("2").messageBody("pair")));
        await("both batches handled", Duration.ofSeconds(90), () -> ids("overlap#pair", "overlapped").size()
                + ids("overlap#pair", "alone").size() >= 2);
        assertEquals(2, ids("overlap#pair", "overlapped").size(), "two batches were in flight together");
        assertEquals(List.of(), ids("overlap#pair", "alone"));
        assertEquals(2, stack.cloud.lambda().stats().get("OverlapFunction").runningProcesses());
    }

    private List<String> ids(String pk, String attribute) {
        var item = stack.record(pk);
        return item == null || !item.containsKey(attribute) ? List.of() : item.get(attribute).ss();
    }

    @Test
    void scheduleFiredWithAChosenTimeDeliversThatTime() throws Exception {
        String rule = stack.cloud.fireSchedule("RecorderFunction", Instant.parse("2026-03-01T16:05:00Z"));
        assertEquals("RecorderFunctionTick", rule);
        await("tick recorded", Duration.ofSeconds(30), () -> stack.record("tick#2026-03-01T16:05:00Z") != null);
        for (int day = 2; day <= 8; day++) {
            stack.cloud.fireSchedule("RecorderFunctionTick", Instant.parse("2026-03-0" + day + "T16:05:00Z"));
        }
        // Asynchronous invocations may finish in any order: wait for every day, then check each came exactly once.
        for (int day = 2; day <= 8; day++) {
            String tick = "tick#2026-03-0" + day + "T16:05:00Z";
            await("tick of March " + day, Duration.ofSeconds(30), () -> stack.record(tick) != null);
            assertEquals(1, stack.number(tick, "deliveries"), tick);
        }
    }

    @Test
    void asyncInvocationIsRetriedTwiceThenGoesToTheFunctionsDeadLetterQueue() throws Exception {
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(stack.cloud.endpoints().get("eventbridge"))
                .region(Region.US_EAST_1).credentialsProvider(LocalCloud.credentials()).build()) {
            var result = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("fixture-test")
                    .source("fanops.fixture").detailType("WorkDone")
                    .detail("{\"id\":\"c-1\",\"amount\":500,\"kind\":\"crash\"}").build()));
            assertEquals(0, result.failedEntryCount());
        }
        List<String> dead = new java.util.ArrayList<>();
        await("failed event in the recorder's DLQ", Duration.ofSeconds(40), () -> {
            dead.addAll(stack.drain("RecorderDLQ", Duration.ofMillis(500)));
            return !dead.isEmpty();
        });
        assertTrue(dead.get(0).contains("\"c-1\""), dead.get(0));
        long attempts = stack.logs.stream().filter(line -> line.startsWith("[RecorderFunction]") && line.contains("asked to crash"))
                .count();
        assertTrue(attempts >= 3, "one attempt and two retries are logged, saw " + attempts);
    }

    @Test
    void adminRouteNeedsATokenAndTheRightRole() throws Exception {
        HttpResponse<String> anonymous = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/ping")).GET().build());
        assertEquals(401, anonymous.statusCode());

        String analyst = stack.signIn("analyst");
        HttpResponse<String> wrongRole = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/ping"))
                .header("authorization", "Bearer " + analyst).GET().build());
        assertEquals(403, wrongRole.statusCode(), wrongRole.body());
        assertEquals("application/problem+json", wrongRole.headers().firstValue("content-type").orElse(""));

        String admin = stack.signIn("admin");
        HttpResponse<String> ok = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/ping"))
                .header("authorization", "Bearer " + admin).GET().build());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("admin@fanops.local"), ok.body());

        HttpResponse<String> forged = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/ping"))
                .header("authorization", "Bearer " + admin.substring(0, admin.length() - 4) + "AAAA").GET().build());
        assertEquals(401, forged.statusCode());
    }

    @Test
    void functionLogLinesArePrefixedWithTheFunctionName() throws Exception {
        stack.postJson("/work", "{\"id\":\"log-1\",\"amount\":1,\"kind\":\"test-log\"}");
        await("intake logged", Duration.ofSeconds(20), () -> stack.logs.stream().anyMatch(l -> l.startsWith("[IntakeFunction] ")));
        assertNotNull(stack.cloud.endpoints().get("dashboard"));
    }
}
