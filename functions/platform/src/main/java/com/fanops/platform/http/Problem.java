package com.fanops.platform.http;

import java.util.List;

/** An RFC 9457 problem document; {@code type} is a stable URI clients may switch on. */
public record Problem(String type, String title, int status, String detail, String instance, String correlationId,
                      List<FieldError> errors) {

    public static final String BASE = "https://fanops.dev/problems/";

    public Problem withContext(String instance, String correlationId) {
        return new Problem(type, title, status, detail, instance, correlationId, errors);
    }
}
