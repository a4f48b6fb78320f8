package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own template.yaml on the local runtime, driven the way the dashboard drives it. */
@Tag("e2e")
class ProjectStackTest {

    @TempDir
    Path work;

    @Test
    void dataDirKeepsTablesAndItemsAcrossRestarts(@TempDir Path data) throws Exception {
        java.util.function.Function<LocalCloud, String> table = cloud -> cloud.tableName("EventOutboxTable");
        LocalConfig config = new LocalConfig(FixtureStack.ROOT.resolve("template.yaml"), java.util.Map.of(), data,
                FixtureStack.ROOT.resolve("admin-ui/public"), work, Path.of("target/ric").toAbsolutePath(), 0, 1,
                java.time.Clock.systemUTC());
        try (LocalCloud first = LocalCloud.start(config, (fn, line) -> { });
             var ddb = client(first)) {
            ddb.putItem(b -> b.tableName(table.apply(first)).item(java.util.Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept"))));
        }
        try (LocalCloud second = LocalCloud.start(config, (fn, line) -> { });
             var ddb = client(second)) {
            assertTrue(ddb.getItem(b -> b.tableName(table.apply(second)).consistentRead(true).key(java.util.Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept")))).hasItem());
        }
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient client(LocalCloud cloud) {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(LocalCloud.credentials())
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build();
    }

    @Test
    void dashboardSignsInThroughCognitoAndReadsTheOperatorsSession() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            var dashboard = stack.cloud.endpoints().get("dashboard");
            HttpResponse<String> config = stack.send(HttpRequest.newBuilder(dashboard.resolve("/config.json")).build());
            JsonNode settings = SimpleHttp.JSON.readTree(config.body());
            assertEquals(stack.cloud.endpoints().get("api").toString(), settings.path("apiUrl").asText());
            assertEquals(stack.cloud.endpoints().get("cognito").toString(), settings.path("cognitoEndpoint").asText());
            assertEquals("Asia/Shanghai", settings.path("businessTimeZone").asText(), "the dashboard counts days in the business time zone");

            HttpResponse<String> index = stack.send(HttpRequest.newBuilder(dashboard.resolve("/")).build());
            assertEquals(200, index.statusCode());
            assertEquals(404, stack.send(HttpRequest.newBuilder(dashboard.resolve("/../template.yaml")).build()).statusCode());

            String token = stack.signIn("manager");
            HttpResponse<String> me = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/me"))
                    .header("authorization", "Bearer " + token).header("origin", "http://127.0.0.1").GET().build());
            assertEquals(200, me.statusCode(), me.body());
            JsonNode body = SimpleHttp.JSON.readTree(me.body());
            assertEquals("manager@fanops.local", body.path("username").asText());
            assertTrue(body.path("areas").toString().contains("rewards"));
            assertEquals("*", me.headers().firstValue("access-control-allow-origin").orElse(""), "CORS from the template");

            HttpResponse<String> preflight = stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/me"))
                    .header("origin", "http://127.0.0.1:4561").header("access-control-request-method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(204, preflight.statusCode());
            assertTrue(preflight.headers().firstValue("access-control-allow-headers").orElse("").contains("authorization"));

            assertEquals(401, stack.send(HttpRequest.newBuilder(stack.api("/v1/admin/me")).GET().build()).statusCode());
        }
    }
}
