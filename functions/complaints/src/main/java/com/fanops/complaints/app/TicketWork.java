package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.HistoryEntry.Action;
import com.fanops.complaints.domain.SlaClock.Mark;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.TicketStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import com.fanops.platform.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Working a ticket: every change is read - decide - save at the revision read (retried when another change got there
 * first), with its history lines (append-only) and the SLA clock's marks among them; the deadlines are re-derived from
 * the whole log each time. Agents' replies go to the complainant through messaging after the change is saved.
 */
public final class TicketWork {

    /** A change decided on a ticket: the ticket after it, the lines it adds, its events, what to send once saved. */
    record Step(Ticket next, List<HistoryEntry> lines, List<Object> events, List<TicketMessages> messages) {
    }

    /** What an agent records of the investigation (null: unchanged). */
    public record Record(String responsibleParty, String findings, String rectification) {
    }

    /** The resolution: what was done, whether the brand was at fault, and the record's fields too. */
    public record Resolution(String resolution, Boolean upheld, String responsibleParty, String findings, String rectification) {
    }

    public static final int MAX_REPLY = 280;
    public static final int MAX_NOTE = 4000;
    private static final Log LOG = Log.get(TicketWork.class);

    private final TicketStore tickets;
    private final ComplaintSettings settings;
    private final SlaDeadlines deadlines;
    private final FieldCipher cipher;
    private final EventOutbox outbox;
    private final TicketMessages.Outbound messages;
    private final Clock clock;

    public TicketWork(TicketStore tickets, ComplaintSettings settings, FieldCipher cipher, EventOutbox outbox,
                      TicketMessages.Outbound messages, Clock clock) {
        this.tickets = tickets;
        this.settings = settings;
        this.deadlines = new SlaDeadlines(settings);
        this.cipher = cipher;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    public Ticket get(String ticketId) {
        return tickets.find(ticketId).orElseThrow(() -> ProblemException.notFound("Ticket"));
    }

    // ------------------------------------------------------------------ the system

    /** The acknowledgement promising the first-response time; the ticket moves from new to acknowledged. */
    public Ticket acknowledge(String ticketId, String replyBy, String statusUrl) {
        return change(ticketId, "system", t -> {
            if (t.status() != TicketStatus.NEW) {
                return null;
            }
            TicketMessages ack = new TicketMessages(t.memberId(), t.ticketId(), "ticket_acknowledged", "ticket:" + t.ticketNumber() + ":ack",
                    Map.of("ticketNumber", t.ticketNumber(), "replyBy", replyBy, "statusUrl", statusUrl));
            return new Step(t.withStatus(TicketStatus.ACKNOWLEDGED, now()), List.of(line(t, 1, Action.ACKNOWLEDGED, t.status(),
                    TicketStatus.ACKNOWLEDGED, "system", null, null, null)), List.of(), List.of(ack));
        });
    }

    // ------------------------------------------------------------------ agents

    public Ticket move(String ticketId, String actor, String statusKey) {
        TicketStatus to = TicketStatus.of(statusKey).filter(s -> s == TicketStatus.INVESTIGATING || s == TicketStatus.WAITING_ON_MEMBER
                || s == TicketStatus.CLOSED).orElseThrow(() -> ProblemException.invalidField("status",
                "must be investigating, waiting_on_member or closed (resolve and reopen have their own routes)"));
        return change(ticketId, actor, t -> {
            allowed(t, to);
            if (t.status() == TicketStatus.RESOLVED && to == TicketStatus.INVESTIGATING) {
                throw notAllowed(t, to); // a reopen: POST .../reopen, which restarts the clock
            }
            Mark mark = to == TicketStatus.WAITING_ON_MEMBER ? Mark.PAUSED : t.status() == TicketStatus.WAITING_ON_MEMBER ? Mark.RESUMED : null;
            Action action = to == TicketStatus.CLOSED ? Action.CLOSED : Action.STATUS;
            return new Step(t.withStatus(to, now()), List.of(line(t, 1, action, t.status(), to, actor, mark, null, null)), List.of(), List.of());
        });
    }

    public Ticket assign(String ticketId, String actor, String assignee) {
        List<FieldError> errors = new ArrayList<>();
        String who = Text.line(errors, "assignee", assignee, 120, true);
        fail(errors);
        return change(ticketId, actor, t -> {
            closedGuard(t);
            Ticket.Work w = t.work();
            return new Step(t.withWork(new Ticket.Work(who, w.responsibleParty(), w.findings(), w.resolution(), w.rectification(), w.upheld())),
                    List.of(line(t, 1, Action.ASSIGNED, w.assignee(), who, actor, null, null, null)), List.of(), List.of());
        });
    }

    public Ticket record(String ticketId, String actor, Record r) {
        List<FieldError> errors = new ArrayList<>();
        String party = Text.line(errors, "responsibleParty", r.responsibleParty(), 120, false);
        String findings = Text.multiLine(errors, "findings", r.findings(), 4000, false);
        String rect = Text.multiLine(errors, "rectification", r.rectification(), 2000, false);
        if (party == null && findings == null && rect == null && errors.isEmpty()) {
            errors.add(new FieldError("findings", "send at least one of responsibleParty, findings, rectification"));
        }
        fail(errors);
        return change(ticketId, actor, t -> {
            closedGuard(t);
            Ticket.Work w = t.work();
            Ticket.Work next = new Ticket.Work(w.assignee(), party != null ? party : w.responsibleParty(), findings != null ? findings : w.findings(),
                    w.resolution(), rect != null ? rect : w.rectification(), w.upheld());
            return new Step(t.withWork(next), List.of(line(t, 1, Action.RECORDED, null, null, actor, null, null, fields(party, findings, rect))),
                    List.of(), List.of());
        });
    }

    /** An agent's reply to the complainant: a response for the SLA clock, sent as {@code ticket_reply}. */
    public Ticket reply(String ticketId, String actor, String text) {
        List<FieldError> errors = new ArrayList<>();
        String reply = Text.multiLine(errors, "text", text, MAX_REPLY, true);
        fail(errors);
        return change(ticketId, actor, t -> {
            closedGuard(t);
            if (t.status() == TicketStatus.RESOLVED) {
                throw ProblemException.conflict("ticket-resolved", "Ticket resolved", "Reopen the ticket to reply to it.");
            }
            int seq = t.lastSeq() + 1;
            TicketStatus to = t.status() == TicketStatus.NEW || t.status() == TicketStatus.ACKNOWLEDGED ? TicketStatus.INVESTIGATING : t.status();
            List<HistoryEntry> lines = new ArrayList<>();
            lines.add(line(t, 1, Action.REPLIED, null, null, actor, Mark.RESPONDED, cipher.encrypt(t.ticketId(), "note:" + seq, reply), null));
            if (to != t.status()) {
                lines.add(line(t, 2, Action.STATUS, t.status(), to, actor, null, null, null));
            }
            TicketMessages m = new TicketMessages(t.memberId(), t.ticketId(), "ticket_reply", "ticket:" + t.ticketNumber() + ":reply:" + seq,
                    Map.of("ticketNumber", t.ticketNumber(), "reply", reply));
            return new Step(t.withStatus(to, now()), lines, List.of(), List.of(m));
        });
    }

    /** An agent's internal note: one history line, encrypted like a reply, never sent; no SLA mark (it is no response). */
    public Ticket note(String ticketId, String actor, String text) {
        List<FieldError> errors = new ArrayList<>();
        String note = Text.multiLine(errors, "text", text, MAX_NOTE, true);
        fail(errors);
        return change(ticketId, actor, t -> {
            closedGuard(t);
            return new Step(t, List.of(line(t, 1, Action.NOTED, null, null, actor, null,
                    cipher.encrypt(t.ticketId(), "note:" + (t.lastSeq() + 1), note), null)), List.of(), List.of());
        });
    }

    public Ticket resolve(String ticketId, String actor, Resolution r) {
        List<FieldError> errors = new ArrayList<>();
        String resolution = Text.multiLine(errors, "resolution", r.resolution(), 4000, true);
        if (r.upheld() == null) {
            errors.add(new FieldError("upheld", "is required: true when the brand was at fault"));
        }
        String party = Text.line(errors, "responsibleParty", r.responsibleParty(), 120, false);
        String findings = Text.multiLine(errors, "findings", r.findings(), 4000, false);
        String rect = Text.multiLine(errors, "rectification", r.rectification(), 2000, false);
        fail(errors);
        return change(ticketId, actor, t -> {
            allowed(t, TicketStatus.RESOLVED);
            Instant at = now();
            Ticket.Work w = t.work();
            Ticket next = t.withWork(new Ticket.Work(w.assignee(), party != null ? party : w.responsibleParty(),
                    findings != null ? findings : w.findings(), resolution, rect != null ? rect : w.rectification(), r.upheld()))
                    .withStatus(TicketStatus.RESOLVED, at);
            // The survey follows from the sweep (it holds the public site's address; this function sits behind the API).
            return new Step(next, List.of(line(t, 1, Action.RESOLVED, t.status(), TicketStatus.RESOLVED, actor, Mark.RESOLVED, null,
                    "upheld=" + r.upheld())), List.of(new ComplaintResolved(t.ticketId(), t.memberId(), t.category().key(), t.priority().key(), at,
                    r.upheld())), List.of());
        });
    }

    /** An agent reopens a resolved ticket (the clock continues with the time it had used). */
    public Ticket reopen(String ticketId, String actor) {
        return change(ticketId, actor, t -> {
            allowed(t, TicketStatus.INVESTIGATING);
            if (t.status() != TicketStatus.RESOLVED) {
                throw notAllowed(t, TicketStatus.INVESTIGATING);
            }
            return new Step(t.withStatus(TicketStatus.INVESTIGATING, now()), List.of(line(t, 1, Action.REOPENED, t.status(),
                    TicketStatus.INVESTIGATING, actor, Mark.REOPENED, null, null)), List.of(), List.of());
        });
    }

    // ------------------------------------------------------------------ the complainant

    /**
     * The complainant writes again (public route, private link): waiting -> investigating (the clock resumes); resolved
     * within the reopen window -> reopened; a next response is due either way.
     */
    public Ticket complainantReply(Ticket found, String text) {
        List<FieldError> errors = new ArrayList<>();
        String message = Text.multiLine(errors, "text", text, 2000, true);
        fail(errors);
        int reopenDays = settings.sla().current().reopenDays();
        return change(found.ticketId(), "complainant", t -> {
            Instant at = now();
            if (t.status() == TicketStatus.CLOSED
                    || (t.status() == TicketStatus.RESOLVED && t.resolvedAt().plus(Duration.ofDays(reopenDays)).isBefore(at))) {
                throw ProblemException.conflict("ticket-closed", "Ticket closed",
                        "This complaint was closed; file a new one and quote " + t.ticketNumber() + ".");
            }
            int seq = t.lastSeq() + 1;
            List<HistoryEntry> lines = new ArrayList<>();
            TicketStatus to = t.status();
            if (t.status() == TicketStatus.RESOLVED) {
                to = TicketStatus.INVESTIGATING;
                lines.add(line(t, 1, Action.REOPENED, t.status(), to, "complainant", Mark.REOPENED, null, null));
            } else if (t.status() == TicketStatus.WAITING_ON_MEMBER) {
                to = TicketStatus.INVESTIGATING;
                lines.add(line(t, 1, Action.STATUS, t.status(), to, "complainant", Mark.RESUMED, null, null));
            }
            lines.add(line(t, lines.size() + 1, Action.MEMBER_REPLIED, null, null, "complainant", Mark.MEMBER_REPLIED,
                    cipher.encrypt(t.ticketId(), "note:" + (seq + lines.size()), message), null));
            return new Step(t.withStatus(to, at), lines, List.of(), List.of());
        });
    }

    // ------------------------------------------------------------------ plumbing

    /** Re-derives a ticket's deadlines from its log with the settings in force (after a policy or calendar change). */
    public Ticket rederive(String ticketId) {
        Ticket t = get(ticketId);
        Ticket.Due due = deadlines.derive(t, tickets.history(ticketId)).due();
        if (due.equals(t.due())) {
            return t;
        }
        Ticket next = t.withDue(due).advanced(0);
        try {
            tickets.save(t, next, List.of(), List.of());
            return next;
        } catch (TicketStore.Moved moved) {
            return get(ticketId);
        }
    }

    private Ticket change(String ticketId, String actor, Function<Ticket, Step> decide) {
        for (int attempt = 0; ; attempt++) {
            Ticket t = get(ticketId);
            Step step = decide.apply(t);
            if (step == null) {
                return t;
            }
            List<HistoryEntry> history = new ArrayList<>(tickets.history(ticketId));
            history.addAll(step.lines());
            Ticket next = step.next().withDue(deadlines.derive(step.next(), history).due()).advanced(step.lines().size());
            List<EventOutbox.Staged> staged = step.events().stream().map(e -> outbox.stage(TicketIntake.SOURCE, e)).toList();
            try {
                tickets.save(t, next, step.lines(), outbox.writes(staged));
            } catch (TicketStore.Moved moved) {
                if (attempt >= 5) {
                    throw moved;
                }
                continue;
            }
            outbox.flush(staged);
            step.messages().forEach(messages::request);
            LOG.info("ticket changed", "ticketId", ticketId, "status", next.status().key(), "lines", step.lines().size());
            return next;
        }
    }

    private HistoryEntry line(Ticket t, int n, Action action, Object from, Object to, String actor, Mark mark, String noteEnc, String detail) {
        return new HistoryEntry(t.lastSeq() + n, now(), action, key(from), key(to), actor, mark, noteEnc, detail);
    }

    private static String key(Object o) {
        return o == null ? null : o instanceof TicketStatus s ? s.key() : String.valueOf(o);
    }

    private Instant now() {
        return clock.instant();
    }

    private static void allowed(Ticket t, TicketStatus to) {
        if (!t.status().canMoveTo(to)) {
            throw notAllowed(t, to);
        }
    }

    private static ProblemException notAllowed(Ticket t, TicketStatus to) {
        return new ProblemException(new com.fanops.platform.http.Problem(com.fanops.platform.http.Problem.BASE + "transition-not-allowed",
                "Transition not allowed", 409, "A ticket that is " + t.status().key() + " cannot become " + to.key() + ".", null, null,
                List.of(new FieldError("status", "from " + t.status().key() + " only " + t.status().next().stream().map(TicketStatus::key).toList()))));
    }

    private static void closedGuard(Ticket t) {
        if (t.status() == TicketStatus.CLOSED) {
            throw ProblemException.conflict("ticket-closed", "Ticket closed", "A closed ticket is not changed any more.");
        }
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static String fields(String party, String findings, String rect) {
        List<String> f = new ArrayList<>();
        if (party != null) {
            f.add("responsibleParty");
        }
        if (findings != null) {
            f.add("findings");
        }
        if (rect != null) {
            f.add("rectification");
        }
        return String.join(",", f);
    }
}
