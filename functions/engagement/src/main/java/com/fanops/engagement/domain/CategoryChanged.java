package com.fanops.engagement.domain;

import java.time.LocalDate;

/**
 * Published when a member's category changes (scored interaction or daily review). No personal data.
 * {@code revision} is the member's standing revision the change was written at: it grows with every standing
 * change, so a consumer can tell a late or repeated event from the latest one (null in events published before it
 * existed).
 */
public record CategoryChanged(String memberId, String from, String to, double score, int activeDays, LocalDate on, int rulesVersion,
                              Long revision) {

    public CategoryChanged(String memberId, String from, String to, double score, int activeDays, LocalDate on, int rulesVersion) {
        this(memberId, from, to, score, activeDays, on, rulesVersion, null);
    }
}
