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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Data-subject requests in the members table: {@code pk=MEMBER#<id>, sk=DSR#<requestId>}; the open queue is
 * {@code gsi1pk=DSR#<status>, gsi1sk=<deadline>#<requestId>} so the soonest deadline comes first. While a request is
 * open, {@code pk=MEMBER#<id>, sk=DSROPEN#<fingerprint>} (its {@code requestId}) claims its kind and content, written
 * and deleted in the same transaction as the request's own changes, so an identical request can never open twice.
 */
public final class DataRequestStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DataRequestStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** An identical request is already open: this one. */
    public static final class AlreadyOpenException extends RuntimeException {
        private final String requestId;

        AlreadyOpenException(String requestId) {
            super(null, null, false, false);
            this.requestId = requestId;
        }

        public String requestId() {
            return requestId;
        }
    }

    /** The open request holding this fingerprint, if any. */
    public Optional<DataRequest> openWith(String memberId, String fingerprint) {
        Map<String, AttributeValue> claim = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(claimKey(memberId, fingerprint))).item();
        return claim == null || claim.isEmpty() ? Optional.empty() : find(claim.get("requestId").s());
    }

    /**
     * Files an open request together with the claim of its fingerprint: if an identical request holds the claim, nothing
     * is written and {@link AlreadyOpenException} names it.
     */
    public void fileOpen(DataRequest r, String fingerprint) {
        Map<String, AttributeValue> item = item(r);
        item.put("fingerprint", s(fingerprint));
        Map<String, AttributeValue> claim = new HashMap<>(claimKey(r.memberId(), fingerprint));
        claim.put("requestId", s(r.requestId()));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(claim).conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")).build()));
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                Map<String, AttributeValue> held = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(claimKey(r.memberId(), fingerprint))).item();
                if (held != null && !held.isEmpty()) {
                    throw new AlreadyOpenException(held.get("requestId").s());
                }
            }
            throw new MemberStore.ConcurrentChangeException();
        }
    }

    public void save(DataRequest r, DataRequest.Status expectedStatus) {
        String fingerprint = expectedStatus == DataRequest.Status.OPEN && r.status() != DataRequest.Status.OPEN ? fingerprintOf(r) : null;
        if (fingerprint != null) {
            // Decided: the request and the release of its claim, together.
            Map<String, AttributeValue> item = item(r);
            try {
                ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("#st = :expected")
                                .expressionAttributeNames(Map.of("#st", "status"))
                                .expressionAttributeValues(Map.of(":expected", s(DataRequest.Status.OPEN.name())))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(claimKey(r.memberId(), fingerprint))
                                .conditionExpression("attribute_not_exists(pk) OR requestId = :id")
                                .expressionAttributeValues(Map.of(":id", s(r.requestId())))).build()));
            } catch (TransactionCanceledException e) {
                throw new MemberStore.ConcurrentChangeException();
            }
            return;
        }
        Map<String, AttributeValue> item = item(r);
        try {
            ddb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(expectedStatus == null ? "attribute_not_exists(pk)" : "#st = :expected")
                    .expressionAttributeNames(expectedStatus == null ? null : Map.of("#st", "status"))
                    .expressionAttributeValues(expectedStatus == null ? null : Map.of(":expected", s(expectedStatus.name()))));
        } catch (ConditionalCheckFailedException e) {
            throw new MemberStore.ConcurrentChangeException();
        }
    }

    private String fingerprintOf(DataRequest r) {
        Map<String, AttributeValue> stored = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("MEMBER#" + r.memberId()), "sk", s("DSR#" + r.requestId())))).item();
        return stored == null || !stored.containsKey("fingerprint") ? null : stored.get("fingerprint").s();
    }

    private static Map<String, AttributeValue> claimKey(String memberId, String fingerprint) {
        return Map.of("pk", s("MEMBER#" + memberId), "sk", s("DSROPEN#" + fingerprint));
    }

    private static Map<String, AttributeValue> item(DataRequest r) {
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
        return item;
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
