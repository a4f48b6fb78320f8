package com.fanops.complaints.app;

import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.ComplaintReceived;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.ReplyBy;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.Submission;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.TicketLinks;
import com.fanops.complaints.store.TicketStore;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.log.Log;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The intake function's use case: a submission becomes a numbered ticket (priority from the rules, SLA deadlines from the
 * clock, {@code ComplaintReceived} through the outbox, all in one transaction), then the acknowledgement promising the
 * first-response time goes out through messaging and the ticket is acknowledged. Delivered twice, it makes one ticket and
 * one acknowledgement (messaging keeps one message per cause).
 */
public final class TicketIntake {

    public static final String SOURCE = "fanops.complaints";
    private static final Log LOG = Log.get(TicketIntake.class);

    private final TicketStore tickets;
    private final StandingStore standings;
    private final ComplaintSettings settings;
    private final SlaDeadlines deadlines;
    private final FieldCipher cipher;
    private final TicketLinks links;
    private final EventOutbox outbox;
    private final TicketWork work;
    private final ZoneId zone;
    private final RiskFlags risk;

    /** With {@code risk}, keyword, spike and repeat flags are decided in the ticket's creation transaction. */
    public TicketIntake(TicketStore tickets, StandingStore standings, ComplaintSettings settings, FieldCipher cipher, TicketLinks links,
                        EventOutbox outbox, TicketWork work, ZoneId zone, RiskFlags risk) {
        this.risk = risk;
        this.tickets = tickets;
        this.standings = standings;
        this.settings = settings;
        this.deadlines = new SlaDeadlines(settings);
        this.cipher = cipher;
        this.links = links;
        this.outbox = outbox;
        this.work = work;
        this.zone = zone;
    }

    public Ticket take(Submission s) {
        Ticket ticket = tickets.find(s.ticketId()).orElseGet(() -> create(s));
        if (ticket.status() == TicketStatus.NEW) {
            String token = links.token(ticket.ticketId());
            String replyBy = ticket.due() == null || ticket.due().firstResponse() == null ? ""
                    : ReplyBy.format(ticket.due().firstResponse(), zone, ticket.locale());
            ticket = work.acknowledge(ticket.ticketId(), replyBy, links.statusPage(ticket.ticketNumber(), token));
        }
        return ticket;
    }

    private Ticket create(Submission s) {
        boolean diamond = s.memberId() != null && standings.get(s.memberId()).tier() == Tier.DIAMOND;
        Category category = Category.of(s.category()).orElseThrow();
        // Decrypted only to match the rules' keywords; never logged, never kept in clear.
        String description = cipher.decrypt(s.ticketId(), "description", s.descriptionEnc());
        Priority priority = settings.priority().current().decide(category, description, diamond);
        String token = links.token(s.ticketId());
        Ticket draft = new Ticket(s.ticketId(), null, TicketStatus.NEW, category, priority, s.memberId(), diamond, s.locale(), s.reference(),
                s.attachments(), s.contactType(), s.contactIndex(), s.contactEnc(), s.nameEnc(), s.descriptionEnc(),
                ComplaintIds.sha256Hex(token), s.submittedAt(), s.submittedAt().atZone(zone).toLocalDate(), Ticket.Work.NONE, null, null,
                null, null, false, 1, 1);
        HistoryEntry received = new HistoryEntry(1, s.submittedAt(), HistoryEntry.Action.RECEIVED, null, TicketStatus.NEW.key(),
                s.memberId() == null ? "complainant" : "member", SlaClock.Mark.OPENED, null, "priority=" + priority.key());
        AtomicReference<EventOutbox.Staged> staged = new AtomicReference<>();
        AtomicReference<RiskFlags.Flag> flagged = new AtomicReference<>();
        TicketStore.Outcome outcome = tickets.create(draft, numbered -> {
            // The risk flags may raise the priority: they come before the deadlines.
            RiskFlags.Flag flag = risk == null ? new RiskFlags.Flag(numbered, List.of(), null, null) : risk.atIntake(numbered, description);
            flagged.set(flag);
            List<HistoryEntry> lines = new ArrayList<>(List.of(received));
            lines.addAll(flag.lines());
            Ticket t = flag.ticket().withDue(deadlines.derive(flag.ticket(), lines).due());
            EventOutbox.Staged e = outbox.stage(SOURCE, new ComplaintReceived(t.ticketId(), t.ticketNumber(), t.memberId(), category.key(),
                    t.priority().key(), t.receivedAt(), t.due().firstResponse(), t.due().resolution()));
            staged.set(e);
            List<EventOutbox.Staged> events = new ArrayList<>(List.of(e));
            events.addAll(flag.events());
            return new TicketStore.Created(t, lines,
                    risk == null ? outbox.writes(events) : risk.store().withCount(outbox.writes(events), flag.count()));
        });
        Ticket created = outcome.ticket();
        if (outcome.fresh()) {
            outbox.flush(List.of(staged.get()));
            if (risk != null) {
                risk.published(flagged.get());
            }
        }
        LOG.info("ticket created", "ticketId", created.ticketId(), "ticketNumber", created.ticketNumber(), "priority", created.priority().key(),
                "category", created.category().key());
        return created;
    }
}
