package com.fanops.local.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Loads a benchmark's items straight into the local DynamoDB: BatchWriteItem in 25s from a few threads, unprocessed items sent again. */
public final class BatchLoader {

    final AtomicLong items = new AtomicLong();
    private final DynamoDbClient ddb;
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();
    private final Map<String, List<WriteRequest>> buffers = new HashMap<>();

    BatchLoader(DynamoDbClient ddb, int threads) {
        this.ddb = ddb;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-loader");
            t.setDaemon(true);
            return t;
        });
    }

    void put(String table, Map<String, AttributeValue> item) {
        List<WriteRequest> buffer = buffers.computeIfAbsent(table, t -> new ArrayList<>());
        buffer.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (buffer.size() == 25) {
            flush(table);
        }
    }

    private void flush(String table) {
        List<WriteRequest> batch = buffers.put(table, new ArrayList<>());
        if (batch == null || batch.isEmpty()) {
            return;
        }
        pending.add(pool.submit(() -> {
            Map<String, List<WriteRequest>> left = Map.of(table, batch);
            while (!left.isEmpty()) {
                Map<String, List<WriteRequest>> ask = left;
                var answer = ddb.batchWriteItem(b -> b.requestItems(ask));
                left = answer.hasUnprocessedItems() ? answer.unprocessedItems() : Map.of();
            }
            long done = items.addAndGet(batch.size());
            if (done / 100_000 != (done - batch.size()) / 100_000) {
                System.out.printf("  %,d items loaded%n", done);
            }
            return null;
        }));
        if (pending.size() > 2000) {
            drain();
        }
    }

    private void drain() {
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading failed", e);
        }
        pending.clear();
    }

    void finish() {
        new ArrayList<>(buffers.keySet()).forEach(this::flush);
        drain();
        pool.shutdown();
    }
}
