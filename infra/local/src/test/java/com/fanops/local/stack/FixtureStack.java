package com.fanops.local.stack;

import com.fanops.local.identity.DevUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Starts a template on the local runtime for a test class, with clients pointed at its endpoints. */
final class FixtureStack implements AutoCloseable {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    final LocalCloud cloud;
    final DynamoDbClient dynamoDb;
    final SqsClient sqs;
    final List<String> logs = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    FixtureStack(Path template, Path workDir) throws Exception {
        this(template, workDir, Map.of());
    }

    FixtureStack(Path template, Path workDir, Map<String, String> parameters) throws Exception {
        Path jar = template.getParent().resolve("target/fixtures.jar");
        if (template.endsWith("infra/fixtures/template.yaml") && !Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with `mvn package` from the repository root");
        }
        LocalConfig config = new LocalConfig(template, parameters, null, ROOT.resolve("admin-ui/public"), workDir,
                Path.of("target/ric").toAbsolutePath(), 0, 2, Clock.systemUTC());
        cloud = LocalCloud.start(config, (fn, line) -> {
            logs.add("[" + fn + "] " + line);
            System.out.println("[" + fn + "] " + line);
        });
        dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().get("dynamodb"))
                .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        sqs = SqsClient.builder().endpointOverride(cloud.endpoints().get("sqs"))
                .region(Region.of(LocalConfig.REGION)).credentialsProvider(LocalCloud.credentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    static FixtureStack fixture(Path workDir) throws Exception {
        return new FixtureStack(ROOT.resolve("infra/fixtures/template.yaml"), workDir);
    }

    URI api(String path) {
        return cloud.endpoints().get("api").resolve(path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Signs in a dev user through the local Cognito endpoint, as the dashboard does; returns the id token. */
    String signIn(String group) throws IOException, InterruptedException {
        DevUser user = cloud.devUsers().stream().filter(u -> u.groups().contains(group)).findFirst().orElseThrow();
        String clientId = cloud.names().ref(cloud.template().ofType("AWS::Cognito::UserPoolClient").get(0));
        String body = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + clientId + "\",\"AuthParameters\":{\"USERNAME\":\""
                + user.username() + "\",\"PASSWORD\":\"" + user.password() + "\"}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloud.endpoints().get("cognito"))
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.body());
        }
        return SimpleHttp.JSON.readTree(response.body()).path("AuthenticationResult").path("IdToken").asText();
    }

    Map<String, AttributeValue> record(String pk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(cloud.tableName("RecordsTable"))
                .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    int number(String pk, String attribute) {
        Map<String, AttributeValue> item = record(pk);
        return item == null || !item.containsKey(attribute) ? 0 : Integer.parseInt(item.get(attribute).n());
    }

    List<String> drain(String queueLogicalId, Duration wait) {
        String url = cloud.queueUrl(queueLogicalId);
        List<String> bodies = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (var m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    /**
     * Waits until nothing is left to happen: every queue of the template empty with nothing in flight (a message being
     * processed, or waiting out its visibility timeout after a crash, counts as in flight) and no asynchronous invocation
     * pending, twice in a row. What a test then asserts cannot still change.
     */
    void awaitIdle(Duration timeout) throws InterruptedException {
        int[] quiet = {0};
        await("the stack to go idle", timeout, () -> {
            quiet[0] = busy() ? 0 : quiet[0] + 1;
            return quiet[0] >= 2;
        });
    }

    private boolean busy() {
        // Queues a function reads; a sink (a rule's target nobody consumes) or a dead-letter queue may keep messages.
        for (String url : cloud.consumedQueueUrls()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            if (attributes.values().stream().anyMatch(v -> !"0".equals(v))) {
                return true;
            }
        }
        return cloud.pendingEmailEvents() > 0
                || cloud.template().functions().stream().anyMatch(fn -> cloud.lambda().pendingAsync(fn.logicalId()) > 0);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        cloud.close();
    }
}
