package com.fanops.complaints.app;

import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.DueTickets;
import com.fanops.complaints.store.MonthTickets;
import com.fanops.complaints.store.PulseLinks;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.store.RiskStore;
import com.fanops.complaints.store.TicketLinks;
import com.fanops.complaints.store.TicketStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The complaints capability wired once per function: stores, settings, the use cases. Functions read their environment
 * and hand it in; nothing here reads it.
 *
 * @param siteUrl the public site (private links in messages); null in functions that make none
 */
public final class Complaints {

    /** A function that sends no message to complainants. */
    public static final TicketMessages.Outbound SENDS_NOTHING = m -> {
        throw new IllegalStateException("this function does not send ticket messages: " + m);
    };

    public final TicketStore tickets;
    public final DueTickets due;
    public final ComplaintSettings settings;
    public final FieldCipher cipher;
    public final TicketWork work;
    public final TicketViews views;
    public final TicketLinks links;
    public final EventOutbox outbox;
    public final ZoneId zone;
    public final Clock clock;
    private final TicketMessages.Outbound messages;
    private final String complaintsTable;

    public Complaints(DynamoDbClient ddb, String complaintsTable, String configTable, Keyring keyring, EventOutbox outbox,
                      TicketMessages.Outbound messages, String siteUrl, ZoneId zone, Clock clock, Duration settingsCache) {
        this.tickets = new TicketStore(ddb, complaintsTable);
        this.complaintsTable = complaintsTable;
        this.due = new DueTickets(ddb, complaintsTable);
        this.settings = new ComplaintSettings(ddb, configTable, zone, clock, settingsCache);
        this.cipher = new FieldCipher(keyring);
        this.outbox = outbox;
        this.messages = messages;
        this.links = siteUrl == null ? null : new TicketLinks(keyring, siteUrl);
        this.work = new TicketWork(tickets, settings, cipher, outbox, messages, clock);
        this.views = new TicketViews(tickets, new SlaDeadlines(settings), cipher, clock);
        this.zone = zone;
        this.clock = clock;
    }

    /** The intake function's use case; the member's tier is read from engagement's standings. */
    public TicketIntake intake(DynamoDbClient ddb, String interactionsTable) {
        StandingStore standings = new StandingStore(ddb, interactionsTable, new CapacityMeter());
        return new TicketIntake(tickets, standings, settings, cipher, links, outbox, work, zone, risk(ddb));
    }

    /** The monthly summary (the admin function's: its CSV needs Jackson's CSV module, which only that jar carries). */
    public ComplaintSummaries summaries(DynamoDbClient ddb) {
        return new ComplaintSummaries(new MonthTickets(ddb, complaintsTable), settings, zone, clock);
    }

    private RiskFlags risk(DynamoDbClient ddb) {
        return new RiskFlags(new RiskStore(ddb, complaintsTable), settings, outbox);
    }

    /**
     * The survey's use case: the member's tier at answer time is read once from engagement's standings, for
     * {@code ComplaintScored} and the low-score risk flag.
     */
    public Surveys surveys(DynamoDbClient ddb, String interactionsTable) {
        StandingStore standings = new StandingStore(ddb, interactionsTable, new CapacityMeter());
        return new Surveys(tickets, cipher, outbox, memberId -> standings.get(memberId).tier().key(), risk(ddb), zone, clock);
    }

    public SlaSweep sweep() {
        return new SlaSweep(tickets, due, settings, work, outbox, links, messages);
    }

    /** The community pulse; links only where they are made and a population only where samples are drawn (the sweep). */
    public Pulses pulses(DynamoDbClient ddb, String complaintsTable, Keyring keyring, String siteUrl, Pulses.Population population) {
        return new Pulses(new PulseStore(ddb, complaintsTable), cipher, siteUrl == null ? null : new PulseLinks(keyring, siteUrl), messages,
                population, zone, clock);
    }
}
