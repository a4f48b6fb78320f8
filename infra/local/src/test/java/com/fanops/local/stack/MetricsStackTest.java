package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.lambda.InvokeResult;
import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The metrics wiring through the local runtime, from template.yaml: the schedule fired with a chosen time, a backfill
 * asked for through the admin API (admin function -> bus -> rule -> daily function, in their own JVMs), a direct
 * invoke with a range, and the snapshots and a CSV report read back through the API.
 */
@Tag("e2e")
class MetricsStackTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path work;

    private static boolean snapshot(FixtureStack stack, LocalDate day) {
        var item = stack.dynamoDb.getItem(b -> b.tableName(stack.cloud.tableName("MetricsTable"))
                .key(Map.of("pk", AttributeValue.fromS("SNAP#" + day), "sk", AttributeValue.fromS("S"))).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    @Test
    void theScheduleABackfillThroughTheBusAndADirectInvokeAllWriteSnapshots() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            // The schedule, fired as at 00:20 on 2 January 2026 in Shanghai: 1 January and the 7 days before.
            stack.cloud.fireSchedule("MetricsDaily", Instant.parse("2026-01-01T16:20:00Z"));
            FixtureStack.await("the scheduled run", Duration.ofSeconds(60), () -> snapshot(stack, LocalDate.parse("2026-01-01")));
            assertTrue(snapshot(stack, LocalDate.parse("2025-12-25")));

            // A backfill asked for by an admin: 202, then the daily function does it.
            LocalDate yesterday = LocalDate.now(ZONE).minusDays(1);
            String admin = stack.signIn("admin");
            HttpResponse<String> accepted = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/metrics/backfill"))
                    .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + yesterday.minusDays(2) + "\",\"to\":\"" + yesterday + "\"}")).build());
            assertEquals(202, accepted.statusCode(), accepted.body());
            FixtureStack.await("the backfill", Duration.ofSeconds(60), () -> snapshot(stack, yesterday));

            // A direct invoke, as ./fanops invoke MetricsDailyFunction --event f.json does.
            InvokeResult direct = stack.cloud.invoke("MetricsDailyFunction",
                    "{\"from\":\"2025-11-01\",\"to\":\"2025-11-02\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(direct.ok(), direct.errorMessage());
            assertEquals(2, SimpleHttp.JSON.readTree(direct.payload()).path("days").asInt());

            String analyst = stack.signIn("analyst");
            HttpResponse<String> days = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/metrics/daily?from=" + yesterday.minusDays(2)
                    + "&to=" + yesterday)).header("authorization", "Bearer " + analyst).build());
            assertEquals(200, days.statusCode(), days.body());
            JsonNode list = SimpleHttp.JSON.readTree(days.body()).path("days");
            assertEquals(3, list.size());
            assertEquals(0.6, list.get(0).path("kpis").get(0).path("target").asDouble());
            HttpResponse<String> csv = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/metrics/reports/month?start=" + yesterday))
                    .header("authorization", "Bearer " + analyst).header("accept", "text/csv").build());
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.headers().firstValue("content-disposition").orElse("").startsWith("attachment; filename=\"fanops-metrics-month-"));
            assertTrue(stack.logs.stream().noneMatch(l -> l.contains("\"level\":\"ERROR\"")), "no errors logged");
        }
    }
}
