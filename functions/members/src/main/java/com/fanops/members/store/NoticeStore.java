package com.fanops.members.store;

import com.fanops.members.domain.Notice;
import com.fanops.members.domain.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Versioned notices in the config table. Item: {@code pk=NOTICE#<purpose>, sk=V#<0000000001>} with
 * version, texts (map locale -> text), publishedAt, publishedBy. The current notice is the highest
 * version; versions are never edited. The first read seeds version 1 of each purpose.
 */
public final class NoticeStore {

    static final Map<Purpose, Map<String, String>> DEFAULTS = Map.of(
            Purpose.MEMBERSHIP, Map.of(
                    "zh-CN", "会员条款：我们为提供会员服务收集您的昵称、一项联系方式、地区与来源渠道，仅用于会员管理；您可随时查询、更正、删除个人信息或退出会员。",
                    "en", "Membership terms: we collect your nickname, one contact, region and channel of origin only to run your membership. You may access, correct or erase your data, or leave, at any time."),
            Purpose.MARKETING, Map.of(
                    "zh-CN", "营销信息：同意后我们会向您发送活动、优惠与关怀信息，可随时撤回。",
                    "en", "Marketing messages: with your consent we send you activities, offers and care messages. You can withdraw at any time."),
            Purpose.PERSONALISATION, Map.of(
                    "zh-CN", "个性化分析：同意后我们会分析您的互动以推荐内容与权益，可随时撤回。",
                    "en", "Personalised analysis: with your consent we analyse your interactions to tailor content and benefits. You can withdraw at any time."));

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public NoticeStore(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    public Map<Purpose, Notice> current() {
        Map<Purpose, Notice> out = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            out.put(purpose, latest(purpose));
        }
        return out;
    }

    private Notice latest(Purpose purpose) {
        List<Map<String, AttributeValue>> items = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NOTICE#" + purpose.key())))
                .scanIndexForward(false).limit(1).consistentRead(true)).items();
        if (items.isEmpty()) {
            return seed(purpose);
        }
        return notice(purpose, items.get(0));
    }

    /** The newest {@code limit} versions of a purpose's notice, newest first (one Query; versions are never edited). */
    public List<Notice> history(Purpose purpose, int limit) {
        latest(purpose);
        return ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NOTICE#" + purpose.key())))
                        .scanIndexForward(false).limit(limit).consistentRead(true)).items().stream()
                .map(i -> notice(purpose, i)).toList();
    }

    /** The version that would follow the current one. */
    public Notice next(Purpose purpose, Map<String, String> texts, String author) {
        return new Notice(purpose, latest(purpose).version() + 1, texts, clock.instant(), author);
    }

    /** Publishes a version with other writes (its event) in one transaction; a concurrent publish of the same version fails. */
    public void publish(Notice next, List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> also) {
        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes = new java.util.ArrayList<>(also);
        writes.add(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item(next)).conditionExpression("attribute_not_exists(pk)")).build());
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            throw new MemberStore.ConcurrentChangeException();
        }
    }

    /** Publishes the next version on its own (tests and seeding). */
    public Notice publish(Purpose purpose, Map<String, String> texts, String author) {
        Notice next = next(purpose, texts, author);
        publish(next, List.of());
        return next;
    }

    private Notice seed(Purpose purpose) {
        Notice first = new Notice(purpose, 1, DEFAULTS.get(purpose), Instant.EPOCH, "system");
        try {
            put(first);
        } catch (ConditionalCheckFailedException seededMeanwhile) {
            return latest(purpose);
        }
        return first;
    }

    private void put(Notice n) {
        ddb.putItem(b -> b.tableName(table).item(item(n)).conditionExpression("attribute_not_exists(pk)"));
    }

    private static Map<String, AttributeValue> item(Notice n) {
        Map<String, AttributeValue> texts = new HashMap<>();
        n.texts().forEach((k, v) -> texts.put(k, AttributeValue.fromS(v)));
        return Map.of("pk", AttributeValue.fromS("NOTICE#" + n.purpose().key()), "sk", AttributeValue.fromS(String.format("V#%010d", n.version())),
                "version", AttributeValue.fromN(String.valueOf(n.version())), "texts", AttributeValue.fromM(texts),
                "publishedAt", AttributeValue.fromS(n.publishedAt().toString()), "publishedBy", AttributeValue.fromS(n.publishedBy()));
    }

    private static Notice notice(Purpose purpose, Map<String, AttributeValue> item) {
        Map<String, String> texts = new HashMap<>();
        item.get("texts").m().forEach((k, v) -> texts.put(k, v.s()));
        return new Notice(purpose, Integer.parseInt(item.get("version").n()), texts, Instant.parse(item.get("publishedAt").s()),
                item.get("publishedBy").s());
    }
}
