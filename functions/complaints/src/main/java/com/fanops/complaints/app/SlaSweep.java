package com.fanops.complaints.app;

import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.SlaEscalation;
import com.fanops.complaints.domain.SlaWarning;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.DueTickets;
import com.fanops.complaints.store.TicketLinks;
import com.fanops.complaints.store.TicketStore;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduled sweep, as of the run's scheduled time. It reads only the tickets the due index lists at or before that
 * time (reads proportional to the due tickets, not to the open ones), reads each again strongly with its history (the
 * index is eventually consistent) and does what is due: an SLA warning (level 1) or breach (level 2, then 3 for the
 * manager) per target instance, once - the once-mark, the event and the ticket's new state, level and next action in one
 * transaction at the revision read; the survey request of a resolved ticket (once); the closing after the reopen window.
 * A policy or calendar change re-derives every open ticket once (the only walk over all of them). Running the same time
 * twice changes nothing more.
 */
public final class SlaSweep {

    public record Run(int tickets, int warned, int escalated, int rederived, int surveys, int closed, int toManager, int indexQueries) {
    }

    static final String SURVEY = "SURVEY";
    private static final Log LOG = Log.get(SlaSweep.class);

    private final TicketStore tickets;
    private final DueTickets due;
    private final ComplaintSettings settings;
    private final SlaDeadlines deadlines;
    private final TicketWork work;
    private final EventOutbox outbox;
    private final TicketLinks links;
    private final TicketMessages.Outbound messages;

    public SlaSweep(TicketStore tickets, DueTickets due, ComplaintSettings settings, TicketWork work, EventOutbox outbox, TicketLinks links,
                    TicketMessages.Outbound messages) {
        this.tickets = tickets;
        this.due = due;
        this.settings = settings;
        this.deadlines = new SlaDeadlines(settings);
        this.work = work;
        this.outbox = outbox;
        this.links = links;
        this.messages = messages;
    }

    private final class Counts {
        int warned;
        int escalated;
        int toManager;
        int surveys;
        int closed;
    }

    public Run sweep(Instant now) {
        int rederived = rederiveAfterSettingsChange();
        DueTickets.Found found = due.dueBy(now);
        Counts c = new Counts();
        for (String ticketId : found.ticketIds()) {
            act(ticketId, now, c);
        }
        Run run = new Run(found.ticketIds().size(), c.warned, c.escalated, rederived, c.surveys, c.closed, c.toManager, found.queries());
        LOG.info("sla sweep", "tickets", run.tickets(), "warned", c.warned, "escalated", c.escalated, "toManager", c.toManager,
                "rederived", rederived, "surveys", c.surveys, "closed", c.closed, "indexQueries", found.queries());
        return run;
    }

    /**
     * After a policy or calendar change (or on the first run of this version: it also fills the due index), every open or
     * resolved ticket's deadlines and next action are derived again - one query page per 1 MB of tickets plus each
     * ticket's history, and a write for each ticket whose deadlines moved. Rare: settings change a few times a year.
     */
    private int rederiveAfterSettingsChange() {
        DueTickets.Derived current = new DueTickets.Derived(settings.sla().currentVersion().version(),
                settings.calendar().currentVersion().version());
        if (due.derived().filter(current::equals).isPresent()) {
            return 0;
        }
        int changed = 0;
        for (TicketStatus status : TicketStatus.values()) {
            if (!status.open() && status != TicketStatus.RESOLVED) {
                continue;
            }
            for (Ticket t : tickets.allInStatus(status)) {
                if (work.rederive(t.ticketId()).revision() != t.revision()) {
                    changed++;
                }
            }
        }
        due.derivedWith(current);
        return changed;
    }

    private void act(String ticketId, Instant now, Counts c) {
        for (int attempt = 0; attempt < 6; attempt++) {
            Optional<Ticket> read = tickets.find(ticketId);
            if (read.isEmpty()) {
                return;
            }
            Ticket t = read.get();
            try {
                if (t.status() == TicketStatus.RESOLVED) {
                    afterResolution(t, now, c);
                } else if (t.status().open()) {
                    escalate(t, now, c);
                }
                return;
            } catch (TicketStore.Moved moved) {
                // changed since read: read it again
            }
        }
        LOG.warn("ticket kept moving; left for the next run", "ticketId", ticketId);
    }

    private void escalate(Ticket t, Instant now, Counts c) {
        List<HistoryEntry> history = tickets.history(t.ticketId());
        SlaDeadlines.Derived d = deadlines.derive(t, history);
        boolean alwaysOn = d.policy().goals(t.priority(), t.diamond()).alwaysOn();
        List<SlaEscalation.Firing> firings = SlaEscalation.due(d.replay(), d.due().fired(), now, d.calendar(), alwaysOn);
        if (firings.isEmpty()) {
            if (!d.due().equals(t.due())) {
                tickets.save(t, t.withDue(d.due()).advanced(0), List.of(), List.of()); // a stale index entry or deadline
            }
            return;
        }
        Set<String> fired = new HashSet<>(d.due().fired());
        List<TicketStore.Once> marks = new ArrayList<>();
        List<EventOutbox.Staged> events = new ArrayList<>();
        for (SlaEscalation.Firing f : firings) {
            SlaEscalation.Point p = f.point();
            f.passedOver().forEach(o -> fired.add(o.fired()));
            fired.add(p.fired());
            marks.add(new TicketStore.Once(p.step().mark(), p.target().instance(), now));
            events.add(outbox.stage(TicketIntake.SOURCE, event(t, p, now)));
        }
        Ticket next = t.withDue(deadlines.derive(t, history, fired).due()).advanced(0);
        if (!tickets.saveOnce(t, next, marks, outbox.writes(events))) {
            // A mark exists (fired before this ticket remembered it): remember it, fire nothing for it, and go again.
            Set<String> known = new HashSet<>(t.due() == null ? Set.of() : t.due().fired());
            for (SlaEscalation.Firing f : firings) {
                if (tickets.marked(t.ticketId(), f.point().step().mark(), f.point().target().instance())) {
                    known.add(f.point().fired());
                }
            }
            tickets.save(t, t.withDue(deadlines.derive(t, history, known).due()).advanced(0), List.of(), List.of());
            throw new TicketStore.Moved();
        }
        outbox.flush(events);
        for (SlaEscalation.Firing f : firings) {
            switch (f.point().step()) {
                case WARNING -> c.warned++;
                case BREACH -> c.escalated++;
                case MANAGER -> {
                    c.escalated++;
                    c.toManager++;
                }
            }
        }
    }

    private static Object event(Ticket t, SlaEscalation.Point p, Instant now) {
        var target = p.target();
        if (p.step() == SlaEscalation.Step.WARNING) {
            return new SlaWarning(t.ticketId(), t.ticketNumber(), t.memberId(), target.target().key(), target.instance(), t.priority().key(),
                    t.work().assignee(), p.step().level(), target.deadline(), now);
        }
        return new SlaBreached(t.ticketId(), t.ticketNumber(), t.memberId(), target.target().key(), target.instance(), t.priority().key(),
                t.work().assignee(), p.step().level(), target.deadline(), now);
    }

    /** A resolved ticket: its survey asked for once (messaging keeps one message per cause), closed after the window. */
    private void afterResolution(Ticket t, Instant now, Counts c) {
        Set<String> fired = t.due() == null ? Set.of() : t.due().fired();
        if (t.resolvedAt() != null && !t.resolvedAt().plus(Duration.ofDays(settings.sla().current().reopenDays())).isAfter(now)) {
            work.move(t.ticketId(), "system", TicketStatus.CLOSED.key());
            c.closed++;
            return;
        }
        Set<String> next = new HashSet<>(fired);
        boolean ask = !t.surveyed() && !fired.contains(SlaDeadlines.SURVEY_ASKED) && !tickets.marked(t.ticketId(), SURVEY, "1");
        if (!t.surveyed()) {
            next.add(SlaDeadlines.SURVEY_ASKED);
        }
        Ticket after = t.withDue(deadlines.derive(t, tickets.history(t.ticketId()), next).due()).advanced(0);
        if (ask) {
            messages.request(new TicketMessages(t.memberId(), t.ticketId(), "survey", "ticket:" + t.ticketNumber() + ":survey",
                    Map.of("ticketNumber", t.ticketNumber(), "surveyUrl", links.surveyPage(t.ticketNumber(), links.token(t.ticketId())))));
            if (tickets.saveOnce(t, after, List.of(new TicketStore.Once(SURVEY, "1", now)), List.of())) {
                c.surveys++;
            }
        } else if (!after.due().equals(t.due())) {
            tickets.save(t, after, List.of(), List.of());
        }
    }
}
