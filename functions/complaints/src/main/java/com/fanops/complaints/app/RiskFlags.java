package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintRiskFlagged;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.RiskReason;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.RiskStore;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The 舆情 risk flags ({@link RiskRules}): keyword, spike and repeat decided at intake, in the ticket's creation
 * transaction (with the category's day counter); a low score when the survey is answered, in the answer's transaction.
 * A flagged ticket keeps each reason once, is raised to at least {@code high} with a history line, and
 * {@code ComplaintRiskFlagged} goes through the outbox in the same transaction.
 */
public final class RiskFlags {

    /**
     * What a flag adds to a transaction: the ticket as flagged, its history line, its event (null: not flagged) and, at
     * intake, the category's day counter to move.
     */
    public record Flag(Ticket ticket, List<HistoryEntry> lines, EventOutbox.Staged event, RiskStore.DayCount count) {
        public List<EventOutbox.Staged> events() {
            return event == null ? List.of() : List.of(event);
        }
    }

    private static final Log LOG = Log.get(RiskFlags.class);

    private final RiskStore store;
    private final ComplaintSettings settings;
    private final EventOutbox outbox;

    public RiskFlags(RiskStore store, ComplaintSettings settings, EventOutbox outbox) {
        this.store = store;
        this.settings = settings;
        this.outbox = outbox;
    }

    /**
     * A new, numbered ticket (its first history line written, not yet stored): the reasons found and the category's day
     * counter move, which is written whether or not the ticket is flagged.
     */
    public Flag atIntake(Ticket numbered, String description) {
        RiskRules rules = settings.risk().current();
        RiskStore.DayCounts counts = store.dayCounts(numbered.category(), numbered.day());
        List<RiskReason> reasons = new ArrayList<>();
        if (rules.keyword(description)) {
            reasons.add(RiskReason.KEYWORD);
        }
        if (rules.spike(counts.today() + 1, counts.before())) {
            reasons.add(RiskReason.SPIKE);
        }
        if (numbered.contactIndex() != null && rules.repeat(1 + store.recentByContact(numbered.contactIndex(), numbered.receivedAt(),
                Duration.ofDays(rules.repeatDays()), numbered.ticketId()))) {
            reasons.add(RiskReason.REPEAT);
        }
        RiskStore.DayCount count = new RiskStore.DayCount(numbered.category(), numbered.day(), counts.today());
        if (reasons.isEmpty()) {
            return new Flag(numbered, List.of(), null, count);
        }
        Flag f = flag(numbered, reasons, numbered.receivedAt());
        return new Flag(f.ticket(), f.lines(), f.event(), count);
    }

    /** The store that moves the day counters (its writes join the intake's transaction). */
    public RiskStore store() {
        return store;
    }

    /**
     * A survey answer on {@code next} (the ticket as the answer leaves it) from a member of {@code tier} (its key, read
     * by the caller; null: not a member): the flag, or null when it is none or was made.
     */
    public Flag atSurvey(Ticket next, int score, String tier, Instant at) {
        if (next.memberId() == null || tier == null || next.risk().contains(RiskReason.LOW_SCORE)
                || !settings.risk().current().lowScore(Tier.of(tier), score)) {
            return null;
        }
        return flag(next, List.of(RiskReason.LOW_SCORE), at);
    }

    /** Publishes the flag's event once its transaction committed. */
    public void published(Flag f) {
        if (f != null && f.event() != null) {
            outbox.flush(List.of(f.event()));
            LOG.info("ticket flagged", "ticketId", f.ticket().ticketId(), "reasons", String.join(",", RiskReason.keys(f.ticket().risk())));
        }
    }

    private Flag flag(Ticket t, List<RiskReason> reasons, Instant at) {
        Priority before = t.priority();
        Ticket flagged = t.withRisk(reasons).withPriority(before.max(Priority.HIGH)).advanced(1);
        HistoryEntry line = new HistoryEntry(flagged.lastSeq(), at, HistoryEntry.Action.RISK_FLAGGED, null, null, "system", null, null,
                "reasons=" + String.join(",", RiskReason.keys(reasons)) + " priority=" + before.key() + "->" + flagged.priority().key());
        EventOutbox.Staged e = outbox.stage(TicketIntake.SOURCE, new ComplaintRiskFlagged(t.ticketId(), t.ticketNumber(), t.memberId(),
                t.category().key(), flagged.priority().key(), RiskReason.keys(flagged.risk()), at));
        return new Flag(flagged, List.of(line), e, null);
    }
}
