package com.fanops.complaints.app;

import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.platform.settings.SettingsVersion;
import java.util.List;

/** A ticket's clock replayed with the SLA policy and calendar in force: the one way deadlines are derived. */
public final class SlaDeadlines {

    /** The replay and the deadlines it gives, with the settings versions used. */
    public record Derived(SlaClock.Replay replay, Ticket.Due due) {
    }

    private final ComplaintSettings settings;

    public SlaDeadlines(ComplaintSettings settings) {
        this.settings = settings;
    }

    public Derived derive(Ticket t, List<HistoryEntry> history) {
        SettingsVersion<SlaPolicy> policy = settings.sla().currentVersion();
        SettingsVersion<BusinessCalendar> calendar = settings.calendar().currentVersion();
        List<SlaClock.Entry> log = history.stream().map(HistoryEntry::clockEntry).filter(e -> e != null).toList();
        SlaClock.Replay r = SlaClock.replay(log, calendar.value(), policy.value().goals(t.priority(), t.diamond()),
                policy.value().warnAtPercent());
        Ticket.Due due = new Ticket.Due(open(r, SlaClock.Target.FIRST_RESPONSE), open(r, SlaClock.Target.NEXT_RESPONSE),
                open(r, SlaClock.Target.RESOLUTION), policy.version(), calendar.version());
        return new Derived(r, due);
    }

    private static java.time.Instant open(SlaClock.Replay r, SlaClock.Target target) {
        return r.current(target).filter(SlaClock.TargetState::open).map(SlaClock.TargetState::deadline).orElse(null);
    }
}
