package com.fanops.platform.crypto;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The wrapped data keys, stored in the config table and unwrapped once per container. Items:
 * <pre>
 *   pk=KEYRING  sk=ACTIVE#&lt;purpose&gt;   keyId            (the key new ciphertexts use; created once, race-safe)
 *   pk=KEYRING  sk=KEY#&lt;keyId&gt;        wrapped (B64), purpose, createdAt
 * </pre>
 * Rotation = a new ACTIVE key id; old keys stay so old ciphertexts decrypt.
 */
public final class Keyring {

    private final DynamoDbClient ddb;
    private final String table;
    private final DataKeyService keys;
    private final Clock clock;
    private final Map<String, byte[]> plaintexts = new ConcurrentHashMap<>();
    private final Map<String, String> active = new ConcurrentHashMap<>();

    public Keyring(DynamoDbClient ddb, String table, DataKeyService keys, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.keys = keys;
        this.clock = clock;
    }

    /** The id of the key new values for this purpose are protected with. */
    public String activeKeyId(String purpose) {
        return active.computeIfAbsent(purpose, this::loadOrCreateActive);
    }

    public byte[] key(String keyId) {
        return plaintexts.computeIfAbsent(keyId, id -> {
            Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("KEYRING"), "sk", AttributeValue.fromS("KEY#" + id)))).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("data key " + id + " is missing from the keyring");
            }
            return keys.unwrap(Base64.getDecoder().decode(item.get("wrapped").s()), item.get("purpose").s());
        });
    }

    private String loadOrCreateActive(String purpose) {
        Map<String, AttributeValue> pointer = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("KEYRING"), "sk", AttributeValue.fromS("ACTIVE#" + purpose)))).item();
        if (pointer != null && !pointer.isEmpty()) {
            return pointer.get("keyId").s();
        }
        DataKeyService.DataKey fresh = keys.generate(purpose);
        String keyId = UUID.randomUUID().toString().substring(0, 8);
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("KEYRING"), "sk", AttributeValue.fromS("KEY#" + keyId),
                "wrapped", AttributeValue.fromS(Base64.getEncoder().encodeToString(fresh.wrapped())),
                "purpose", AttributeValue.fromS(purpose), "createdAt", AttributeValue.fromS(clock.instant().toString()))));
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("KEYRING"),
                    "sk", AttributeValue.fromS("ACTIVE#" + purpose), "keyId", AttributeValue.fromS(keyId)))
                    .conditionExpression("attribute_not_exists(pk)"));
            plaintexts.put(keyId, fresh.plaintext());
            return keyId;
        } catch (ConditionalCheckFailedException raced) {
            // Another container created the active key first: use theirs (ours stays unused).
            return loadOrCreateActive(purpose);
        }
    }
}
