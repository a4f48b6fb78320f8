package com.fanops.complaints.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A complaint ticket as stored. Personal data only as field ciphertext (record id = {@code ticketId}): the complainant's
 * name, contact and description. The contact is found again only by its blind index.
 *
 * @param memberId    the complainant's member id when they proved it with their member token; null otherwise
 * @param diamond     the member's tier was diamond at intake (faster targets, one priority level up)
 * @param linkHash    SHA-256 of the private link's token
 * @param due         the SLA deadlines as last derived (for the queue and the dashboard; the clock log is the truth)
 * @param reopenedAt  when it was last reopened (null if never)
 * @param revision    optimistic-concurrency counter; {@code lastSeq} the last history line's number
 * @param risk        why the ticket was flagged as a 舆情 risk (each reason once, in the order found); empty: no risk
 */
public record Ticket(String ticketId, String ticketNumber, TicketStatus status, Category category, Priority priority, String memberId,
                     boolean diamond, String locale, String reference, List<String> attachments, String contactType,
                     String contactIndex, String contactEnc, String nameEnc, String descriptionEnc, String linkHash, Instant receivedAt,
                     LocalDate day, Work work, Instant resolvedAt, Instant closedAt, Instant reopenedAt, Due due, boolean surveyed,
                     long revision, int lastSeq, List<RiskReason> risk) {

    /** What the agents record while working the ticket. {@code upheld}: the brand was at fault (null until resolved). */
    public record Work(String assignee, String responsibleParty, String findings, String resolution, String rectification,
                       Boolean upheld) {
        public static final Work NONE = new Work(null, null, null, null, null, null);
    }

    /**
     * Derived deadlines (null: met, paused or not running) and the settings versions they came from; with the SLA's
     * escalation bookkeeping: what fired ({@code WARN#first_response}, {@code SURVEY}: facts, kept across re-derivations),
     * and derived from it and the clock the state ({@code ok|warning|breached|paused|stopped}), the escalation level (0-3)
     * and the next action's instant (the due index; null when nothing is pending).
     */
    public record Due(Instant firstResponse, Instant nextResponse, Instant resolution, int policyVersion, int calendarVersion,
                      String slaState, int escalationLevel, Set<String> fired, Instant nextAction) {

        public Due {
            fired = fired == null ? Set.of() : Set.copyOf(fired);
            slaState = slaState == null ? SlaEscalation.State.OK.key() : slaState;
        }

        /** The deadlines alone (nothing fired, state ok, no action pending). */
        public Due(Instant firstResponse, Instant nextResponse, Instant resolution, int policyVersion, int calendarVersion) {
            this(firstResponse, nextResponse, resolution, policyVersion, calendarVersion, null, 0, Set.of(), null);
        }

        public Instant earliest() {
            Instant e = null;
            for (Instant i : new Instant[] {firstResponse, nextResponse, resolution}) {
                if (i != null && (e == null || i.isBefore(e))) {
                    e = i;
                }
            }
            return e;
        }
    }

    public Ticket {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        work = work == null ? Work.NONE : work;
        risk = risk == null ? List.of() : List.copyOf(risk);
    }

    /** A ticket with no risk flag. */
    public Ticket(String ticketId, String ticketNumber, TicketStatus status, Category category, Priority priority, String memberId,
                  boolean diamond, String locale, String reference, List<String> attachments, String contactType,
                  String contactIndex, String contactEnc, String nameEnc, String descriptionEnc, String linkHash, Instant receivedAt,
                  LocalDate day, Work work, Instant resolvedAt, Instant closedAt, Instant reopenedAt, Due due, boolean surveyed,
                  long revision, int lastSeq) {
        this(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType, contactIndex,
                contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, due, surveyed,
                revision, lastSeq, List.of());
    }

    /** The same ticket flagged with these risk reasons (the earlier ones kept, each once). */
    public Ticket withRisk(List<RiskReason> reasons) {
        LinkedHashSet<RiskReason> all = new LinkedHashSet<>(risk);
        all.addAll(reasons);
        return new Ticket(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, due,
                surveyed, revision, lastSeq, List.copyOf(all));
    }

    public Ticket withStatus(TicketStatus to, Instant at) {
        return new Ticket(ticketId, ticketNumber, to, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work,
                to == TicketStatus.RESOLVED ? at : resolvedAt, to == TicketStatus.CLOSED ? at : closedAt,
                status == TicketStatus.RESOLVED && to == TicketStatus.INVESTIGATING ? at : reopenedAt, due, surveyed, revision, lastSeq, risk);
    }

    public Ticket withWork(Work w) {
        return new Ticket(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, w, resolvedAt, closedAt, reopenedAt, due,
                surveyed, revision, lastSeq, risk);
    }

    public Ticket withDue(Due d) {
        return new Ticket(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, d,
                surveyed, revision, lastSeq, risk);
    }

    public Ticket withPriority(Priority p) {
        return new Ticket(ticketId, ticketNumber, status, category, p, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, due,
                surveyed, revision, lastSeq, risk);
    }

    public Ticket surveyedNow() {
        return new Ticket(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, due,
                true, revision, lastSeq, risk);
    }

    /** The next revision, with {@code lines} more history lines. */
    public Ticket advanced(int lines) {
        return new Ticket(ticketId, ticketNumber, status, category, priority, memberId, diamond, locale, reference, attachments, contactType,
                contactIndex, contactEnc, nameEnc, descriptionEnc, linkHash, receivedAt, day, work, resolvedAt, closedAt, reopenedAt, due,
                surveyed, revision + 1, lastSeq + lines, risk);
    }

    @Override
    public String toString() {
        return "Ticket[" + ticketId + " " + ticketNumber + " " + status.key() + "]";
    }
}
