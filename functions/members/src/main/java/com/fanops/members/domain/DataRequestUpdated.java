package com.fanops.members.domain;

import java.time.Instant;

/**
 * A member's data-subject request was filed (open, with its deadline) or decided (completed or refused), so the member
 * can be told (the messaging capability's data_request_update). No personal data: ids, type, status, times.
 */
public record DataRequestUpdated(String memberId, String requestId, String type, String status, Instant deadline, Instant at) {

    public static DataRequestUpdated of(DataRequest r, Instant at) {
        return new DataRequestUpdated(r.memberId(), r.requestId(), r.type().name().toLowerCase(java.util.Locale.ROOT),
                r.status().name().toLowerCase(java.util.Locale.ROOT), r.deadline(), at);
    }
}
