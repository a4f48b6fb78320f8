package com.fanops.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.json.Json;
import com.fanops.platform.input.Dates;
import com.fanops.platform.input.Text;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** An HTTP API (payload 2.0) request as a handler reads it: params, headers, a strictly parsed body, the caller. */
public final class ApiRequest {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    /** The longest path parameter any route takes (DynamoDB keys hold far more, so no id can reach its limit). */
    public static final int MAX_PARAM = 200;
    private static final int MAX_CURSOR = 512;
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    private final APIGatewayV2HTTPEvent event;
    private final String correlationId;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        String header = header("x-correlation-id");
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        this.correlationId = header != null && SAFE_ID.matcher(header).matches() ? header
                : requestId != null ? requestId : UUID.randomUUID().toString();
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getHttp().getMethod();
    }

    public String path() {
        return event.getRawPath();
    }

    /**
     * A path parameter of the given shape (ids, keys): anything longer than {@link #MAX_PARAM} or not of the shape is a 400
     * naming the parameter, so no request ever reaches a table with a key it cannot hold.
     */
    public String pathParam(String name, Pattern shape) {
        String value = rawPath(name);
        if (value == null || value.length() > MAX_PARAM || !shape.matcher(value).matches()) {
            throw ProblemException.invalidField(name, "is not a valid " + name);
        }
        return value;
    }

    /** A date in the path, {@code YYYY-MM-DD}, strictly parsed within the plausible years. */
    public LocalDate pathDate(String name) {
        String value = rawPath(name);
        try {
            return Dates.parse(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
    }

    /** A one-line text query parameter of at most {@code maxLength} characters, stripped and NFC; null when absent. */
    public String queryText(String name, int maxLength) {
        String value = rawQuery(name);
        if (value == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        String clean = Text.line(errors, name, value, maxLength, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return clean;
    }

    /** A whole number from {@code min} to {@code max}, {@code dflt} when absent; anything else is a 400 naming the parameter. */
    public int queryInt(String name, int min, int max, int dflt) {
        String value = rawQuery(name);
        if (value == null) {
            return dflt;
        }
        if (value.length() <= 11 && WHOLE.matcher(value).matches()) {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return (int) n;
            }
        }
        throw ProblemException.invalidField(name, "a whole number from " + min + " to " + max);
    }

    /** A date {@code YYYY-MM-DD} from {@code min} to {@code max}, null when absent; anything else is a 400 naming the parameter. */
    public LocalDate queryDate(String name, LocalDate min, LocalDate max) {
        String value = rawQuery(name);
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = Dates.parse(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
        if (date.isBefore(min) || date.isAfter(max)) {
            throw ProblemException.invalidField(name, "must be from " + min + " to " + max);
        }
        return date;
    }

    /**
     * An opaque paging cursor as this API hands them out (unpadded base64url, bounded); null when absent. Whoever issued it
     * still checks what it decodes to.
     */
    public String queryCursor(String name) {
        String value = rawQuery(name);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CURSOR || !CURSOR.matcher(value).matches()) {
            throw ProblemException.invalidField(name, "not a cursor this API gave out");
        }
        return value;
    }

    private String rawPath(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    private String rawQuery(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? null : params.get(name);
    }

    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return h.getValue();
            }
        }
        return null;
    }

    public String correlationId() {
        return correlationId;
    }

    public String sourceIp() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getHttp().getSourceIp();
    }

    public String userAgent() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getHttp().getUserAgent();
    }

    public Caller caller() {
        return Caller.fromEvent(event);
    }

    /** The body as UTF-8 text; 413 over {@code maxBytes}, 400 naming {@code body} for bytes that are not UTF-8. */
    public String bodyText(int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        byte[] bytes = event.getIsBase64Encoded() ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw ProblemException.payloadTooLarge(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField("body", "is not valid UTF-8");
        }
    }

    /** Parses a JSON body strictly: unknown fields, wrong types and malformed JSON are 400s naming the field. */
    public <T> T bodyAs(Class<T> type, int maxBytes) {
        String contentType = header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ProblemException.unsupportedMediaType("application/json");
        }
        String text = bodyText(maxBytes);
        if (text.isBlank()) {
            throw ProblemException.invalidField("body", "is required");
        }
        try {
            T value = Json.strict().readValue(text, type);
            if (value == null) {
                throw ProblemException.invalidField("body", "must be a JSON object");
            }
            return value;
        } catch (InvalidNullException e) {
            throw ProblemException.invalidField(path(e), "must not be null");
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalidField(path(e), "unknown field");
        } catch (InvalidFormatException e) {
            throw ProblemException.invalidField(path(e), "must be " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ProblemException.invalidField(field.isEmpty() ? "body" : field,
                    e.getTargetType() == null ? "has the wrong shape" : "must be " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = path(e);
            Throwable cause = e.getCause();
            if (cause instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalidField(field.isEmpty() ? "body" : field,
                    cause instanceof IllegalArgumentException ? String.valueOf(cause.getMessage()) : "is invalid");
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalidField("body", "is nested too deeply or holds a string, name or number that is too long");
        } catch (JsonParseException e) {
            String duplicate = duplicateField(e);
            throw duplicate != null ? ProblemException.invalidField(duplicate, "appears twice")
                    : ProblemException.invalidField("body", "is not valid JSON");
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("body", "is not valid JSON");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("body", "is not valid base64");
        }
    }

    /** The dotted path of a key sent twice in one object (the parser stops on the second), or null for other faults. */
    private static String duplicateField(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith("Duplicate field")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            names.add(0, ctx.inArray() ? "[" + ctx.getCurrentIndex() + "]" : ctx.getCurrentName());
        }
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            if (n == null) {
                continue;
            }
            if (out.length() > 0 && !n.startsWith("[")) {
                out.append('.');
            }
            out.append(n);
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    /** Jackson's reference path as {@code a.b[2].c}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        List<JsonMappingException.Reference> refs = e.getPath();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
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
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                    : "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return "an object";
    }
}
