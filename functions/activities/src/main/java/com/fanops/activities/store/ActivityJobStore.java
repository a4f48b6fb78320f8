package com.fanops.activities.store;

import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.Items;
import com.fanops.platform.jobs.Shard;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * What the daily activities job writes beside an activity (Activities table, the activity's partition):
 * <pre>
 *   pk=ACT#&lt;id&gt; sk=AUD#&lt;memberId&gt;         group INVITED | HELD_OUT, drawnAt, sentAt (the invitation was requested) - the
 *                                          audience snapshot: who was in the audience at publication and in which group,
 *                                          whatever their tier or segments become
 *   pk=ACT#&lt;id&gt; sk=MSG#&lt;kind&gt;#&lt;memberId&gt;  claimedAt, sentAt - a reminder or a survey requested once
 *   pk=ACT#&lt;id&gt; sk=JOB                     the activity's marks: invitedAt, surveyedAt (the shards' walks finished),
 *                                          rankSentAt (the ranking published), firstEvaluatedOn, finalOn
 * </pre>
 * A per-member item is claimed with a conditional put and marked {@code sentAt} once the request has gone: a shard
 * redelivered after a crash between the two sends the request again (messaging keeps one message per member, kind and
 * cause, so the member still gets one), and a shard redelivered after the mark sends nothing.
 */
public final class ActivityJobStore {

    public enum Group { INVITED, HELD_OUT }

    /** A claimed per-member item: whether the request still has to be sent (fresh claim, or claimed before and not sent). */
    public record Claim(Group group, boolean toSend) {
    }

    /** The activity's job marks ({@code null}: not yet). */
    public record Marks(Instant invitedAt, Instant surveyedAt, Instant rankSentAt, LocalDate firstEvaluatedOn,
                        LocalDate finalOn) {
        public static final Marks NONE = new Marks(null, null, null, null, null);
    }

    private final DynamoDbClient ddb;
    private final String table;

    public ActivityJobStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** Writes the member's group in the audience snapshot once; a second draw keeps the first (and says whether to send). */
    public Claim draw(String activityId, String memberId, Group group, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(RegistrationStore.pk(activityId), "AUD#" + memberId));
        item.put("memberId", s(memberId));
        item.put("group", s(group.name()));
        item.put("drawnAt", s(at.toString()));
        Map<String, AttributeValue> old = claim(item);
        if (old == null) {
            return new Claim(group, group == Group.INVITED);
        }
        Group stored = Group.valueOf(str(old, "group"));
        return new Claim(stored, stored == Group.INVITED && !old.containsKey("sentAt"));
    }

    public void invitationSent(String activityId, String memberId, Instant at) {
        sent(Items.key(RegistrationStore.pk(activityId), "AUD#" + memberId), at);
    }

    /** Claims a reminder or a survey of a member: true when it still has to be sent. */
    public boolean claimMessage(String activityId, String kind, String memberId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(RegistrationStore.pk(activityId), "MSG#" + kind + "#" + memberId));
        item.put("claimedAt", s(at.toString()));
        Map<String, AttributeValue> old = claim(item);
        return old == null || !old.containsKey("sentAt");
    }

    public void messageSent(String activityId, String kind, String memberId, Instant at) {
        sent(Items.key(RegistrationStore.pk(activityId), "MSG#" + kind + "#" + memberId), at);
    }

    /** The snapshot's members in a shard's id range, with their group. */
    public void forEachDrawn(String activityId, Shard shard, BiConsumer<String, Group> each) {
        Map<String, AttributeValue> values = RegistrationStore.range(activityId, "AUD#", shard);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(q -> q.tableName(table).keyConditionExpression(RegistrationStore.RANGE).expressionAttributeValues(values)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> i : page.items()) {
                String memberId = str(i, "memberId");
                if (shard.contains(memberId)) {
                    each.accept(memberId, Group.valueOf(str(i, "group")));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    public Marks marks(String activityId) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table).key(job(activityId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Marks.NONE;
        }
        return new Marks(instant(item, "invitedAt"), instant(item, "surveyedAt"), instant(item, "rankSentAt"), day(item, "firstEvaluatedOn"), day(item, "finalOn"));
    }

    /** Sets a mark once; true when this call set it (a later call keeps the first value). */
    public boolean mark(String activityId, String name, String value) {
        try {
            ddb.updateItem(u -> u.tableName(table).key(job(activityId)).updateExpression("SET #m = :v")
                    .conditionExpression("attribute_not_exists(#m)").expressionAttributeNames(Map.of("#m", name))
                    .expressionAttributeValues(Map.of(":v", s(value))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    private Map<String, AttributeValue> claim(Map<String, AttributeValue> item) {
        try {
            ddb.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return null;
        } catch (ConditionalCheckFailedException exists) {
            return exists.hasItem() ? exists.item() : Map.of();
        }
    }

    private void sent(Map<String, AttributeValue> key, Instant at) {
        ddb.updateItem(u -> u.tableName(table).key(key).updateExpression("SET sentAt = if_not_exists(sentAt, :at)")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    private static Map<String, AttributeValue> job(String activityId) {
        return Items.key(RegistrationStore.pk(activityId), "JOB");
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    private static LocalDate day(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : LocalDate.parse(v);
    }
}
