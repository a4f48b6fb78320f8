package com.fanops.members.store;

import com.fanops.members.domain.DataRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Data-subject requests in the members table: {@code pk=MEMBER#<id>, sk=DSR#<requestId>}; the open queue is
 * {@code gsi1pk=DSR#<status>, gsi1sk=<deadline>#<requestId>} so the soonest deadline comes first.
 */
public final class DataRequestStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DataRequestStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public void save(DataRequest r, DataRequest.Status expectedStatus) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("MEMBER#" + r.memberId()));
        item.put("sk", s("DSR#" + r.requestId()));
        item.put("requestId", s(r.requestId()));
        item.put("type", s(r.type().name()));
        item.put("status", s(r.status().name()));
        item.put("filedAt", s(r.filedAt().toString()));
        item.put("deadline", s(r.deadline().toString()));
        item.put("gsi1pk", s("DSR#" + r.status().name()));
        item.put("gsi1sk", s(r.deadline() + "#" + r.requestId()));
        if (r.decidedAt() != null) {
            item.put("decidedAt", s(r.decidedAt().toString()));
            item.put("decidedBy", s(r.decidedBy()));
        }
        if (r.reason() != null) {
            item.put("reason", s(r.reason()));
        }
        if (r.correctionsEnc() != null && r.status() == DataRequest.Status.OPEN) {
            item.put("correctionsEnc", s(r.correctionsEnc()));
        }
        try {
            ddb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(expectedStatus == null ? "attribute_not_exists(pk)" : "#st = :expected")
                    .expressionAttributeNames(expectedStatus == null ? null : Map.of("#st", "status"))
                    .expressionAttributeValues(expectedStatus == null ? null : Map.of(":expected", s(expectedStatus.name()))));
        } catch (ConditionalCheckFailedException e) {
            throw new MemberStore.ConcurrentChangeException();
        }
    }

    public Optional<DataRequest> find(String requestId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", s("MEMBER#" + DataRequest.memberOf(requestId)), "sk", s("DSR#" + requestId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(of(item));
    }

    public List<DataRequest> ofMember(String memberId) {
        return ddb.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":d", s("DSR#")))).items().stream()
                .map(DataRequestStore::of).toList();
    }

    /** The queue of a status, soonest deadline first. */
    public List<DataRequest> queue(DataRequest.Status status, int limit) {
        return ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
                .expressionAttributeValues(Map.of(":g", s("DSR#" + status.name()))).limit(limit)).items().stream()
                .map(i -> find(i.get("gsi1sk").s().substring(i.get("gsi1sk").s().indexOf('#') + 1)))
                .flatMap(Optional::stream).toList();
    }

    private static DataRequest of(Map<String, AttributeValue> i) {
        return new DataRequest(i.get("requestId").s(), DataRequest.memberOf(i.get("requestId").s()),
                DataRequest.Type.valueOf(i.get("type").s()), DataRequest.Status.valueOf(i.get("status").s()),
                Instant.parse(i.get("filedAt").s()), Instant.parse(i.get("deadline").s()),
                i.containsKey("decidedAt") ? Instant.parse(i.get("decidedAt").s()) : null,
                i.containsKey("decidedBy") ? i.get("decidedBy").s() : null, i.containsKey("reason") ? i.get("reason").s() : null,
                i.containsKey("correctionsEnc") ? i.get("correctionsEnc").s() : null);
    }


    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
