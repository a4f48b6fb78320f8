package com.fanops.interactions;

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
 * {@code pk=CHANNELKEY#<hash>, sk=KEY} (keyId, channel, name, createdAt, createdBy, revokedAt) and
 * {@code pk=CHANNELKEYID#<keyId>, sk=KEY} (hash) so an admin can revoke by id.
 */
public final class ChannelKeys {

    public static final List<String> CHANNELS = List.of("web", "wechat", "weibo", "douyin", "store", "event");

    public record Created(String keyId, String channel, String apiKey) {
    }

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
        ddb.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", s("CHANNELKEY#" + hash), "sk", s("KEY"), "keyId", s(keyId),
                        "channel", s(channel), "name", s(name), "createdAt", s(clock.instant().toString()), "createdBy", s(author)))),
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", s("CHANNELKEYID#" + keyId), "sk", s("KEY"), "hash", s(hash))))));
        return new Created(keyId, channel, apiKey);
    }

    public boolean revoke(String keyId) {
        var pointer = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("CHANNELKEYID#" + keyId), "sk", s("KEY")))).item();
        if (pointer == null || pointer.isEmpty()) {
            return false;
        }
        ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("CHANNELKEY#" + pointer.get("hash").s()), "sk", s("KEY")))
                .updateExpression("SET revokedAt = if_not_exists(revokedAt, :now)")
                .expressionAttributeValues(Map.of(":now", s(clock.instant().toString()))));
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
