package com.fanops.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The EventBridge stand-in through the AWS SDK: what EventBridge documents is what a client gets. */
class EventBridgeServerTest {

    record Delivery(String arn, String input) {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:30:00Z"));
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private EventBridgeServer server;
    private EventBridgeClient client;

    @BeforeEach
    void start() throws Exception {
        server = new EventBridgeServer(0, "us-east-1", "000000000000", (arn, input) -> deliveries.add(new Delivery(arn, input)), clock);
        server.start();
        client = EventBridgeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        client.createEventBus(b -> b.name("bus"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Waits until every accepted delivery has been made, then expects {@code count} of them. */
    private void await(int count) throws InterruptedException {
        awaitCondition(() -> deliveries.size() >= count && server.pendingDeliveries() == 0);
        assertEquals(count, deliveries.size());
    }

    /** Waits for the schedules to be checked twice more against the clock as it is now. */
    private void awaitSchedulePasses() throws InterruptedException {
        long seen = server.schedulePasses();
        awaitCondition(() -> server.schedulePasses() >= seen + 2 && server.pendingDeliveries() == 0);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aRateScheduleFiresWhenItsTimeComes() throws Exception {
        client.putRule(b -> b.name("every-minute").scheduleExpression("rate(1 minute)"));
        client.putTargets(b -> b.rule("every-minute").targets(t -> t.id("fn").arn("arn:aws:lambda:us-east-1:000000000000:function:F")));
        awaitSchedulePasses();
        assertEquals(0, deliveries.size(), "not due yet");
        clock.advance(Duration.ofSeconds(61));
        await(1);
        assertEquals(1, deliveries.size());
        assertTrue(deliveries.get(0).input().contains("\"detail-type\":\"Scheduled Event\""));
        assertTrue(deliveries.get(0).input().contains("\"time\":\"2026-03-02T09:31:00Z\""), deliveries.get(0).input());
    }

    @Test
    void inputAndInputPathShapeWhatTheTargetReceives() throws Exception {
        client.putRule(b -> b.name("r").eventBusName("bus").eventPattern("{\"source\":[\"s\"]}"));
        client.putTargets(b -> b.rule("r").eventBusName("bus").targets(
                t -> t.id("whole").arn("arn:aws:sqs:us-east-1:000000000000:q1"),
                t -> t.id("detail").arn("arn:aws:sqs:us-east-1:000000000000:q2").inputPath("$.detail"),
                t -> t.id("constant").arn("arn:aws:sqs:us-east-1:000000000000:q3").input("{\"fixed\":true}")));
        client.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("bus").source("s").detailType("t")
                .detail("{\"n\":1}").build()));
        await(3);
        assertTrue(deliveries.contains(new Delivery("arn:aws:sqs:us-east-1:000000000000:q2", "{\"n\":1}")));
        assertTrue(deliveries.contains(new Delivery("arn:aws:sqs:us-east-1:000000000000:q3", "{\"fixed\":true}")));
        assertTrue(deliveries.stream().anyMatch(d -> d.arn().endsWith("q1") && d.input().contains("\"source\":\"s\"")));
    }

    @Test
    void disabledRulesUnknownBusesAndBadPatternsBehaveAsInEventBridge() throws Exception {
        client.putRule(b -> b.name("off").eventBusName("bus").eventPattern("{\"source\":[\"s\"]}").state("DISABLED"));
        client.putTargets(b -> b.rule("off").eventBusName("bus").targets(t -> t.id("x").arn("arn:aws:sqs:us-east-1:000000000000:q")));
        var answer = client.putEvents(b -> b.entries(
                PutEventsRequestEntry.builder().eventBusName("bus").source("s").detailType("t").detail("{}").build(),
                PutEventsRequestEntry.builder().eventBusName("nope").source("s").detailType("t").detail("{}").build(),
                PutEventsRequestEntry.builder().eventBusName("bus").source("s").detailType("t").detail("[1]").build()));
        assertEquals(2, answer.failedEntryCount());
        assertEquals("ResourceNotFoundException", answer.entries().get(1).errorCode());
        assertEquals("MalformedDetail", answer.entries().get(2).errorCode());
        awaitCondition(() -> server.pendingDeliveries() == 0);
        assertEquals(0, deliveries.size(), "a disabled rule delivers nothing");
        assertThrows(InvalidEventPatternException.class,
                () -> client.putRule(b -> b.name("bad").eventBusName("bus").eventPattern("{\"source\":\"not-an-array\"}")));
        assertTrue(client.testEventPattern(b -> b.eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",5]}]}}")
                .event("{\"id\":\"1\",\"source\":\"s\",\"detail-type\":\"t\",\"account\":\"1\",\"time\":\"2026-01-01T00:00:00Z\","
                        + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"n\":7}}")).result());
    }
}
