package com.fanops.messaging.store;

import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors: a query's last evaluated key (string attributes only) as base64url JSON. A cursor comes back from a
 * client, so it is checked before DynamoDB sees it: only key attributes, and the partition the page belongs to.
 */
final class Cursors {

    private static final Set<String> KEYS = Set.of("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk");

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> key) {
        if (key == null) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.mapper().writeValueAsBytes(plain));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, AttributeValue> decode(String cursor, String partitionName, String partition) {
        if (cursor == null) {
            return null;
        }
        try {
            Map<?, ?> plain = Json.mapper().readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : plain.entrySet()) {
                if (!(e.getKey() instanceof String k) || !KEYS.contains(k) || !(e.getValue() instanceof String v) || v.isEmpty()
                        || v.length() > 400) {
                    throw new IllegalArgumentException();
                }
                key.put(k, AttributeValue.fromS(v));
            }
            if (!partition.equals(plain.get(partitionName)) || !plain.containsKey("pk") || !plain.containsKey("sk")) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (Exception e) {
            throw ProblemException.invalidField("cursor", "not a cursor this list gave out");
        }
    }
}
