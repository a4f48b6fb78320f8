package com.fanops.local.stack;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, on our own Jetty connector: ServerRunner binds 0.0.0.0 and has no host
 * option, and we listen on loopback only. In memory unless a data directory is given.
 */
public final class DynamoDbServer implements AutoCloseable {

    private final Server jetty;
    private final LocalDynamoDBRequestHandler requests;
    private final ServerConnector connector;

    public DynamoDbServer(int port, Path dataDir) throws Exception {
        boolean inMemory = dataDir == null;
        if (!inMemory) {
            Files.createDirectories(dataDir);
        }
        // sharedDb: one database whatever access key and region the client uses (the AWS CLI's may differ).
        requests = new LocalDynamoDBRequestHandler(0, inMemory, inMemory ? null : dataDir.toString(), true, false);
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new LocalDynamoDBServerHandler(requests, null));
        jetty.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        requests.shutdown();
    }
}
