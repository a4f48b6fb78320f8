package com.fanops.platform.aws;

import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: work run once before the snapshot (CRaC {@code beforeCheckpoint}), so a restored function makes its
 * first DynamoDB call and writes its first JSON without loading and initialising the classes on that path, as
 * Powertools for AWS Lambda (Java) documents. One line in a handler's no-argument constructor (the one Lambda calls):
 * {@code Priming.register(Priming.dynamoDb(ddb, table));}. Without a CRaC JVM (locally, tests) the hook never runs unless
 * {@link #primeNow()} is called; a priming failure is logged and never stops the snapshot.
 */
public final class Priming implements Resource {

    private static final Log LOG = Log.get(Priming.class);
    // CRaC holds resources weakly: the registered hook is kept here for the life of the container.
    private static final Priming HOOK = new Priming();
    private static final List<Runnable> PRIMERS = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** Adds work to run before the snapshot; the hook itself is registered with CRaC on the first call. */
    public static synchronized void register(Runnable primer) {
        if (PRIMERS.isEmpty()) {
            Core.getGlobalContext().register(HOOK);
        }
        PRIMERS.add(primer);
    }

    /**
     * A strongly consistent GetItem on a key no item has ({@code pk}/{@code sk} "PRIMING"): the whole client path (endpoint
     * rules, signing, HTTP, response parsing) without reading or writing anything. Needs only the GetItem permission the
     * function already has on that table.
     */
    public static Runnable dynamoDb(DynamoDbClient ddb, String table) {
        return () -> ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))));
    }

    /** Runs every registered primer now, plus a JSON round trip; returns how many primers succeeded. */
    public static int primeNow() {
        int primed = 0;
        try {
            Json.mapper().readTree(Json.mapper().writeValueAsString(Map.of("primed", List.of(1, "a", true))));
        } catch (Exception | LinkageError e) {
            LOG.warn("priming failed", "primer", "json", "error", e.getClass().getSimpleName());
        }
        for (Runnable primer : PRIMERS) {
            try {
                primer.run();
                primed++;
            } catch (Exception | LinkageError e) {
                LOG.warn("priming failed", "error", e.getClass().getSimpleName());
            }
        }
        return primed;
    }

    /** How many primers are registered (for tests and the benchmark). */
    public static int registered() {
        return PRIMERS.size();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int primed = primeNow();
        LOG.info("primed before snapshot", "primers", primed, "durationMs", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: clients keep no connection a restore would break (url-connection-client opens per request).
    }
}
