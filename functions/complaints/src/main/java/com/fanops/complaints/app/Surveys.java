package com.fanops.complaints.app;

import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.TicketStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The satisfaction survey after resolution: a score of 1-5 and an optional comment, once per ticket. The answer, the
 * ticket's history line and the business day's CSAT counters are one transaction; the comment is field ciphertext.
 */
public final class Surveys {

    public record Answer(Integer score, String comment) {
    }

    private final TicketStore tickets;
    private final FieldCipher cipher;
    private final ZoneId zone;
    private final Clock clock;
    private final RiskFlags risk;
    private final EventOutbox outbox;

    public Surveys(TicketStore tickets, FieldCipher cipher, ZoneId zone, Clock clock) {
        this(tickets, cipher, zone, clock, null, null);
    }

    /** With {@code risk}, a low score from a high-tier member flags the ticket in the answer's transaction. */
    public Surveys(TicketStore tickets, FieldCipher cipher, ZoneId zone, Clock clock, RiskFlags risk, EventOutbox outbox) {
        this.risk = risk;
        this.outbox = outbox;
        this.tickets = tickets;
        this.cipher = cipher;
        this.zone = zone;
        this.clock = clock;
    }

    public Ticket answer(Ticket found, Answer a) {
        List<FieldError> errors = new ArrayList<>();
        if (a.score() == null || a.score() < 1 || a.score() > 5) {
            errors.add(new FieldError("score", "must be a whole number from 1 to 5"));
        }
        String comment = Text.multiLine(errors, "comment", a.comment(), 1000, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        for (int attempt = 0; ; attempt++) {
            Ticket t = tickets.find(found.ticketId()).orElseThrow();
            if (t.surveyed()) {
                throw ProblemException.conflict("survey-answered", "Survey already answered", "This ticket's survey was answered already.");
            }
            if (t.status() != TicketStatus.RESOLVED && t.status() != TicketStatus.CLOSED) {
                throw ProblemException.conflict("survey-not-open", "Survey not open", "The survey opens once the complaint is resolved.");
            }
            Instant at = clock.instant();
            HistoryEntry line = new HistoryEntry(t.lastSeq() + 1, at, HistoryEntry.Action.SURVEYED, null, null, "complainant", null, null,
                    "score=" + a.score());
            TicketStore.Survey survey = new TicketStore.Survey(t.ticketId(), a.score(), cipher.encrypt(t.ticketId(), "surveyComment", comment), at,
                    at.atZone(zone).toLocalDate());
            Ticket next = t.surveyedNow().advanced(1);
            RiskFlags.Flag flag = risk == null ? null : risk.atSurvey(next, a.score(), at);
            List<HistoryEntry> lines = new ArrayList<>(List.of(line));
            if (flag != null) {
                next = flag.ticket();
                lines.addAll(flag.lines());
            }
            try {
                tickets.save(t, next, lines, flag == null ? tickets.surveyWrites(survey)
                        : Stream.concat(tickets.surveyWrites(survey).stream(), outbox.writes(flag.events()).stream()).toList());
                if (flag != null) {
                    risk.published(flag);
                }
                return tickets.find(t.ticketId()).orElseThrow();
            } catch (TicketStore.Moved moved) {
                if (attempt >= 5) {
                    throw moved;
                }
            }
        }
    }
}
