package com.fanops.platform.settings;

import com.fanops.platform.json.Json;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One version of some settings: its number, the version it was edited from, who saved it and when, and the value.
 * Version 0 is the defaults from code ({@code basedOn} null, author {@code default}, time the epoch).
 *
 * <p>In JSON it is one flat object - version, basedOn, changedBy, changedAt, then the value's own fields - the shape
 * the admin API has always answered with, so a client reads the version and the settings from the same object.
 */
public record SettingsVersion<T>(int version, Integer basedOn, String changedBy, Instant changedAt, T value) {

    @JsonValue
    public ObjectNode json() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("version", version);
        if (basedOn != null) {
            out.put("basedOn", basedOn);
        }
        out.put("changedBy", changedBy);
        out.put("changedAt", changedAt.toString());
        JsonNode fields = Json.mapper().valueToTree(value);
        // A value that carries its own version fields has them equal to these; the metadata above stays first.
        fields.properties().forEach(f -> {
            if (!out.has(f.getKey())) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return out;
    }
}
