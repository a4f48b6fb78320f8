package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.RiskReason;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.TicketStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each audience sees of a ticket: the complainant (through the private link), agents (everything, decrypted, with
 * the SLA clock) and analysts (a summary with no personal data and no free text).
 */
public final class TicketViews {

    private final TicketStore tickets;
    private final SlaDeadlines deadlines;
    private final FieldCipher cipher;
    private final java.time.Clock clock;

    public TicketViews(TicketStore tickets, SlaDeadlines deadlines, FieldCipher cipher, java.time.Clock clock) {
        this.tickets = tickets;
        this.deadlines = deadlines;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The ticket behind a number and the private link's token ({@code Authorization: Bearer <token>}). An unknown number
     * and a wrong token are the same 401, so numbers cannot be probed.
     */
    public Ticket authorise(String ticketNumber, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        Ticket t = token == null ? null : tickets.byNumber(ticketNumber).orElse(null);
        if (t == null || !ComplaintIds.tokenMatches(token, t.linkHash())) {
            throw new ProblemException(new Problem(Problem.BASE + "unauthorized", "Authentication required", 401,
                    "Open the private link from your acknowledgement: it carries the ticket's token.", null, null,
                    List.of(new FieldError("authorization", "the token does not match this ticket"))));
        }
        return t;
    }

    /** The complainant's view: status, the promised times, the conversation, whether the survey is open. */
    public Map<String, Object> forComplainant(Ticket t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticketNumber", t.ticketNumber());
        out.put("status", t.status().key());
        out.put("category", t.category().key());
        out.put("receivedAt", t.receivedAt().toString());
        out.put("firstResponseDue", str(t.due() == null ? null : t.due().firstResponse()));
        out.put("resolvedAt", str(t.resolvedAt()));
        out.put("resolution", t.status() == TicketStatus.RESOLVED || t.status() == TicketStatus.CLOSED ? t.work().resolution() : null);
        List<Map<String, Object>> conversation = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry h : tickets.history(t.ticketId())) {
            if (h.action() == HistoryEntry.Action.REPLIED || h.action() == HistoryEntry.Action.MEMBER_REPLIED) {
                conversation.add(Map.of("at", h.at().toString(), "from", h.action() == HistoryEntry.Action.REPLIED ? "support" : "you",
                        "text", cipher.decrypt(t.ticketId(), "note:" + h.seq(), h.noteEnc())));
            } else if (h.to() != null && h.action() != HistoryEntry.Action.ASSIGNED) {
                history.add(Map.of("at", h.at().toString(), "status", h.to()));
            }
        }
        out.put("history", history);
        out.put("conversation", conversation);
        out.put("surveyOpen", !t.surveyed() && (t.status() == TicketStatus.RESOLVED || t.status() == TicketStatus.CLOSED));
        out.put("surveyed", t.surveyed());
        return out;
    }

    /** The analysts' line: keys, times and outcomes; no name, contact, description, notes or member id. */
    public Map<String, Object> summary(Ticket t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticketId", t.ticketId());
        out.put("ticketNumber", t.ticketNumber());
        out.put("status", t.status().key());
        out.put("category", t.category().key());
        out.put("priority", t.priority().key());
        out.put("member", t.memberId() != null);
        out.put("diamond", t.diamond());
        out.put("receivedAt", t.receivedAt().toString());
        out.put("day", t.day().toString());
        out.put("resolvedAt", str(t.resolvedAt()));
        out.put("closedAt", str(t.closedAt()));
        out.put("reopenedAt", str(t.reopenedAt()));
        out.put("upheld", t.work().upheld());
        out.put("due", due(t.due()));
        out.put("slaState", t.due() == null ? "ok" : t.due().slaState());
        out.put("escalationLevel", t.due() == null ? 0 : t.due().escalationLevel());
        out.put("surveyed", t.surveyed());
        if (!t.risk().isEmpty()) {
            out.put("risk", RiskReason.keys(t.risk()));
        }
        return out;
    }

    /** The agents' queue line: the summary with the assignee and member id. */
    public Map<String, Object> queueLine(Ticket t) {
        Map<String, Object> out = summary(t);
        out.put("memberId", t.memberId());
        out.put("assignee", t.work().assignee());
        return out;
    }

    /** The agents' whole ticket: decrypted personal data, the work recorded, the history and the SLA clock. */
    public Map<String, Object> forAgent(Ticket t) {
        Map<String, Object> out = queueLine(t);
        List<HistoryEntry> lines = tickets.history(t.ticketId());
        out.put("locale", t.locale());
        out.put("name", cipher.decrypt(t.ticketId(), "name", t.nameEnc()));
        out.put("contact", Map.of("type", t.contactType(), "value", cipher.decrypt(t.ticketId(), "contact", t.contactEnc())));
        out.put("description", cipher.decrypt(t.ticketId(), "description", t.descriptionEnc()));
        out.put("reference", t.reference());
        out.put("attachments", t.attachments());
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("assignee", t.work().assignee());
        work.put("responsibleParty", t.work().responsibleParty());
        work.put("findings", t.work().findings());
        work.put("resolution", t.work().resolution());
        work.put("rectification", t.work().rectification());
        work.put("upheld", t.work().upheld());
        out.put("work", work);
        out.put("next", t.status().next().stream().map(TicketStatus::key).sorted().toList());
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry h : lines) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seq", h.seq());
            line.put("at", h.at().toString());
            line.put("action", h.action().key());
            line.put("from", h.from());
            line.put("to", h.to());
            line.put("actor", h.actor());
            line.put("clock", h.clock() == null ? null : h.clock().key());
            line.put("text", h.noteEnc() == null ? null : cipher.decrypt(t.ticketId(), "note:" + h.seq(), h.noteEnc()));
            line.put("detail", h.detail());
            history.add(line);
        }
        out.put("history", history);
        SlaDeadlines.Derived d = deadlines.derive(t, lines);
        List<Map<String, Object>> targets = new ArrayList<>();
        Instant now = clock.instant();
        for (SlaClock.TargetState s : d.replay().targets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", s.target().key());
            m.put("instance", s.instance());
            m.put("open", s.open());
            m.put("goalMinutes", s.goal().toMinutes());
            m.put("elapsedMinutes", s.elapsed().toMinutes());
            m.put("deadline", str(s.deadline()));
            m.put("warnAt", str(s.warnAt()));
            m.put("managerAt", str(s.managerAt()));
            m.put("metAt", str(s.metAt()));
            m.put("breached", s.breached(now));
            targets.add(m);
        }
        out.put("sla", Map.of("policyVersion", d.due().policyVersion(), "calendarVersion", d.due().calendarVersion(),
                "state", d.replay().stopped() ? "stopped" : d.replay().paused() ? "paused" : "running", "targets", targets,
                "segments", d.replay().segments().stream().map(s -> Map.of("from", s.from().toString(), "to", s.to().toString(),
                        "kind", s.kind().key())).toList()));
        return out;
    }

    private static Map<String, Object> due(Ticket.Due due) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firstResponse", str(due == null ? null : due.firstResponse()));
        m.put("nextResponse", str(due == null ? null : due.nextResponse()));
        m.put("resolution", str(due == null ? null : due.resolution()));
        m.put("earliest", str(due == null ? null : due.earliest()));
        return m;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
