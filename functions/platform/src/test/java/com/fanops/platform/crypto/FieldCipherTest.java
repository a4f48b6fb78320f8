package com.fanops.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.testing.LocalDynamo;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

class FieldCipherTest {

    /** Counts unwraps so the test can see keys are unwrapped once per container, not per value. */
    static final class CountingKeys implements DataKeyService {
        final Map<String, byte[]> byWrapped = new HashMap<>();
        final AtomicInteger unwraps = new AtomicInteger();
        final SecureRandom random = new SecureRandom();

        @Override
        public synchronized DataKey generate(String purpose) {
            byte[] key = new byte[32];
            byte[] handle = new byte[16];
            random.nextBytes(key);
            random.nextBytes(handle);
            byWrapped.put(java.util.HexFormat.of().formatHex(handle), key);
            return new DataKey(key, handle);
        }

        @Override
        public synchronized byte[] unwrap(byte[] wrapped, String purpose) {
            unwraps.incrementAndGet();
            return byWrapped.get(java.util.HexFormat.of().formatHex(wrapped));
        }
    }

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.client().createTable(b -> b.tableName("Config").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void valuesRoundTripAreBoundToRecordAndFieldAndSurviveANewContainer() {
        CountingKeys keys = new CountingKeys();
        FieldCipher cipher = new FieldCipher(new Keyring(dynamo.client(), "Config", keys, Clock.systemUTC()));
        String sealed = cipher.encrypt("m1", "contact", "li.lei@example.com");
        assertTrue(sealed.startsWith("v1.") && !sealed.contains("li.lei"));
        assertNotEquals(sealed, cipher.encrypt("m1", "contact", "li.lei@example.com"), "random IV per value");
        assertEquals("li.lei@example.com", cipher.decrypt("m1", "contact", sealed));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("m2", "contact", sealed), "moved to another member");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("m1", "nickname", sealed), "moved to another field");

        FieldCipher coldContainer = new FieldCipher(new Keyring(dynamo.client(), "Config", keys, Clock.systemUTC()));
        int before = keys.unwraps.get();
        assertEquals("li.lei@example.com", coldContainer.decrypt("m1", "contact", sealed));
        coldContainer.decrypt("m1", "contact", cipher.encrypt("m1", "contact", "x"));
        assertEquals(before + 1, keys.unwraps.get(), "a data key is unwrapped once per container");
        assertEquals(cipher.blindIndex("EMAIL:a@b.cn"), coldContainer.blindIndex("EMAIL:a@b.cn"));
        assertNotEquals(cipher.blindIndex("EMAIL:a@b.cn"), cipher.blindIndex("EMAIL:a@b.com"));
    }
}
