package com.fanops.complaints.domain;

import java.time.Instant;
import java.util.List;

/**
 * A ticket was flagged as a 舆情 risk (EventBridge detail-type {@code ComplaintRiskFlagged}): ids and keys only.
 *
 * @param reasons every reason the ticket now has ({@code keyword}, {@code spike}, {@code repeat}, {@code low_score})
 * @param at      the submission's time at intake, the answer's time for a low score
 */
public record ComplaintRiskFlagged(String ticketId, String ticketNumber, String memberId, String category, String priority,
                                   List<String> reasons, Instant at) {
}
