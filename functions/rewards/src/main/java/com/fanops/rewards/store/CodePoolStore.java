package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.BatchGets;
import com.fanops.rewards.domain.CodePool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Coupon code pools. Rewards table items:
 * <pre>
 *   pk=POOL#&lt;poolId&gt;  sk=POOL          name, available, assigned, burned (N), threshold (N), alerted (BOOL, set once the
 *                 stock alert went out, cleared by a restock), createdBy, createdAt; gsi2pk=POOLS gsi2sk=&lt;poolId&gt;
 *   pk=POOL#&lt;poolId&gt;  sk=CODE#&lt;code&gt;   status (available | assigned | burned), issuanceId, at; while available
 *                 gsi1pk=AVAILABLE#&lt;poolId&gt; gsi1sk=&lt;8 random hex&gt; (so claims spread over the available codes)
 * </pre>
 * A code is assigned in the issuance's transaction: the pool's counter under {@code available >= 1} and the code under
 * {@code status = available}, so a code goes to one issuance only and the pool never goes below zero.
 */
public final class CodePoolStore {

    /** How a burn ended. */
    public enum Burn { BURNED, UNKNOWN, ASSIGNED, ALREADY_BURNED }

    private final DynamoDbClient ddb;
    private final String table;

    public CodePoolStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static Map<String, AttributeValue> poolKey(String poolId) {
        return com.fanops.platform.dynamo.Items.key("POOL#" + poolId, "POOL");
    }

    static Map<String, AttributeValue> codeKey(String poolId, String code) {
        return com.fanops.platform.dynamo.Items.key("POOL#" + poolId, "CODE#" + code);
    }

    public boolean create(String poolId, String name, long threshold, String actor, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(poolKey(poolId));
        item.put("name", s(name));
        item.put("available", n(0));
        item.put("assigned", n(0));
        item.put("burned", n(0));
        item.put("threshold", n(threshold));
        item.put("createdBy", s(actor));
        item.put("createdAt", s(at.toString()));
        item.put("gsi2pk", s("POOLS"));
        item.put("gsi2sk", s(poolId));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    public Optional<CodePool> get(String poolId) {
        var item = ddb.getItem(b -> b.tableName(table).key(poolKey(poolId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CodePool(poolId, str(item, "name"), num(item, "available"), num(item, "assigned"), num(item, "burned"),
                num(item, "threshold"), str(item, "createdBy"), Instant.parse(str(item, "createdAt"))));
    }

    public List<CodePool> list() {
        List<CodePool> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s("POOLS")))).items().forEach(i -> get(str(i, "gsi2sk")).ifPresent(out::add));
        return out;
    }

    /** Which of {@code codes} the pool already holds (in any status). */
    public Set<String> existing(String poolId, List<String> codes) {
        Set<String> out = new HashSet<>();
        BatchGets.get(ddb, table, codes.stream().map(c -> codeKey(poolId, c)).toList(), "sk", null, null)
                .forEach(i -> out.add(str(i, "sk").substring("CODE#".length())));
        return out;
    }

    /**
     * Adds codes the pool does not hold, 99 to a transaction with the counter (each put conditional on the code being new).
     * Answers how many were added; a code that appeared meanwhile (a concurrent upload) stops at its chunk, which adds none.
     */
    public int add(String poolId, List<String> codes, Instant at) {
        int added = 0;
        for (int from = 0; from < codes.size(); from += 99) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 99));
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(poolKey(poolId))
                    .updateExpression("ADD available :n REMOVE alerted").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":n", n(chunk.size()))).build()).build());
            for (String code : chunk) {
                Map<String, AttributeValue> item = new HashMap<>(codeKey(poolId, code));
                item.put("status", s("available"));
                item.put("at", s(at.toString()));
                item.put("gsi1pk", s("AVAILABLE#" + poolId));
                item.put("gsi1sk", s(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
            }
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                added += chunk.size();
            } catch (TransactionCanceledException clash) {
                return added;
            }
        }
        return added;
    }

    /** An available code to try (the index is eventually consistent: the claim's condition is the truth), or none seen. */
    public Optional<String> candidate(String poolId) {
        var items = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s("AVAILABLE#" + poolId))).limit(16)).items();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        String sk = str(items.get(ThreadLocalRandom.current().nextInt(items.size())), "sk");
        return Optional.of(sk.substring("CODE#".length()));
    }

    /** The pool's counter (index 0 of the answer) and the code (index 1), for the issuance's transaction. */
    List<TransactWriteItem> claim(String poolId, String code, String issuanceId, Instant at) {
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(poolKey(poolId))
                        .updateExpression("ADD available :neg, assigned :one").conditionExpression("available >= :one")
                        .expressionAttributeValues(Map.of(":neg", n(-1), ":one", n(1))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(codeKey(poolId, code))
                        .updateExpression("SET #s = :assigned, issuanceId = :i, #at = :at REMOVE gsi1pk, gsi1sk")
                        .conditionExpression("#s = :available").expressionAttributeNames(Map.of("#s", "status", "#at", "at"))
                        .expressionAttributeValues(Map.of(":assigned", s("assigned"), ":available", s("available"), ":i", s(issuanceId),
                                ":at", s(at.toString()))).build()).build());
    }

    /** Burns a leaked code that is still available; an assigned code is revoked through its issuance instead. */
    public Burn burn(String poolId, String code, Instant at) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(codeKey(poolId, code))
                            .updateExpression("SET #s = :burned, #at = :at REMOVE gsi1pk, gsi1sk").conditionExpression("#s = :available")
                            .expressionAttributeNames(Map.of("#s", "status", "#at", "at"))
                            .expressionAttributeValues(Map.of(":burned", s("burned"), ":available", s("available"), ":at", s(at.toString())))
                            .build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(poolKey(poolId))
                            .updateExpression("ADD available :neg, burned :one").conditionExpression("available >= :one")
                            .expressionAttributeValues(Map.of(":neg", n(-1), ":one", n(1))).build()).build()));
            return Burn.BURNED;
        } catch (TransactionCanceledException refused) {
            var item = ddb.getItem(b -> b.tableName(table).key(codeKey(poolId, code)).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return Burn.UNKNOWN;
            }
            return "burned".equals(str(item, "status")) ? Burn.ALREADY_BURNED : Burn.ASSIGNED;
        }
    }

    /**
     * Marks the pool alerted, with the alert's outbox write in the same transaction, if it is below its threshold and was not
     * alerted yet: true exactly once per dip.
     */
    public boolean markAlerted(String poolId, TransactWriteItem announce) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(Update.builder().tableName(table).key(poolKey(poolId))
                    .updateExpression("SET alerted = :t").conditionExpression("attribute_not_exists(alerted) AND available < threshold")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))).build()).build(), announce));
            return true;
        } catch (TransactionCanceledException notNow) {
            return false;
        }
    }
}
