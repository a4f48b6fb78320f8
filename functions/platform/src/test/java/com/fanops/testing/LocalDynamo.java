package com.fanops.testing;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.fanops.template.TableSpec;
import com.fanops.template.Template;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/** DynamoDB Local in the test JVM, in memory, on loopback: store tests speak the real protocol. */
public final class LocalDynamo implements AutoCloseable {

    private final Server jetty;
    private final LocalDynamoDBRequestHandler requests;
    private final ServerConnector connector;
    private final DynamoDbClient client;

    private LocalDynamo() throws Exception {
        requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new LocalDynamoDBServerHandler(requests, null));
        jetty.start();
        client = DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static LocalDynamo start() {
        try {
            return new LocalDynamo();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    public DynamoDbClient client() {
        return client;
    }

    public void createTable(CreateTableRequest request) {
        client.createTable(request);
    }

    /** Creates every table of a template under its logical id, as the local runtime names them. */
    public List<String> createTablesFromTemplate(Path templateYaml) {
        List<String> names = new ArrayList<>();
        for (TableSpec table : Template.load(templateYaml).tables()) {
            List<AttributeDefinition> attributes = new ArrayList<>();
            table.attributeTypes().forEach((a, t) -> attributes.add(AttributeDefinition.builder().attributeName(a).attributeType(t).build()));
            List<GlobalSecondaryIndex> gsis = table.globalSecondaryIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
                    .indexName(i.name()).keySchema(keys(i.keySchema()))
                    .projection(Projection.builder().projectionType(i.projectionType())
                            .nonKeyAttributes(i.nonKeyAttributes().isEmpty() ? null : i.nonKeyAttributes()).build()).build()).toList();
            client.createTable(CreateTableRequest.builder().tableName(table.logicalId()).attributeDefinitions(attributes)
                    .keySchema(keys(table.keySchema())).globalSecondaryIndexes(gsis.isEmpty() ? null : gsis)
                    .billingMode(BillingMode.PAY_PER_REQUEST).build());
            names.add(table.logicalId());
        }
        return names;
    }

    private static List<KeySchemaElement> keys(List<TableSpec.Key> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType()).build()).toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        jetty.stop();
        requests.shutdown();
    }
}
