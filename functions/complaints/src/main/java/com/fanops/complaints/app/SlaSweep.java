package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintEscalated;
import com.fanops.complaints.domain.ComplaintSlaWarning;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.TicketLinks;
import com.fanops.complaints.store.TicketStore;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scheduled sweep, as of the run's scheduled time: every open ticket's clock is replayed with the settings in force
 * (a changed policy or calendar re-derives the stored deadlines), a target past its warning point is warned about and
 * one past its deadline escalated - each exactly once per ticket and target instance, the once-mark written in the
 * same transaction as the event. A resolved ticket's survey is requested (once), and resolved tickets whose reopen
 * window has passed are closed. Running the same time twice changes nothing more.
 */
public final class SlaSweep {

    public record Run(int tickets, int warned, int escalated, int rederived, int surveys, int closed) {
    }

    static final String WARN = "WARN";
    static final String ESCALATE = "ESC";
    static final String SURVEY = "SURVEY";
    private static final Log LOG = Log.get(SlaSweep.class);

    private final TicketStore tickets;
    private final ComplaintSettings settings;
    private final SlaDeadlines deadlines;
    private final TicketWork work;
    private final EventOutbox outbox;
    private final TicketLinks links;
    private final TicketMessages.Outbound messages;

    public SlaSweep(TicketStore tickets, ComplaintSettings settings, TicketWork work, EventOutbox outbox, TicketLinks links,
                    TicketMessages.Outbound messages) {
        this.links = links;
        this.messages = messages;
        this.tickets = tickets;
        this.settings = settings;
        this.deadlines = new SlaDeadlines(settings);
        this.work = work;
        this.outbox = outbox;
    }

    public Run sweep(Instant now) {
        int seen = 0;
        int warned = 0;
        int escalated = 0;
        int rederived = 0;
        for (TicketStatus status : TicketStatus.values()) {
            if (!status.open()) {
                continue;
            }
            for (Ticket t : tickets.allInStatus(status)) {
                seen++;
                List<HistoryEntry> history = tickets.history(t.ticketId());
                SlaDeadlines.Derived d = deadlines.derive(t, history);
                if (!d.due().equals(t.due())) {
                    work.rederive(t.ticketId());
                    rederived++;
                }
                for (SlaClock.TargetState target : d.replay().targets()) {
                    if (!target.open()) {
                        continue;
                    }
                    if (target.breached(now)) {
                        escalated += mark(t, ESCALATE, target, new ComplaintEscalated(t.ticketId(), t.ticketNumber(), target.target().key(),
                                target.instance(), t.priority().key(), t.work().assignee(), target.deadline(), now)) ? 1 : 0;
                    } else if (target.warningDue(now)) {
                        warned += mark(t, WARN, target, new ComplaintSlaWarning(t.ticketId(), t.ticketNumber(), target.target().key(),
                                target.instance(), t.priority().key(), t.work().assignee(), target.deadline(), now)) ? 1 : 0;
                    }
                }
            }
        }
        int closed = 0;
        int surveys = 0;
        Duration window = Duration.ofDays(settings.sla().current().reopenDays());
        for (Ticket t : tickets.allInStatus(TicketStatus.RESOLVED)) {
            // One survey per ticket: requested (messaging keeps one message per cause), then marked.
            if (!t.surveyed() && !tickets.marked(t.ticketId(), SURVEY, "1")) {
                messages.request(new TicketMessages(t.memberId(), t.ticketId(), "survey", "ticket:" + t.ticketNumber() + ":survey",
                        Map.of("ticketNumber", t.ticketNumber(), "surveyUrl", links.surveyPage(t.ticketNumber(), links.token(t.ticketId())))));
                tickets.once(tickets.onceMark(t.ticketId(), SURVEY, "1", now), List.of());
                surveys++;
            }
            if (t.resolvedAt() != null && !t.resolvedAt().plus(window).isAfter(now)) {
                work.move(t.ticketId(), "system", TicketStatus.CLOSED.key());
                closed++;
            }
        }
        Run run = new Run(seen, warned, escalated, rederived, surveys, closed);
        LOG.info("sla sweep", "tickets", seen, "warned", warned, "escalated", escalated, "rederived", rederived, "surveys", surveys,
                "closed", closed);
        return run;
    }

    private boolean mark(Ticket t, String kind, SlaClock.TargetState target, Object event) {
        if (tickets.marked(t.ticketId(), kind, target.instance())) {
            return false;
        }
        EventOutbox.Staged staged = outbox.stage(TicketIntake.SOURCE, event);
        if (!tickets.once(tickets.onceMark(t.ticketId(), kind, target.instance(), staged.time()), List.of(outbox.write(staged)))) {
            return false;
        }
        outbox.flush(List.of(staged));
        return true;
    }
}
