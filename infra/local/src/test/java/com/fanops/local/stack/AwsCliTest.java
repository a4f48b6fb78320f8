package com.fanops.local.stack;

import static com.fanops.local.stack.FixtureStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI, a real client, against the local endpoints: what it sees is what template.yaml declares. */
@Tag("e2e")
class AwsCliTest {

    @TempDir
    Path work;

    @Test
    void cliListsEveryTableAndQueueOfTheProjectTemplate() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            Set<String> expectedTables = new TreeSet<>();
            stack.cloud.template().tables().forEach(t -> expectedTables.add(stack.cloud.tableName(t.logicalId())));
            AwsCli.Result tables = AwsCli.run(stack.cloud.endpoints().get("dynamodb"), "dynamodb", "list-tables");
            assertEquals(0, tables.exitCode(), tables.err());
            Set<String> listed = new TreeSet<>();
            SimpleHttp.JSON.readTree(tables.out()).path("TableNames").forEach(n -> listed.add(n.asText()));
            assertEquals(expectedTables, listed);

            AwsCli.Result ttl = AwsCli.run(stack.cloud.endpoints().get("dynamodb"), "dynamodb", "describe-time-to-live",
                    "--table-name", stack.cloud.tableName("MembersTable"));
            assertTrue(ttl.out().contains("expiresAt"), ttl.out() + ttl.err());

            Set<String> expectedQueues = new TreeSet<>();
            stack.cloud.template().queues().forEach(q -> expectedQueues.add(stack.cloud.queueUrl(q.logicalId())));
            AwsCli.Result queues = AwsCli.run(stack.cloud.endpoints().get("sqs"), "sqs", "list-queues");
            assertEquals(0, queues.exitCode(), queues.err());
            Set<String> listedQueues = new TreeSet<>();
            SimpleHttp.JSON.readTree(queues.out()).path("QueueUrls").forEach(n -> listedQueues.add(n.asText()));
            assertEquals(expectedQueues, listedQueues);

            AwsCli.Result buses = AwsCli.run(stack.cloud.endpoints().get("eventbridge"), "events", "list-event-buses");
            assertTrue(buses.out().contains("\"fanops-prod\""), buses.out() + buses.err());
        }
    }

    @Test
    void cliPutEventsReachesOnlyTheTargetsOfMatchingRules() throws Exception {
        try (FixtureStack stack = FixtureStack.fixture(work)) {
            var endpoint = stack.cloud.endpoints().get("eventbridge");
            String entries = "["
                    + entry("cli-big", 250, "order") + ","     // numeric >= 100 -> recorder; prefix + anything-but -> audit
                    + entry("cli-small", 99, "order") + ","    // audit only
                    + entry("cli-test", 400, "test-x") + "]";  // recorder only (anything-but prefix "test")
            AwsCli.Result put = AwsCli.run(endpoint, "events", "put-events", "--entries", entries);
            assertEquals(0, put.exitCode(), put.err());
            JsonNode answer = SimpleHttp.JSON.readTree(put.out());
            assertEquals(0, answer.path("FailedEntryCount").asInt(), put.out());

            AwsCli.Result other = AwsCli.run(endpoint, "events", "put-events", "--entries",
                    "[{\"Source\":\"other.app\",\"DetailType\":\"WorkDone\",\"EventBusName\":\"fixture-test\","
                            + "\"Detail\":\"{\\\"id\\\":\\\"cli-other\\\",\\\"amount\\\":900,\\\"kind\\\":\\\"order\\\"}\"}]");
            assertEquals(0, other.exitCode(), other.err());

            await("recorder got the big event", Duration.ofSeconds(30), () -> stack.record("event#WorkDone#cli-big") != null);
            await("recorder got the test event", Duration.ofSeconds(30), () -> stack.record("event#WorkDone#cli-test") != null);
            List<String> audit = new ArrayList<>(stack.drain("AuditQueue", Duration.ofSeconds(3)));
            assertNull(stack.record("event#WorkDone#cli-small"), "99 is below the numeric threshold");
            assertNull(stack.record("event#WorkDone#cli-other"), "source other.app does not match fanops.fixture");
            assertEquals(2, audit.size(), audit.toString());
            assertTrue(audit.stream().anyMatch(b -> b.contains("cli-big")) && audit.stream().anyMatch(b -> b.contains("cli-small")),
                    audit.toString());

            AwsCli.Result rules = AwsCli.run(endpoint, "events", "list-rules", "--event-bus-name", "fixture-test");
            assertTrue(rules.out().contains("AuditRule") && rules.out().contains("RecorderFunctionBigWork"), rules.out());
        }
    }

    private static String entry(String id, int amount, String kind) {
        return "{\"Source\":\"fanops.fixture\",\"DetailType\":\"WorkDone\",\"EventBusName\":\"fixture-test\",\"Detail\":"
                + "\"{\\\"id\\\":\\\"" + id + "\\\",\\\"amount\\\":" + amount + ",\\\"kind\\\":\\\"" + kind + "\\\"}\"}";
    }
}
