package com.fanops.platform.http;

/** One invalid field of a request: a dotted path such as {@code contact.email} or {@code consents[1].purpose}. */
public record FieldError(String field, String message) {
}
