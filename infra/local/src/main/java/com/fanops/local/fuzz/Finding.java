package com.fanops.local.fuzz;

/** One thing the oracle or an invariant refused: what kind, on which route, for which case, and what was seen. */
record Finding(Kind kind, String route, String request, String detail) {

    enum Kind {
        /** A 5xx answer. */
        SERVER_ERROR,
        /** A 4xx that is not application/problem+json (and not one of API Gateway's own answers). */
        NOT_PROBLEM_JSON,
        /** An answer neither 2xx nor 4xx, or none at all. */
        UNEXPECTED_ANSWER,
        /** A refused request changed an item count or a queue depth. */
        WRITE_FROM_REFUSED_INPUT,
        /** The stack did not settle after the request. */
        NOT_IDLE,
        /** A function log line holds personal data a request carried. */
        PERSONAL_DATA_IN_LOG,
        /** A data-integrity invariant does not hold after the fuzz. */
        INVARIANT
    }

    @Override
    public String toString() {
        return kind + " " + route + " " + request + " -> " + detail;
    }
}
