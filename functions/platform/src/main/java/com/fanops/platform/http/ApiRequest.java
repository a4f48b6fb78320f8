package com.fanops.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.input.Dates;
import com.fanops.platform.input.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
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
     * A path parameter of the given shape (an id format): absent, longer than {@link #MAX_PARAM} characters (well inside
     * DynamoDB's 1,024-byte sort key and 2,048-byte partition key) or not of the shape is a 400 naming the parameter, so
     * no request reaches a table with a key it cannot hold. A well-formed id that is unknown is the caller's 404.
     */
    public String pathParam(String name, Pattern shape) {
        return shaped(name, rawPath(name), shape);
    }

    /** A date in the path, {@code YYYY-MM-DD}, strictly parsed within {@link Dates}' years. */
    public LocalDate pathDate(String name) {
        return date(name, rawPath(name));
    }

    /** A path parameter that must be one of {@code allowed} (a report period, a view). */
    public String pathOneOf(String name, Collection<String> allowed) {
        return oneOf(name, rawPath(name), allowed);
    }

    /** A one-line text query parameter of 1 to {@code maxLength} characters, stripped and NFC; null when absent. */
    public String queryText(String name, int maxLength) {
        String value = rawQuery(name);
        if (value == null) {
            return null;
        }
        if (value.length() > 4 * maxLength) {
            throw ProblemException.invalidField(name, "must be 1-" + maxLength + " characters");
        }
        List<FieldError> errors = new ArrayList<>();
        String clean = Text.line(errors, name, value, maxLength, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return clean;
    }

    /** A query parameter of the given shape (an id format), null when absent; see {@link #pathParam}. */
    public String queryMatching(String name, Pattern shape) {
        String value = rawQuery(name);
        return value == null ? null : shaped(name, value, shape);
    }

    /** A query parameter that must be one of {@code allowed}; null when absent. */
    public String queryOneOf(String name, Collection<String> allowed) {
        String value = rawQuery(name);
        return value == null ? null : oneOf(name, value, allowed);
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
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }

    /** A date {@code YYYY-MM-DD} from {@code min} to {@code max}, {@code dflt} when absent; anything else is a 400 naming it. */
    public LocalDate queryDate(String name, LocalDate min, LocalDate max, LocalDate dflt) {
        String value = rawQuery(name);
        if (value == null) {
            return dflt;
        }
        LocalDate date = date(name, value);
        if (date.isBefore(min) || date.isAfter(max)) {
            throw ProblemException.invalidField(name, "must be from " + min + " to " + max);
        }
        return date;
    }

    /**
     * An opaque paging cursor as this API hands them out (unpadded base64url, bounded); null when absent. Whoever issued
     * it still checks what it decodes to.
     */
    public String queryCursor(String name) {
        String value = rawQuery(name);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CURSOR || !CURSOR.matcher(value).matches()) {
            throw ProblemException.invalidField(name, "is not a cursor this API gave out");
        }
        return value;
    }

    private static String shaped(String name, String value, Pattern shape) {
        if (value == null || value.length() > MAX_PARAM || !shape.matcher(value).matches()) {
            throw ProblemException.invalidField(name, "is not a valid " + name);
        }
        return value;
    }

    private static String oneOf(String name, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw ProblemException.invalidField(name, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static LocalDate date(String name, String value) {
        try {
            return Dates.parse(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
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

    /**
     * The body read strictly into {@code type} (see {@link JsonBody}): 415 unless JSON, 413 over {@code maxBytes}, and a 400
     * naming the field for malformed JSON, duplicate keys, trailing tokens, wrong types, nulls inside arrays, deep nesting,
     * numbers out of range and text that fails the baseline hygiene.
     */
    public <T> T bodyAs(Class<T> type, int maxBytes) {
        String contentType = header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ProblemException.unsupportedMediaType("application/json");
        }
        String text = bodyText(maxBytes);
        if (text.isBlank()) {
            throw ProblemException.invalidField("body", "is required");
        }
        return JsonBody.read(text, type);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("body", "is not valid base64");
        }
    }
}
