package com.fanops.members.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A data-subject request (access/export, correction, erasure) tracked against its deadline. */
public record DataRequest(String requestId, String memberId, Type type, Status status, Instant filedAt, Instant deadline,
                          Instant decidedAt, String decidedBy, String reason, String correctionsEnc) {

    public enum Type {
        EXPORT, CORRECTION, ERASURE;

        public static Optional<Type> of(String key) {
            for (Type t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(key)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    public enum Status { OPEN, COMPLETED, REFUSED }

    public static DataRequest file(String memberId, Type type, Instant now, Duration allowed, String correctionsEnc) {
        String id = memberId + "." + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new DataRequest(id, memberId, type, Status.OPEN, now, now.plus(allowed), null, null, null, correctionsEnc);
    }

    public DataRequest decide(Status outcome, String by, String why, Instant at) {
        if (status != Status.OPEN) {
            throw new IllegalStateException("request " + requestId + " is already " + status);
        }
        if (outcome == Status.REFUSED && (why == null || why.isBlank())) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        return new DataRequest(requestId, memberId, type, outcome, filedAt, deadline, at, by, why, correctionsEnc);
    }

    public boolean overdue(Instant now) {
        return status == Status.OPEN && now.isAfter(deadline);
    }

    /** Request ids carry the member id, so an operator's decision finds the request with one read. */
    public static String memberOf(String requestId) {
        int dot = requestId.indexOf('.');
        return dot < 0 ? requestId : requestId.substring(0, dot);
    }
}
