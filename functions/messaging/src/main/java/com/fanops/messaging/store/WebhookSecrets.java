package com.fanops.messaging.store;

import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.dynamo.Items;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook's signing secret, in the config table, encrypted as a personal field is (KMS envelope key):
 * <pre>
 *   pk=MESSAGING  sk=WEBHOOK-SECRET   secretEnc, createdAt, createdBy
 * </pre>
 * Made here (32 random bytes), shown once to the admin who made it, replaced by making another. The sender reads it
 * at most every five minutes.
 */
public final class WebhookSecrets {

    public record Created(String secret, Instant createdAt) {
        @Override
        public String toString() {
            return "Created[" + createdAt + "]";
        }
    }

    private static final Duration CACHE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient ddb;
    private final String table;
    private final FieldCipher cipher;
    private final Clock clock;
    private byte[] cached;
    private Instant cachedAt = Instant.MIN;

    public WebhookSecrets(DynamoDbClient ddb, String table, FieldCipher cipher, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Created create(String author) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Items.key("MESSAGING", "WEBHOOK-SECRET"));
        item.put("secretEnc", Items.s(cipher.encrypt("webhook", "secret", secret)));
        item.put("createdAt", Items.s(now.toString()));
        item.put("createdBy", Items.s(author));
        ddb.putItem(b -> b.tableName(table).item(item));
        synchronized (this) {
            cached = null;
        }
        return new Created(secret, now);
    }

    /** When the secret in force was made (to show in Settings), if one was. */
    public Optional<Instant> createdAt() {
        var r = ddb.getItem(b -> b.tableName(table).key(Items.key("MESSAGING", "WEBHOOK-SECRET")));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(Instant.parse(r.item().get("createdAt").s())) : Optional.empty();
    }

    /** The secret's bytes as the receiver uses them (the whole {@code whsec_...} text), if one was made. */
    public synchronized Optional<byte[]> current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(CACHE))) {
            var r = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key("MESSAGING", "WEBHOOK-SECRET")));
            if (!r.hasItem() || r.item().isEmpty()) {
                return Optional.empty();
            }
            cached = cipher.decrypt("webhook", "secret", r.item().get("secretEnc").s()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            cachedAt = now;
        }
        return Optional.of(cached);
    }
}
