package com.fanops.engagement.store;

import com.fanops.engagement.domain.ChannelKeyRequest;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Channel API keys, stored only as SHA-256 hashes in the config table:
 * {@code pk=CHANNELKEY#<hash>, sk=KEY} (keyId, channel, revokedAt) - what checking a key needs - and
 * {@code pk=CHANNELKEYS, sk=<keyId>} (hash, channel, name, createdAt, createdBy, revokedAt) so admins list keys and
 * revoke one by id. Both items are written together, and a revocation marks both.
 */
public final class ChannelKeys {

    public static final List<String> CHANNELS = ChannelKeyRequest.CHANNELS;
    /** A key's id as {@link #create} mints it: the first 12 characters of a UUID. */
    public static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{3}");

    public record Created(String keyId, String channel, String apiKey) {
    }

    /** A key as admins see it: never the key itself, nor its hash. */
    public record Listed(String keyId, String channel, String name, String createdAt, String createdBy, String revokedAt) {
    }

    private static final String LIST = "CHANNELKEYS";

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ChannelKeys(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    public Created create(String channel, String name, String author) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String apiKey = "fk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String keyId = UUID.randomUUID().toString().substring(0, 12);
        String hash = sha256(apiKey);
        Map<String, AttributeValue> byHash = Map.of("pk", s("CHANNELKEY#" + hash), "sk", s("KEY"), "keyId", s(keyId), "channel", s(channel));
        Map<String, AttributeValue> listed = Map.of("pk", s(LIST), "sk", s(keyId), "hash", s(hash), "keyId", s(keyId),
                "channel", s(channel), "name", s(name), "createdAt", s(clock.instant().toString()), "createdBy", s(author));
        ddb.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(table).item(byHash).conditionExpression("attribute_not_exists(pk)")),
                t -> t.put(p -> p.tableName(table).item(listed).conditionExpression("attribute_not_exists(pk)"))));
        return new Created(keyId, channel, apiKey);
    }

    /** Every key ever created, newest first, revoked ones included (with when). */
    public List<Listed> list() {
        return ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk").consistentRead(true)
                        .expressionAttributeValues(Map.of(":pk", s(LIST)))).items().stream()
                .map(i -> new Listed(i.get("keyId").s(), i.get("channel").s(), i.get("name").s(), i.get("createdAt").s(),
                        i.get("createdBy").s(), i.containsKey("revokedAt") ? i.get("revokedAt").s() : null))
                .sorted(java.util.Comparator.comparing(Listed::createdAt).reversed()).toList();
    }

    /** Revokes a key by id (a second revocation keeps the first time); false if there is no such key. */
    public boolean revoke(String keyId) {
        var listed = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s(LIST), "sk", s(keyId))).consistentRead(true)).item();
        if (listed == null || listed.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> now = Map.of(":now", s(clock.instant().toString()));
        String mark = "SET revokedAt = if_not_exists(revokedAt, :now)";
        ddb.transactWriteItems(b -> b.transactItems(
                t -> t.update(u -> u.tableName(table).key(Map.of("pk", s("CHANNELKEY#" + listed.get("hash").s()), "sk", s("KEY")))
                        .updateExpression(mark).expressionAttributeValues(now)),
                t -> t.update(u -> u.tableName(table).key(Map.of("pk", s(LIST), "sk", s(keyId)))
                        .updateExpression(mark).expressionAttributeValues(now))));
        return true;
    }

    /** The channel of a valid, unrevoked key. */
    public Optional<String> channelFor(String apiKey) {
        if (apiKey == null || !apiKey.startsWith("fk_") || apiKey.length() > 100) {
            return Optional.empty();
        }
        var item = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("CHANNELKEY#" + sha256(apiKey)), "sk", s("KEY")))).item();
        if (item == null || item.isEmpty() || item.containsKey("revokedAt")) {
            return Optional.empty();
        }
        return Optional.of(item.get("channel").s());
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
