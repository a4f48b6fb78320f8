package com.fanops.activities.store;

import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.num;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.Items;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The post-activity survey's answers, one per member and activity. Activities table item:
 * <pre>
 *   pk=ACT#&lt;id&gt; sk=SURVEY#&lt;memberId&gt;   score (N, 1-5), commentEnc (optional: the comment, field-encrypted), answeredAt
 * </pre>
 * The answer is put under "none yet", so a second answer (or a retried one) changes nothing. The evaluation reads the
 * scores with one query of the activity's partition ({@code begins_with(sk, SURVEY#)}).
 */
public final class SurveyStore {

    private static final String PREFIX = "SURVEY#";

    private final DynamoDbClient ddb;
    private final String table;

    public SurveyStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** A member's answer as stored: the free-text comment only as its ciphertext ({@code FieldCipher}), or null. */
    public record Answer(String activityId, String memberId, int score, String commentEnc, Instant answeredAt) {
    }

    /** Records an answer; false when this member already answered for this activity. */
    public boolean put(Answer a) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(RegistrationStore.pk(a.activityId()), PREFIX + a.memberId()));
        item.put("score", n(a.score()));
        if (a.commentEnc() != null) {
            item.put("commentEnc", s(a.commentEnc()));
        }
        item.put("answeredAt", s(a.answeredAt().toString()));
        try {
            ddb.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    public Optional<Answer> get(String activityId, String memberId) {
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(table)
                .key(Items.key(RegistrationStore.pk(activityId), PREFIX + memberId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(answer(activityId, item));
    }

    /** Every score given for the activity (what the evaluation's satisfaction is the mean of). */
    public List<Integer> scores(String activityId) {
        List<Integer> out = new ArrayList<>();
        ddb.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                        .projectionExpression("score")
                        .expressionAttributeValues(Map.of(":p", s(RegistrationStore.pk(activityId)), ":s", s(PREFIX))))
                .items().forEach(i -> out.add((int) num(i, "score")));
        return out;
    }

    private static Answer answer(String activityId, Map<String, AttributeValue> item) {
        String sk = str(item, "sk");
        return new Answer(activityId, sk.substring(PREFIX.length()), (int) num(item, "score"), str(item, "commentEnc"),
                Instant.parse(str(item, "answeredAt")));
    }
}
