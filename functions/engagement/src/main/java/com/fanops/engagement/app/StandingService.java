package com.fanops.engagement.app;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.CategoryChanged;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.engagement.domain.TierDowngradeWarning;
import com.fanops.engagement.domain.TierReview;
import com.fanops.engagement.store.StandingStore;
import com.fanops.engagement.store.StandingSummaryStore;
import com.fanops.engagement.domain.StandingSummary;
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
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    private final StandingSummaryStore summaries;
    private final EventOutbox outbox;
    private final ZoneId zone;

    public StandingService(InteractionStore days, StandingStore standings, EventOutbox outbox, ZoneId zone) {
        this.days = days;
        this.standings = standings;
        this.summaries = standings.summaries();
        this.outbox = outbox;
        this.zone = zone;
    }

    /**
     * After counted interactions whose days' figures the caller does not pass: from the days (the summary does not know
     * them yet), which also rebuilds the summary.
     */
    public Evaluation afterInteraction(String memberId, Instant at, EngagementRules rules) {
        return evaluate(memberId, at, rules, false, true, () -> summaries.read(memberId));
    }

    /**
     * After counted interactions whose days' figures are known (the scorer's claims answer them): restates those days in
     * the summary, whose answer is the standing item - no read - and evaluates from it. {@code stale}: a day the summary
     * may hold in its totals changed (a refund's lot day), so this evaluation reads the days and rebases.
     */
    public Evaluation afterInteraction(String memberId, Instant at, EngagementRules rules, Collection<StandingSummary.Day> changed,
                                       boolean stale) {
        return evaluate(memberId, at, rules, false, false, () -> summaries.restate(memberId, changed, stale));
    }

    /** The daily review: from the days (the source of truth), which also corrects the member's summary. */
    public Evaluation review(String memberId, Instant at, EngagementRules rules) {
        return evaluate(memberId, at, rules, true, true, () -> summaries.read(memberId));
    }

    /**
     * Rebuilds the member's standing summary from their days (what the daily review does for every member it reviews);
     * answers whether it was written (false: another writer changed the summary meanwhile - it is rebuilt next time).
     */
    public boolean correctSummary(String memberId, Instant at, EngagementRules rules) {
        StandingSummaryStore.Loaded loaded = summaries.read(memberId);
        LocalDate today = at.atZone(zone).toLocalDate();
        List<StandingSummary.Day> read = summaries.days(memberId, StandingSummary.readFrom(today), today.plusDays(1));
        return summaries.rebase(memberId, loaded, StandingSummary.rebase(read, today, zone, rules.halfLifeDays()));
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

    private Evaluation evaluate(String memberId, Instant at, EngagementRules rules, boolean review, boolean fromDays,
                                Supplier<StandingSummaryStore.Loaded> first) {
        LocalDate today = at.atZone(zone).toLocalDate();
        AtomicBoolean again = new AtomicBoolean();
        return STANDING_CHANGED.get("standing evaluation of " + memberId, () -> {
            // A retry means the standing changed since it was read: read it again.
            StandingSummaryStore.Loaded loaded = again.getAndSet(true) ? summaries.read(memberId) : first.get();
            Evaluation seen = seen(memberId, at, rules, loaded, fromDays);
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

    /** The figures from the summary when it can give them, otherwise from the days - and then the summary is rebased. */
    private Evaluation seen(String memberId, Instant at, EngagementRules rules, StandingSummaryStore.Loaded loaded, boolean fromDays) {
        Optional<StandingSummary.Figures> summarized = fromDays ? Optional.empty() : loaded.summary().figures(at, zone, rules.halfLifeDays());
        StandingSummary.Figures f = summarized.orElseGet(() -> {
            LocalDate today = at.atZone(zone).toLocalDate();
            List<StandingSummary.Day> read = summaries.days(memberId, StandingSummary.readFrom(today), today.plusDays(1));
            List<MemberDay> recent = read.stream().filter(d -> d.day().isAfter(today.minusDays(Engagement.SCORE_WINDOW_DAYS + 2L)))
                    .map(d -> new MemberDay(d.day(), d.weight(), d.active() ? 1 : 0, d.points(), 0, 0, 0, 0, d.spend(), d.referrals(), null))
                    .toList();
            summaries.rebase(memberId, loaded, StandingSummary.rebase(read, today, zone, rules.halfLifeDays()));
            return new StandingSummary.Figures(Engagement.score(recent, at, zone, rules.halfLifeDays()), Engagement.activeDays(recent, today),
                    Engagement.qualifying(recent, today));
        });
        return new Evaluation(loaded.standing(), f.score(), f.activeDays(), f.qualifying(), Engagement.tierFor(f.qualifying(), rules),
                TierReview.Kind.NONE, false);
    }
}
