package com.fanops.messaging.handler;

import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ProblemException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a one-click unsubscribe. RFC 8058 has mail clients POST {@code List-Unsubscribe=One-Click}, as
 * {@code multipart/form-data} (which it recommends) or {@code application/x-www-form-urlencoded}; the unsubscribe page
 * sends nothing or a JSON object. Any of these is taken; anything else is a 400 (415 for another media type). The token
 * alone decides what is withdrawn: the body only has to be one of these shapes.
 */
final class OneClickBody {

    static final String FIELD = "List-Unsubscribe";
    static final String VALUE = "One-Click";
    private static final int MAX_BYTES = 4 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=\"?([^\";]{1,70})\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART_NAME = Pattern.compile("content-disposition:\\s*form-data;\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** The JSON form: an object, optionally carrying the same field as the form. */
    record JsonForm(@JsonProperty(FIELD) String listUnsubscribe) {
    }

    private OneClickBody() {
    }

    static void check(ApiRequest req) {
        String body = req.bodyText(MAX_BYTES);
        if (body.isEmpty()) {
            return;
        }
        String contentType = req.header("content-type");
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "application/json" -> {
                JsonForm json = req.bodyAs(JsonForm.class, MAX_BYTES);
                if (json.listUnsubscribe() != null && !VALUE.equals(json.listUnsubscribe())) {
                    throw ProblemException.invalidField(FIELD, "must be " + VALUE);
                }
            }
            case "application/x-www-form-urlencoded" -> form(body);
            case "multipart/form-data" -> multipart(body, contentType);
            default -> throw ProblemException.unsupportedMediaType(
                    "application/x-www-form-urlencoded or multipart/form-data (List-Unsubscribe=One-Click), application/json or nothing");
        }
    }

    private static void form(String body) {
        String[] pair = body.strip().split("=", 2);
        try {
            if (pair.length == 2 && !body.strip().contains("&") && FIELD.equals(URLDecoder.decode(pair[0], StandardCharsets.UTF_8))
                    && VALUE.equals(URLDecoder.decode(pair[1], StandardCharsets.UTF_8))) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // A broken %-escape: refused below like any other form.
        }
        throw ProblemException.invalidField(FIELD, "the form must be " + FIELD + "=" + VALUE + " (RFC 8058)");
    }

    /**
     * The one part RFC 8058 defines, read by hand: nothing in this function's dependencies parses multipart bodies, and
     * a single text field does not warrant one.
     */
    private static void multipart(String body, String contentType) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw ProblemException.invalidField("content-type", "multipart/form-data needs a boundary");
        }
        for (String part : body.split(Pattern.quote("--" + b.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            Matcher name = PART_NAME.matcher(part.substring(0, split));
            if (name.find() && FIELD.equals(name.group(1)) && VALUE.equals(part.substring(split + 4).strip())) {
                return;
            }
        }
        throw ProblemException.invalidField(FIELD, "the form must hold " + FIELD + "=" + VALUE + " (RFC 8058)");
    }
}
