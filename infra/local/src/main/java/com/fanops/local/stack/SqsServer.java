package com.fanops.local.stack;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ in this JVM: an SQS-compatible server (JSON protocol, FIFO, redrive to dead-letter queues). */
public final class SqsServer implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    public SqsServer(int port, String region, String accountId) {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        this.port = server.waitUntilStarted().localAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
