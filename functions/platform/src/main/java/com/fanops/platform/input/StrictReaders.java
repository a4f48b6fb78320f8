package com.fanops.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Readers the strict request mapper uses for every string and date, whatever the record: each string passes the
 * baseline of {@link Text} (multi-line allowed; fields add their own, tighter rules) and is NFC; dates and times are
 * ISO-8601 strings only (no epoch numbers, no arrays, no empty string read as "absent"), within {@link Dates}' years.
 */
public final class StrictReaders {

    private StrictReaders() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("fanops-strict-input");
        module.addDeserializer(String.class, new CleanString());
        module.addDeserializer(LocalDate.class, new IsoDate());
        module.addDeserializer(Instant.class, new IsoInstant());
        return module;
    }

    /** A field error Jackson carries up with the field's path; the request reader turns it into a 400 naming the field. */
    static JsonMappingException invalid(JsonParser p, String message) {
        return JsonMappingException.from(p, message, new IllegalArgumentException(message));
    }

    static final class CleanString extends StdScalarDeserializer<String> {
        CleanString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value == null) {
                return null;
            }
            String problem = Text.problem(value, true);
            if (problem != null) {
                throw invalid(p, problem);
            }
            if (value.length() > Text.MAX_ANY) {
                throw invalid(p, "is too long");
            }
            return Text.normalise(value);
        }
    }

    static final class IsoDate extends StdScalarDeserializer<LocalDate> {
        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            try {
                return Dates.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw invalid(p, e.getMessage());
            }
        }
    }

    static final class IsoInstant extends StdScalarDeserializer<Instant> {
        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String raw = p.getText();
            Instant at;
            try {
                at = raw.length() > 40 ? null : DateTimeFormatter.ISO_INSTANT.parse(raw, Instant::from);
            } catch (DateTimeParseException e) {
                at = null;
            }
            if (at == null) {
                throw invalid(p, "must be an ISO-8601 time such as 2026-03-01T10:00:00Z");
            }
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            if (day.isBefore(Dates.MIN) || day.isAfter(Dates.MAX)) {
                throw invalid(p, "must be between " + Dates.MIN + " and " + Dates.MAX);
            }
            return at;
        }
    }
}
