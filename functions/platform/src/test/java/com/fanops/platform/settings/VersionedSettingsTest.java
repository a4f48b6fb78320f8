package com.fanops.platform.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

class VersionedSettingsTest {

    /** A policy as later settings will look: a few fields, each checked. */
    record Greeting(String text, Integer maxPerDay) implements SettingsValue<Greeting> {
        static final Greeting DEFAULTS = new Greeting("Welcome!", 3);

        @Override
        public List<FieldError> validate() {
            List<FieldError> errors = new ArrayList<>();
            if (text == null || text.isBlank() || text.length() > 40) {
                errors.add(new FieldError("text", "1 to 40 characters"));
            }
            if (maxPerDay == null || maxPerDay < 1 || maxPerDay > 10) {
                errors.add(new FieldError("maxPerDay", "from 1 to 10"));
            }
            return errors;
        }
    }

    private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
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

    private static VersionedSettings<Greeting> settings(String name, MutableClock clock) {
        return new VersionedSettings<>(dynamo.client(), "Config", clock, Duration.ZERO,
                new VersionedSettings.Kind<>(name, Greeting.class, Greeting.DEFAULTS, "greeting", "greeting"));
    }

    private static ProblemException invalid(Runnable change) {
        ProblemException e = assertThrows(ProblemException.class, change::run);
        assertEquals(400, e.problem().status());
        return e;
    }

    private static List<String> fields(ProblemException e) {
        return e.problem().errors().stream().map(FieldError::field).toList();
    }

    @Test
    void theFirstSaveIsBasedOnTheDefaultsVersionZero() {
        MutableClock clock = new MutableClock(T0);
        var greeting = settings("first", clock);
        SettingsVersion<Greeting> defaults = greeting.currentVersion();
        assertEquals(0, defaults.version());
        assertEquals(Greeting.DEFAULTS, defaults.value(), "nothing saved: the defaults from code");
        assertNull(defaults.basedOn());

        clock.advance(Duration.ofMinutes(5));
        SettingsVersion<Greeting> saved = greeting.change(new Greeting("Hello", 2), 0, "admin@fanops.local");
        assertEquals(new SettingsVersion<>(1, 0, "admin@fanops.local", T0.plus(Duration.ofMinutes(5)), new Greeting("Hello", 2)), saved);
        assertEquals(saved, greeting.currentVersion());
        assertEquals(new Greeting("Hello", 2), greeting.current());
    }

    @Test
    void anEditFromAVersionNoLongerInForceIsStaleAndNamesTheVersionInForce() {
        var greeting = settings("stale", new MutableClock(T0));
        greeting.change(new Greeting("One", 1), 0, "a@fanops.local");
        greeting.change(new Greeting("Two", 2), 1, "b@fanops.local");

        StaleSettingsException behind = assertThrows(StaleSettingsException.class,
                () -> greeting.change(new Greeting("Late", 1), 1, "c@fanops.local"));
        assertEquals(2, behind.current());
        assertEquals(409, behind.problem().status());
        assertEquals(StaleSettingsException.TYPE, behind.problem().type());
        assertTrue(behind.problem().detail().contains("version 2 is in force"), behind.problem().detail());
        StaleSettingsException ahead = assertThrows(StaleSettingsException.class,
                () -> greeting.change(new Greeting("Ahead", 1), 7, "c@fanops.local"), "a version nobody saved is not in force either");
        assertEquals(2, ahead.current());
        assertEquals(new Greeting("Two", 2), greeting.current(), "nothing changed");
    }

    @Test
    void twoEditsOnTheSameVersionAtOnceExactlyOneWins() throws Exception {
        var greeting = settings("race", new MutableClock(T0));
        greeting.change(new Greeting("Base", 1), 0, "a@fanops.local");
        int editors = 6;
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < editors; i++) {
                int editor = i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        greeting.change(new Greeting("Editor " + editor, 2), 1, "editor" + editor + "@fanops.local");
                        return true;
                    } catch (StaleSettingsException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> outcome : outcomes) {
                won += outcome.get() ? 1 : 0;
            }
            assertEquals(1, won, "one edit becomes version 2, every other is told it is stale");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, greeting.currentVersion().version());
        assertEquals(List.of(2, 1, 0), greeting.history(null, null).items().stream().map(SettingsVersion::version).toList());
    }

    @Test
    void historyIsNewestFirstWithAuthorTimeAndBasedOnPageByPage() {
        MutableClock clock = new MutableClock(T0);
        var greeting = settings("history", clock);
        for (int v = 1; v <= 3; v++) {
            clock.set(T0.plus(Duration.ofHours(v)));
            greeting.change(new Greeting("V" + v, v), v - 1, "editor" + v + "@fanops.local");
        }
        var first = greeting.history(null, "2");
        assertEquals(List.of(3, 2), first.items().stream().map(SettingsVersion::version).toList());
        assertEquals(new SettingsVersion<>(3, 2, "editor3@fanops.local", T0.plus(Duration.ofHours(3)), new Greeting("V3", 3)),
                first.items().get(0));
        assertTrue(first.next() != null, "another page follows");
        var last = greeting.history(first.next(), "2");
        assertEquals(List.of(1, 0), last.items().stream().map(SettingsVersion::version).toList(), "the last page ends with the defaults");
        assertEquals(new SettingsVersion<>(1, 0, "editor1@fanops.local", T0.plus(Duration.ofHours(1)), new Greeting("V1", 1)),
                last.items().get(0));
        assertNull(last.next());
        assertEquals(List.of(3, 2, 1), greeting.history(null, null).saved().stream().map(SettingsVersion::version).toList());
        assertEquals(List.of("cursor"), fields(invalid(() -> greeting.history("bm90LWEtY3Vyc29y", null))));
        assertEquals(List.of("limit"), fields(invalid(() -> greeting.history(null, "500"))));
    }

    @Test
    void aChangeWithoutBasedOnIsRefusedNotLastWriteWins() {
        var greeting = settings("no-based-on", new MutableClock(T0));
        greeting.change(new Greeting("One", 1), 0, "a@fanops.local");
        ProblemException e = invalid(() -> greeting.change(new Greeting("Blind", 1), null, "b@fanops.local"));
        assertEquals(List.of("basedOn"), fields(e));
        assertEquals(new Greeting("One", 1), greeting.current(), "nothing saved");
    }

    @Test
    void invalidSettingsAreOne400ListingEveryField() {
        var greeting = settings("invalid", new MutableClock(T0));
        ProblemException e = invalid(() -> greeting.change(new Greeting("", 11), null, "a@fanops.local"));
        assertEquals(List.of("basedOn", "greeting.text", "greeting.maxPerDay"), fields(e));
        assertEquals(List.of("greeting"), fields(invalid(() -> greeting.change(null, 0, "a@fanops.local"))));
        assertEquals(0, greeting.currentVersion().version(), "nothing saved");
    }

    @Test
    void aVersionIsOneFlatJsonObjectWithItsMetadataFirst() throws Exception {
        var greeting = settings("json", new MutableClock(T0));
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(greeting.change(new Greeting("Hi", 4), 0, "a@fanops.local")));
        assertEquals(List.of("version", "basedOn", "changedBy", "changedAt", "text", "maxPerDay"), iterable(json.fieldNames()));
        assertEquals(T0.toString(), json.path("changedAt").asText());
    }

    @Test
    void itemsSavedBeforeThisMechanismAreReadAsTheyAre() {
        // The engagement rules and KPI targets kept only the JSON (with its own version fields) ...
        dynamo.client().putItem(b -> b.tableName("Config").item(Map.of("pk", AttributeValue.fromS("SETTINGS#legacy-json"),
                "sk", AttributeValue.fromS("V#0000000001"),
                "greeting", AttributeValue.fromS("{\"version\":1,\"changedBy\":\"old@fanops.local\",\"changedAt\":\"2026-01-02T03:04:05Z\","
                        + "\"text\":\"Old\",\"maxPerDay\":5}"))));
        assertEquals(new SettingsVersion<>(1, 0, "old@fanops.local", Instant.parse("2026-01-02T03:04:05Z"), new Greeting("Old", 5)),
                settings("legacy-json", new MutableClock(T0)).currentVersion());
        // ... the member settings kept their fields as attributes.
        dynamo.client().putItem(b -> b.tableName("Config").item(Map.of("pk", AttributeValue.fromS("SETTINGS#legacy-flat"),
                "sk", AttributeValue.fromS("V#0000000002"), "version", AttributeValue.fromN("2"),
                "changedBy", AttributeValue.fromS("old@fanops.local"), "changedAt", AttributeValue.fromS("2026-01-02T03:04:05Z"),
                "text", AttributeValue.fromS("Flat"), "maxPerDay", AttributeValue.fromN("6"))));
        var flat = settings("legacy-flat", new MutableClock(T0));
        assertEquals(new SettingsVersion<>(2, 1, "old@fanops.local", Instant.parse("2026-01-02T03:04:05Z"), new Greeting("Flat", 6)),
                flat.currentVersion());
        assertEquals(3, flat.change(new Greeting("New", 1), 2, "a@fanops.local").version(), "and edited from");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
