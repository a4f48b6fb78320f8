package com.fanops.interactions.handler;

import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One event of a posted batch, read from its JSON into an {@link Interaction}: the JSON types of its fields (strings,
 * an amount as a JSON number or a decimal string), nothing else. What the values must be is decided by
 * {@code InteractionRules}.
 */
record IncomingEvent(Interaction interaction, List<FieldError> errors) {

    static final Set<String> FIELDS = Set.of("eventId", "memberId", "type", "occurredAt", "amount", "currency", "activityId",
            "refEventId", "channel");
    /** A decimal string: digits, an optional fraction, no sign, no exponent ("120.50"). */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");

    /**
     * Reads each event with floating-point numbers as exact decimals: a JSON number such as 99.95 or 1e309 becomes a
     * BigDecimal, never a double (which would round it, or turn it into Infinity).
     */
    static final class ExactTree extends StdDeserializer<JsonNode> {
        private static final ObjectReader EXACT = Json.strict().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Reads one element of the list: the tokens after it belong to the enclosing document.
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        ExactTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return EXACT.readTree(p);
        }
    }

    static IncomingEvent read(String channel, JsonNode e) {
        List<FieldError> errors = new ArrayList<>();
        String eventId = text(e, "eventId", errors);
        String memberId = text(e, "memberId", errors);
        String typeKey = text(e, "type", errors);
        InteractionType type = typeKey == null ? null : InteractionType.of(typeKey).orElse(null);
        if (typeKey != null && type == null) {
            errors.add(new FieldError("type", "unknown interaction type"));
        }
        String occurred = text(e, "occurredAt", errors);
        Instant at = null;
        if (occurred != null) {
            try {
                at = occurred.length() <= 40 ? Instant.parse(occurred) : null;
            } catch (DateTimeParseException ignored) {
                // reported below
            }
            if (at == null) {
                errors.add(new FieldError("occurredAt", "an ISO-8601 instant such as 2026-11-22T01:00:00Z"));
            }
        }
        BigDecimal amount = amount(e.get("amount"), errors);
        String currency = text(e, "currency", errors);
        String activityId = text(e, "activityId", errors);
        String refEventId = text(e, "refEventId", errors);
        text(e, "channel", errors); // ignored: the channel comes from the API key
        e.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                // A plain name is echoed; any other (huge, control characters, lone surrogates) is not sent back.
                boolean plain = FIELD_NAME.matcher(name).matches();
                errors.add(new FieldError(plain ? name : "(field)", plain ? "unknown field" : "unknown field with an unusual name"));
            }
        });
        return new IncomingEvent(new Interaction(channel, eventId, memberId, type, at, amount, currency, activityId, refEventId), errors);
    }

    /** The field's string, null when absent or JSON null; a field of another JSON type is an error. */
    private static String text(JsonNode e, String field, List<FieldError> errors) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return v.textValue();
    }

    private static BigDecimal amount(JsonNode v, List<FieldError> errors) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual() && DECIMAL.matcher(v.textValue()).matches()) {
            return new BigDecimal(v.textValue());
        }
        errors.add(new FieldError("amount", "a JSON number or a decimal string such as \"120.50\""));
        return null;
    }
}
