package com.fanops.platform.http;

import com.fanops.platform.input.Text;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request body in two passes. The first streams every token (duplicate keys, depth, trailing tokens, numbers
 * beyond a double's range such as {@code 1e309}, text hygiene of every name and string), so a fault names the field
 * where the parser stood; the second binds to the record with {@link Json#strict()} (wrong types, unknown fields,
 * nulls inside arrays). Either way the answer is a 400 naming a path such as {@code events[0]} or {@code rules.weights.like}.
 */
final class JsonBody {

    /** Decimal exponents beyond this are no amount, weight or count we take (a double ends at 1.8e308). */
    private static final int MAX_EXPONENT = 308;

    private JsonBody() {
    }

    static <T> T read(String text, Class<T> type) {
        scan(text);
        try {
            T value = Json.strict().readValue(text, type);
            if (value == null) {
                throw ProblemException.invalidField("body", "must be a JSON object");
            }
            return value;
        } catch (InvalidNullException e) {
            throw ProblemException.invalidField(field(e), "must not be null");
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalidField(field(e), "unknown field");
        } catch (InvalidFormatException e) {
            throw ProblemException.invalidField(field(e), "must be " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw ProblemException.invalidField(field(e),
                    e.getTargetType() == null ? "has the wrong shape" : "must be " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            Throwable cause = e.getCause();
            throw ProblemException.invalidField(field(e), cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "is out of range or of the wrong type");
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("body", "is not valid JSON");
        }
    }

    /** The streaming pass: everything a parser alone can tell, named by where it stood. */
    static void scan(String text) {
        try (JsonParser p = Json.strict().getFactory().createParser(text)) {
            JsonToken token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw ProblemException.invalidField("body", "must be a JSON object");
            }
            while ((token = p.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> hygiene(p.currentName(), p.getParsingContext().getParent());
                    case VALUE_STRING -> {
                        // The body's size is bounded before parsing; a string longer than any field allows is named here.
                        if (p.getTextLength() > Text.MAX_ANY) {
                            throw ProblemException.invalidField(nameOr(p), "is too long");
                        }
                        hygiene(p.getText(), p.getParsingContext());
                    }
                    case VALUE_NUMBER_FLOAT -> finite(p);
                    case END_OBJECT, END_ARRAY -> {
                        if (p.getParsingContext().inRoot() && p.nextToken() != null) {
                            throw ProblemException.invalidField("body", "has content after the JSON object");
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (StreamConstraintsException e) {
            // Named where the parser stood: an over-long string at its own field, too deep a nesting at the innermost one.
            String at = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "";
            throw ProblemException.invalidField(at.isEmpty() ? "body" : at, "is nested too deeply or is too long");
        } catch (JsonProcessingException e) {
            // Only a duplicate has a place worth naming; a syntax error's place is wherever the parser gave up.
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            String at = duplicate && e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "";
            throw ProblemException.invalidField(at.isEmpty() ? "body" : at, duplicate ? "appears twice" : "is not valid JSON");
        } catch (IOException e) {
            throw ProblemException.invalidField("body", "is not valid JSON");
        }
    }

    /** A bad name is reported at its object (never echoed back); a bad string at its own path. */
    private static void hygiene(String value, JsonStreamContext at) {
        String problem = Text.problem(value, true);
        if (problem != null) {
            String path = path(at);
            throw ProblemException.invalidField(path.isEmpty() ? "body" : path, problem);
        }
    }

    private static void finite(JsonParser p) throws IOException {
        BigDecimal d = p.getDecimalValue();
        int exponent = d.precision() - d.scale() - 1;
        if (Math.abs((long) d.scale()) > 2 * MAX_EXPONENT || (d.signum() != 0 && Math.abs((long) exponent) > MAX_EXPONENT)) {
            throw ProblemException.invalidField(nameOr(p), "is out of range");
        }
    }

    private static String nameOr(JsonParser p) {
        String at = path(p.getParsingContext());
        return at.isEmpty() ? "body" : at;
    }

    /** The parser's position as {@code a.b[2].c}. */
    static String path(JsonStreamContext ctx) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            String part;
            if (c.inArray()) {
                part = "[" + Math.max(0, c.getCurrentIndex()) + "]";
            } else if (c.getCurrentName() != null) {
                part = (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName();
            } else {
                part = "";
            }
            out.insert(0, part);
        }
        String s = out.toString();
        return s.startsWith(".") ? s.substring(1) : s;
    }

    /** Jackson's reference path as {@code a.b[2].c}; {@code body} for the whole. */
    static String field(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return List.class.isAssignableFrom(type) ? "an array" : "an object";
    }
}
