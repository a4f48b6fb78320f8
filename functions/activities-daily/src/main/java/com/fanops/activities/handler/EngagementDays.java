package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.store.InteractionStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * A member's days as engagement keeps them ({@code MEMBER#<id> / DAY#<date>}): active when the day counted an
 * interaction (the metrics' and engagement's "active day"), and the day's purchases in the base currency (refunds taken
 * off) in minor units. One Query per member and activity.
 */
final class EngagementDays implements ActivitiesDailyJob.MemberDays {

    private static final BigDecimal MINOR = BigDecimal.valueOf(100);

    private final InteractionStore days;

    EngagementDays(InteractionStore days) {
        this.days = days;
    }

    @Override
    public List<ActivitiesDailyJob.Day> days(String memberId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        return days.days(memberId, from, to).stream()
                .map(d -> new ActivitiesDailyJob.Day(d.day(), d.active(), minor(d)))
                .toList();
    }

    private static long minor(MemberDay d) {
        return d.spend() == null ? 0 : Math.max(0, d.spend().multiply(MINOR).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
}
