package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.rewards.domain.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Grants waiting for an admin's approval. Rewards table item:
 * <pre>
 *   pk=APPROVAL#&lt;approvalId&gt;  sk=APPROVAL   memberId, itemId, grantId, reason, requestedBy, requestedAt, cost, status
 *                 (pending | approved | rejected), decidedBy, decidedAt, decisionReason, issuanceId;
 *                 gsi2pk=APPROVALS#pending gsi2sk=&lt;requestedAt&gt;#&lt;id&gt; while pending (the queue)
 * </pre>
 * A decision is one conditional update ({@code status = pending}), so two admins cannot both decide.
 */
public final class ApprovalStore {

    private final DynamoDbClient ddb;
    private final String table;

    public ApprovalStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String approvalId) {
        return com.fanops.platform.dynamo.Items.key("APPROVAL#" + approvalId, "APPROVAL");
    }

    /** Files a pending approval; false if one with this id exists (a repeated request). */
    public boolean create(Approval a) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.approvalId()));
        item.put("memberId", s(a.memberId()));
        item.put("itemId", s(a.itemId()));
        item.put("grantId", s(a.grantId()));
        item.put("reason", s(a.reason()));
        item.put("requestedBy", s(a.requestedBy()));
        item.put("requestedAt", s(a.requestedAt().toString()));
        item.put("cost", n(a.cost()));
        item.put("status", s(Approval.Status.PENDING.key()));
        item.put("gsi2pk", s("APPROVALS#pending"));
        item.put("gsi2sk", s(a.requestedAt() + "#" + a.approvalId()));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<Approval> get(String approvalId) {
        var item = ddb.getItem(b -> b.tableName(table).key(key(approvalId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(approval(item));
    }

    /** Records the decision if the approval is still pending; false otherwise. */
    public boolean decide(String approvalId, Approval.Status to, String admin, Instant at, String reason, String issuanceId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.key()), ":p", s("pending"), ":by", s(admin),
                ":at", s(at.toString()), ":why", s(reason)));
        String set = "SET #s = :to, decidedBy = :by, decidedAt = :at, decisionReason = :why";
        if (issuanceId != null) {
            values.put(":i", s(issuanceId));
            set += ", issuanceId = :i";
        }
        String expression = set + " REMOVE gsi2pk, gsi2sk";
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(approvalId)).updateExpression(expression).conditionExpression("#s = :p")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException decided) {
            return false;
        }
    }

    public List<Approval> pending() {
        List<Approval> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s("APPROVALS#pending")))).items()
                .forEach(i -> get(str(i, "pk").substring("APPROVAL#".length())).ifPresent(out::add));
        return out;
    }

    private static Approval approval(Map<String, AttributeValue> i) {
        String decidedAt = str(i, "decidedAt");
        return new Approval(str(i, "pk").substring("APPROVAL#".length()), str(i, "memberId"), str(i, "itemId"), str(i, "grantId"),
                str(i, "reason"), str(i, "requestedBy"), Instant.parse(str(i, "requestedAt")), num(i, "cost"),
                Approval.Status.valueOf(str(i, "status").toUpperCase(Locale.ROOT)), str(i, "decidedBy"),
                decidedAt == null ? null : Instant.parse(decidedAt), str(i, "decisionReason"), str(i, "issuanceId"));
    }
}
