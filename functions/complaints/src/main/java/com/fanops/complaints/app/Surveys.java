package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintScored;
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

/**
 * The satisfaction survey after resolution: a score of 1-5 and an optional comment, once per ticket. The answer, the
 * ticket's history line, the business day's CSAT counters and {@code ComplaintScored} (through the outbox, with the
 * member's tier at answer time) are one transaction; the comment is field ciphertext.
 */
public final class Surveys {

    public record Answer(Integer score, String comment) {
    }

    /** A member's tier now (engagement's standing), as its key. */
    @FunctionalInterface
    public interface Tiers {
        String of(String memberId);
    }

    private final TicketStore tickets;
    private final FieldCipher cipher;
    private final EventOutbox outbox;
    private final Tiers tiers;
    private final ZoneId zone;
    private final Clock clock;
    private final RiskFlags risk;

    /**
     * {@code tiers} gives the member's tier at answer time (for {@code ComplaintScored}); with {@code risk}, a low score
     * from a high-tier member also flags the ticket in the answer's transaction.
     */
    public Surveys(TicketStore tickets, FieldCipher cipher, EventOutbox outbox, Tiers tiers, RiskFlags risk, ZoneId zone, Clock clock) {
        this.risk = risk;
        this.tickets = tickets;
        this.cipher = cipher;
        this.outbox = outbox;
        this.tiers = tiers;
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
            String tier = t.memberId() == null ? null : tiers.of(t.memberId());
            EventOutbox.Staged scored = outbox.stage(TicketIntake.SOURCE, new ComplaintScored(t.ticketId(), t.ticketNumber(), t.memberId(),
                    a.score(), tier, at));
            Ticket next = t.surveyedNow().advanced(1);
            RiskFlags.Flag flag = risk == null ? null : risk.atSurvey(next, a.score(), tier, at);
            List<HistoryEntry> lines = new ArrayList<>(List.of(line));
            List<EventOutbox.Staged> events = new ArrayList<>(List.of(scored));
            if (flag != null) {
                next = flag.ticket();
                lines.addAll(flag.lines());
                events.addAll(flag.events());
            }
            try {
                tickets.save(t, next, lines, concat(tickets.surveyWrites(survey), outbox.writes(events)));
                outbox.flush(List.of(scored));
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

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
