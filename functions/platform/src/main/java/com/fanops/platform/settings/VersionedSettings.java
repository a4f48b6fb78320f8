package com.fanops.platform.settings;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Settings that operators change, versioned in the config table: the one mechanism behind the engagement rules, the
 * KPI targets, the member settings and every later policy. A change names the version it was edited from
 * ({@code basedOn}, required) and becomes the next version only while that is still the version in force, else
 * {@link StaleSettingsException} (409); invalid settings are one 400 listing every field. Version 0 is the defaults
 * from code and is never stored.
 *
 * <pre>
 * Item layout (config table), one partition per settings name, one item per saved version, never updated:
 *   pk         S  SETTINGS#&lt;name&gt;              engagement, kpi-targets, members, ...
 *   sk         S  V#&lt;version, 10 digits&gt;       1, 2, 3, ... without gaps; the highest is in force
 *   version    N  the version number
 *   basedOn    N  the version the editor saw (the one in force then, so version - 1)
 *   changedBy  S  the operator's username
 *   changedAt  S  ISO-8601 instant, from the injected clock
 *   &lt;value&gt;    S  the settings as JSON (platform Json mapper); named per kind: rules, targets, settings
 *
 * Items saved before this mechanism are read as they are: engagement rules and KPI targets kept only pk, sk and the
 * JSON (which carries version, changedBy and changedAt itself); member settings kept version, changedBy, changedAt
 * and admission as attributes, without JSON. Both lack basedOn, read as version - 1.
 * </pre>
 *
 * The version in force is the newest item (one consistent query) rather than a separate "current" item: a change
 * reads it, refuses a basedOn that is not it, and puts V#&lt;basedOn + 1&gt; only if that item is absent. Versions
 * have no gaps, so the put succeeds exactly when basedOn is still in force - one conditional write, no transaction.
 * Readers may cache the version in force for a short while (the scorer reads the rules once per batch at most).
 */
public class VersionedSettings<T extends SettingsValue<T>> {

    /**
     * One kind of settings.
     *
     * @param name           the settings name in the key ({@code SETTINGS#<name>}) and in messages
     * @param type           the value's class, read and written as JSON
     * @param defaults       version 0
     * @param valueAttribute the item attribute holding the JSON
     * @param bodyField      the request field the value arrives in, prefixing its field errors ({@code rules.weights.like});
     *                       null when the value's fields are the request body's own
     */
    public record Kind<T>(String name, Class<T> type, T defaults, String valueAttribute, String bodyField) {
    }

    /** A page of versions, newest first; the last page ends with version 0, the defaults. */
    public record Page<T>(List<SettingsVersion<T>> items, String next) {

        /** The versions operators saved, without the defaults. */
        public List<SettingsVersion<T>> saved() {
            return items.stream().filter(v -> v.version() > 0).toList();
        }
    }

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    private static final String VERSION = "V#";
    private static final Set<String> METADATA = Set.of("pk", "sk", "version", "basedOn", "changedBy", "changedAt");

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final Duration cacheFor;
    private final Kind<T> kind;
    private final String pk;
    private SettingsVersion<T> cached;
    private Instant cachedAt = Instant.MIN;

    public VersionedSettings(DynamoDbClient ddb, String table, Clock clock, Duration cacheFor, Kind<T> kind) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.kind = kind;
        this.pk = "SETTINGS#" + kind.name();
    }

    /** The settings in force. */
    public T current() {
        return currentVersion().value();
    }

    /** The version in force, with its author and time (version 0, the defaults, when nothing was ever saved). */
    public synchronized SettingsVersion<T> currentVersion() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(cacheFor))) {
            cached = read();
            cachedAt = now;
        }
        return cached;
    }

    public SettingsVersion<T> defaults() {
        return new SettingsVersion<>(0, null, "default", Instant.EPOCH, kind.defaults().asVersion(0, "default", Instant.EPOCH));
    }

    /**
     * A page of the history, newest first, from the query string as given: {@code cursor} from the previous page's
     * {@code next}, {@code limit} 1-200 (50 when absent).
     */
    public Page<T> history(String cursor, String limit) {
        int size = pageSize(limit);
        Map<String, AttributeValue> start = decode(cursor);
        // One more than asked, to know whether another page follows without an empty last page.
        QueryResponse response = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS(VERSION)))
                .scanIndexForward(false).limit(size + 1).exclusiveStartKey(start).consistentRead(true));
        List<SettingsVersion<T>> items = new ArrayList<>(response.items().stream().limit(size).map(this::parse).toList());
        String next = null;
        if (response.items().size() > size) {
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    response.items().get(size - 1).get("sk").s().getBytes(StandardCharsets.UTF_8));
        } else {
            items.add(defaults());
        }
        return new Page<>(List.copyOf(items), next);
    }

    /**
     * Saves {@code proposed} as the version after {@code basedOn}, by {@code author}. A missing basedOn and every
     * invalid field are one 400 ({@link ProblemException#validation}); a basedOn that is not the version in force,
     * or that someone else saved on first, is {@link StaleSettingsException}.
     */
    public SettingsVersion<T> change(T proposed, Integer basedOn, String author) {
        List<FieldError> errors = new ArrayList<>();
        if (basedOn == null) {
            errors.add(new FieldError("basedOn", "the version you edited is required (0 when nothing was saved yet)"));
        } else if (basedOn < 0) {
            errors.add(new FieldError("basedOn", "a version number, 0 or more"));
        }
        if (proposed == null) {
            errors.add(new FieldError(kind.bodyField() == null ? "body" : kind.bodyField(), "is required"));
        } else {
            proposed.validate().forEach(e -> errors.add(new FieldError(field(e.field()), e.message())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        int inForce = read().version();
        if (inForce != basedOn) {
            throw new StaleSettingsException(kind.name(), basedOn, inForce);
        }
        int version = basedOn + 1;
        Instant at = clock.instant();
        T value = proposed.asVersion(version, author, at);
        String json;
        try {
            json = Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(kind.name() + " not writable as JSON", e);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk(version)));
        item.put("version", AttributeValue.fromN(String.valueOf(version)));
        item.put("basedOn", AttributeValue.fromN(String.valueOf(basedOn)));
        item.put("changedBy", AttributeValue.fromS(author));
        item.put("changedAt", AttributeValue.fromS(at.toString()));
        item.put(kind.valueAttribute(), AttributeValue.fromS(json));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new StaleSettingsException(kind.name(), basedOn, read().version());
        }
        synchronized (this) {
            cached = null;
        }
        return new SettingsVersion<>(version, basedOn, author, at, value);
    }

    private SettingsVersion<T> read() {
        var items = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS(VERSION)))
                .scanIndexForward(false).limit(1).consistentRead(true)).items();
        return items.isEmpty() ? defaults() : parse(items.get(0));
    }

    private SettingsVersion<T> parse(Map<String, AttributeValue> item) {
        try {
            ObjectNode tree = item.containsKey(kind.valueAttribute())
                    ? (ObjectNode) Json.mapper().readTree(item.get(kind.valueAttribute()).s()) : attributes(item);
            int version = Integer.parseInt(item.get("sk").s().substring(VERSION.length()));
            String changedBy = item.containsKey("changedBy") ? item.get("changedBy").s() : tree.path("changedBy").asText();
            Instant changedAt = Instant.parse(item.containsKey("changedAt") ? item.get("changedAt").s() : tree.path("changedAt").asText());
            Integer basedOn = item.containsKey("basedOn") ? Integer.valueOf(item.get("basedOn").n()) : version - 1;
            T value = Json.mapper().treeToValue(tree, kind.type()).asVersion(version, changedBy, changedAt);
            return new SettingsVersion<>(version, basedOn, changedBy, changedAt, value);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored " + kind.name() + " settings " + item.get("sk").s() + " unreadable", e);
        }
    }

    /** An item written before the value was kept as JSON: its plain attributes are the value's fields. */
    private static ObjectNode attributes(Map<String, AttributeValue> item) {
        ObjectNode tree = Json.mapper().createObjectNode();
        item.forEach((name, v) -> {
            if (METADATA.contains(name)) {
                return;
            }
            if (v.s() != null) {
                tree.put(name, v.s());
            } else if (v.n() != null) {
                tree.put(name, new BigDecimal(v.n()));
            } else if (v.bool() != null) {
                tree.put(name, v.bool());
            }
        });
        return tree;
    }

    private String field(String field) {
        return kind.bodyField() == null ? field : kind.bodyField() + "." + field;
    }

    private static String sk(int version) {
        return String.format("%s%010d", VERSION, version);
    }

    private static int pageSize(String raw) {
        try {
            int size = raw == null ? DEFAULT_PAGE : Integer.parseInt(raw);
            if (size < 1 || size > MAX_PAGE) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", "a whole number from 1 to " + MAX_PAGE);
        }
    }

    private Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sk.matches("V#\\d{10}")) {
                throw new IllegalArgumentException("cursor");
            }
            return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this API gave out");
        }
    }
}
