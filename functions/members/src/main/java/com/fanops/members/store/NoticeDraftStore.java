package com.fanops.members.store;

import com.fanops.members.domain.Purpose;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The one draft of each purpose's next notice, in the config table, so an admin can leave and resume it. Item:
 * {@code pk=NOTICEDRAFT#<purpose>, sk=DRAFT} with texts (map locale -> text), basedOn (the version in force when saved),
 * savedBy, savedAt. Saving replaces it; publishing does not need it.
 */
public final class NoticeDraftStore {

    public record Draft(Purpose purpose, Map<String, String> texts, int basedOn, String savedBy, Instant savedAt) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public NoticeDraftStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public Optional<Draft> find(Purpose purpose) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(key(purpose))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> texts = new HashMap<>();
        item.get("texts").m().forEach((k, v) -> texts.put(k, v.s()));
        return Optional.of(new Draft(purpose, texts, Integer.parseInt(item.get("basedOn").n()), item.get("savedBy").s(),
                Instant.parse(item.get("savedAt").s())));
    }

    public void save(Draft draft) {
        Map<String, AttributeValue> texts = new HashMap<>();
        draft.texts().forEach((k, v) -> texts.put(k, AttributeValue.fromS(v)));
        Map<String, AttributeValue> item = new HashMap<>(key(draft.purpose()));
        item.put("texts", AttributeValue.fromM(texts));
        item.put("basedOn", AttributeValue.fromN(String.valueOf(draft.basedOn())));
        item.put("savedBy", AttributeValue.fromS(draft.savedBy()));
        item.put("savedAt", AttributeValue.fromS(draft.savedAt().toString()));
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    /** True when there was a draft to discard. */
    public boolean discard(Purpose purpose) {
        var old = ddb.deleteItem(b -> b.tableName(table).key(key(purpose))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Map<String, AttributeValue> key(Purpose purpose) {
        return Map.of("pk", AttributeValue.fromS("NOTICEDRAFT#" + purpose.key()), "sk", AttributeValue.fromS("DRAFT"));
    }
}
