package com.fanops.activities.store;

import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.activities.domain.Evaluation;
import com.fanops.platform.dynamo.Items;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest evaluation report of an activity (recomputed daily until its last window ends). Activities table item:
 * <pre>
 *   pk=ACT#&lt;id&gt; sk=EVAL   report (the {@link Evaluation} as JSON), computedAt, asOf (the business day it covers),
 *                            final (BOOL: no figure pending any more)
 * </pre>
 * A put replaces the report; the evaluation job writes it, the admin API reads it.
 */
public final class EvaluationStore {

    private static final ObjectMapper JSON = Json.mapper();

    private final DynamoDbClient ddb;
    private final String table;

    public EvaluationStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** A stored report with when it was computed, the day it covers, and whether it is final. */
    public record Report(String activityId, Evaluation evaluation, Instant computedAt, LocalDate asOf, boolean isFinal) {
    }

    public void put(Report r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.activityId()));
        try {
            item.put("report", s(JSON.writeValueAsString(r.evaluation())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation of " + r.activityId() + " not writable as JSON", e);
        }
        item.put("computedAt", s(r.computedAt().toString()));
        item.put("asOf", s(r.asOf().toString()));
        item.put("final", AttributeValue.fromBool(r.isFinal()));
        ddb.putItem(p -> p.tableName(table).item(item));
    }

    public Optional<Report> get(String activityId) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table).key(key(activityId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            Evaluation e = JSON.readValue(str(item, "report"), Evaluation.class);
            AttributeValue fin = item.get("final");
            return Optional.of(new Report(activityId, e, Instant.parse(str(item, "computedAt")), LocalDate.parse(str(item, "asOf")),
                    fin != null && Boolean.TRUE.equals(fin.bool())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation of " + activityId + " unreadable", e);
        }
    }

    private static Map<String, AttributeValue> key(String activityId) {
        return Items.key(RegistrationStore.pk(activityId), "EVAL");
    }
}
