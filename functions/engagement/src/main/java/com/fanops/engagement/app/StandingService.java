package com.fanops.engagement.app;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.CategoryChanged;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.engagement.domain.TierDowngradeWarning;
import com.fanops.engagement.domain.TierReview;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.events.EventOutbox;
import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.platform.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a member's standing from their days and writes what changed, with its events, exactly once:
 * after a counted interaction (category either way, tier only up) and in the daily review (category, and tier
 * renewal, warning or downgrade).
 */
public final class StandingService {

    public static final String SOURCE = "fanops.standing";

    /** What an evaluation found (and wrote, if anything changed). */
    public record Evaluation(Standing standing, double score, int activeDays, Engagement.Qualifying qualifying, Tier qualifiedFor,
                             TierReview.Kind tierDecision, boolean changed) {
    }

    /** The standing is written under its revision; a concurrent writer makes the write fail and the evaluation run again. */
    private static final Retry STANDING_CHANGED = Retry.of(5, Duration.ofMillis(2), Duration.ofMillis(50));

    private final InteractionStore days;
    private final StandingStore standings;
    private final EventOutbox outbox;
    private final ZoneId zone;

    public StandingService(InteractionStore days, StandingStore standings, EventOutbox outbox, ZoneId zone) {
        this.days = days;
        this.standings = standings;
        this.outbox = outbox;
        this.zone = zone;
    }

    public Evaluation afterInteraction(String memberId, Instant at, EngagementRules rules) {
        return evaluate(memberId, at, rules, false);
    }

    public Evaluation review(String memberId, Instant at, EngagementRules rules) {
        return evaluate(memberId, at, rules, true);
    }

    /** Reads only: the standing as it is, with today's score and qualification (for the admin API). */
    public Evaluation peek(String memberId, Instant at, EngagementRules rules) {
        LocalDate today = at.atZone(zone).toLocalDate();
        List<MemberDay> recent = days.days(memberId, today.minusDays(Engagement.SCORE_WINDOW_DAYS + 1), today);
        double score = Engagement.score(recent, at, zone, rules.halfLifeDays());
        int active = Engagement.activeDays(recent, today);
        Engagement.Qualifying q = Engagement.qualifying(recent, today);
        return new Evaluation(standings.get(memberId), score, active, q, Engagement.tierFor(q, rules), TierReview.Kind.NONE, false);
    }

    private Evaluation evaluate(String memberId, Instant at, EngagementRules rules, boolean review) {
        LocalDate today = at.atZone(zone).toLocalDate();
        return STANDING_CHANGED.get("standing evaluation of " + memberId, () -> {
            Evaluation seen = peek(memberId, at, rules);
            Standing read = seen.standing();
            Standing next = read;
            List<EventOutbox.Staged> events = new ArrayList<>();
            Category category = Engagement.category(seen.score(), seen.activeDays(), rules);
            if (category != read.category()) {
                next = next.withCategory(category, today);
                events.add(outbox.stage(SOURCE, new CategoryChanged(memberId, read.category().key(), category.key(),
                        Math.round(seen.score() * 100) / 100.0, seen.activeDays(), today, rules.version(), read.rev() + 1)));
            }
            TierReview.Decision decision = review ? TierReview.review(next, seen.qualifiedFor(), today, rules)
                    : TierReview.upgrade(next, seen.qualifiedFor(), today, rules);
            next = decision.next();
            StandingStore.TierHistory history = null;
            if (decision.changesTier()) {
                String reason = decision.kind() == TierReview.Kind.UPGRADE ? "qualified" : "downgraded after warning";
                history = new StandingStore.TierHistory(read.tier().key(), next.tier().key(), reason, today, next.holdUntil(), rules.version(), at);
                events.add(outbox.stage(SOURCE, new TierChanged(memberId, read.tier().key(), next.tier().key(), reason, today,
                        next.holdUntil(), rules.version(), read.rev() + 1)));
            } else if (decision.kind() == TierReview.Kind.WARN) {
                events.add(outbox.stage(SOURCE, new TierDowngradeWarning(memberId, next.tier().key(), next.tier().below().key(),
                        next.downgradeOn(), rules.version())));
            }
            if (next.equals(read)) {
                return Optional.of(seen);
            }
            next = next.using(rules.version());
            if (standings.write(read, next, history, events, outbox, at)) {
                outbox.flush(events);
                return Optional.of(new Evaluation(next, seen.score(), seen.activeDays(), seen.qualifying(), seen.qualifiedFor(),
                        decision.kind(), true));
            }
            return Optional.<Evaluation>empty(); // the standing changed since it was read: evaluate again
        });
    }
}
