package com.fanops.complaints.app;

import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.SlaEscalation;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.platform.settings.SettingsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A ticket's clock replayed with the SLA policy and calendar in force: the one way deadlines are derived, and with them
 * the ticket's SLA state, escalation level and next action (the due index the sweep reads).
 */
public final class SlaDeadlines {

    /** What the sweep and the survey request remember once done: the survey asked for. */
    public static final String SURVEY_ASKED = "SURVEY";

    /** The replay and the deadlines it gives, with the settings used. */
    public record Derived(SlaClock.Replay replay, Ticket.Due due, SlaPolicy policy, BusinessCalendar calendar) {
    }

    private final ComplaintSettings settings;

    public SlaDeadlines(ComplaintSettings settings) {
        this.settings = settings;
    }

    public Derived derive(Ticket t, List<HistoryEntry> history) {
        return derive(t, history, t.due() == null ? Set.of() : t.due().fired());
    }

    /** Derived with {@code fired} as what has fired (the sweep's view after its firings). */
    public Derived derive(Ticket t, List<HistoryEntry> history, Set<String> fired) {
        SettingsVersion<SlaPolicy> policy = settings.sla().currentVersion();
        SettingsVersion<BusinessCalendar> calendar = settings.calendar().currentVersion();
        SlaPolicy p = policy.value();
        List<SlaClock.Entry> log = history.stream().map(HistoryEntry::clockEntry).filter(e -> e != null).toList();
        SlaClock.Replay r = SlaClock.replay(log, calendar.value(), p.goals(t.priority(), t.diamond()), p.warnAtPercent(), p.managerAtPercent());
        boolean closed = t.status() == TicketStatus.CLOSED;
        Ticket.Due due = new Ticket.Due(open(r, SlaClock.Target.FIRST_RESPONSE), open(r, SlaClock.Target.NEXT_RESPONSE),
                open(r, SlaClock.Target.RESOLUTION), policy.version(), calendar.version(), SlaEscalation.state(r, closed, fired).key(),
                SlaEscalation.level(r, fired), fired, nextAction(t, r, fired, p));
        return new Derived(r, due, p, calendar.value());
    }

    /**
     * The next instant the sweep has something to do: the earliest SLA point not yet fired; for a resolved ticket the
     * survey request (at once), then the closing after the reopen window; nothing for a closed one.
     */
    private static Instant nextAction(Ticket t, SlaClock.Replay r, Set<String> fired, SlaPolicy policy) {
        if (t.status() == TicketStatus.CLOSED) {
            return null;
        }
        if (t.status() == TicketStatus.RESOLVED && t.resolvedAt() != null) {
            return !t.surveyed() && !fired.contains(SURVEY_ASKED) ? t.resolvedAt() : t.resolvedAt().plus(Duration.ofDays(policy.reopenDays()));
        }
        return SlaEscalation.next(r, fired);
    }

    private static Instant open(SlaClock.Replay r, SlaClock.Target target) {
        return r.current(target).filter(SlaClock.TargetState::open).map(SlaClock.TargetState::deadline).orElse(null);
    }
}
