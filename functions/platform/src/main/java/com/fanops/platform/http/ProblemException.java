package com.fanops.platform.http;

import java.util.List;
import java.util.Map;

/** Thrown anywhere below a handler to answer with a problem; the handler adds path and correlation id. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Headers the answer carries besides the problem document ({@code Retry-After} on a 429); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(new Problem(Problem.BASE + "validation", "Invalid request", 400,
                "One or more fields are invalid.", null, null, List.copyOf(errors)));
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException badRequest(String type, String title, String detail) {
        return of(400, type, title, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return of(401, "unauthorized", "Authentication required", detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Not allowed", detail);
    }

    public static ProblemException notFound(String what) {
        return of(404, "not-found", "Not found", what + " was not found.");
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return of(409, type, title, detail);
    }

    public static ProblemException payloadTooLarge(long maxBytes) {
        return new ProblemException(new Problem(Problem.BASE + "payload-too-large", "Request body too large", 413,
                "The body may be at most " + maxBytes + " bytes.", null, null, List.of(new FieldError("body", "too large"))));
    }

    public static ProblemException unsupportedMediaType(String expected) {
        return new ProblemException(new Problem(Problem.BASE + "unsupported-media-type", "Unsupported media type", 415,
                "Send the body as " + expected + ".", null, null, List.of(new FieldError("content-type", "must be " + expected))));
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return of(422, type, title, detail);
    }

    private static ProblemException of(int status, String type, String title, String detail) {
        return new ProblemException(new Problem(type.startsWith("http") ? type : Problem.BASE + type, title, status, detail,
                null, null, null));
    }
}
