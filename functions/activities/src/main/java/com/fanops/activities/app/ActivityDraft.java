package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import java.time.Instant;
import java.util.List;

/**
 * An activity as an operator sends it (create or save): every field may be missing or wrong, and {@link Activities}
 * names each one that is. Amounts are minor units (fen); the holdout share is in basis points.
 */
public record ActivityDraft(String theme, String description, String type, String place, Instant startsAt, Instant endsAt,
                            Instant registrationOpensAt, Instant registrationClosesAt, Integer capacity, Integer waitingLimit,
                            AudienceDraft audience, String budgetId, Long budgetAmount, Activity.Goals goals, String owner,
                            List<Activity.Prize> prizes, Integer holdoutBp, Integer evaluateAfterDays, List<Activity.Task> tasks) {

    /** {@code kind}: everyone, tier or segment; {@code value}: the tier or segment id. */
    public record AudienceDraft(String kind, String value) {
    }
}
