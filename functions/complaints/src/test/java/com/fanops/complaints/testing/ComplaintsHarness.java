package com.fanops.complaints.testing;

import com.fanops.complaints.app.ComplaintIntake;
import com.fanops.complaints.app.RiskFlags;
import com.fanops.complaints.app.SlaSweep;
import com.fanops.complaints.app.Surveys;
import com.fanops.complaints.app.TicketIntake;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.complaints.app.SlaDeadlines;
import com.fanops.complaints.app.TicketViews;
import com.fanops.complaints.app.TicketWork;
import com.fanops.complaints.domain.Submission;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.DueTickets;
import com.fanops.complaints.store.RiskStore;
import com.fanops.complaints.store.TicketLinks;
import com.fanops.complaints.store.TicketStore;
import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.limits.RateLimiter;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The complaints capability wired as its functions wire it, on DynamoDB Local with the template's tables, a clock the
 * test moves, a recorded bus, a list for the submissions queue and one for the messages asked of messaging.
 */
public final class ComplaintsHarness implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String SITE = "https://fans.example.com";

    public final LocalDynamo dynamo;
    public final MutableClock clock;
    public final RecordedEvents bus = new RecordedEvents("com.fanops.complaints.domain");
    public final List<Submission> queue = new CopyOnWriteArrayList<>();
    public final List<TicketMessages> sent = new CopyOnWriteArrayList<>();
    public final FieldCipher cipher;
    public final Keyring keyring;
    public final EventOutbox outbox;
    public final TicketStore tickets;
    public final DueTickets due;
    public final ComplaintSettings settings;
    public final TicketLinks links;
    public final MemberStore members;
    public final StandingStore standings;
    public final ComplaintIntake intake;
    public final TicketWork work;
    public final TicketIntake tickerIntake;
    public final SlaSweep sweep;
    public final Surveys surveys;
    public final TicketViews views;
    public final RiskFlags risk;

    public ComplaintsHarness(Instant now) {
        this(now, ComplaintIntake.Limits.none());
    }

    public ComplaintsHarness(Instant now, ComplaintIntake.Limits limits) {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(now);
        keyring = new Keyring(dynamo.client(), "ConfigTable", new InMemoryDataKeys(), clock);
        cipher = new FieldCipher(keyring);
        outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock);
        tickets = new TicketStore(dynamo.client(), "ComplaintsTable");
        settings = new ComplaintSettings(dynamo.client(), "ConfigTable", ZONE, clock, Duration.ZERO);
        links = new TicketLinks(keyring, SITE);
        members = new MemberStore(dynamo.client(), "MembersTable");
        standings = new StandingStore(dynamo.client(), "InteractionsTable", new CapacityMeter());
        intake = new ComplaintIntake(members, cipher, new RateLimiter(dynamo.client(), "LimitsTable", clock), limits, queue::add, clock);
        work = new TicketWork(tickets, settings, cipher, outbox, sent::add, clock);
        risk = new RiskFlags(new RiskStore(dynamo.client(), "ComplaintsTable"), settings, outbox);
        tickerIntake = new TicketIntake(tickets, standings, settings, cipher, links, outbox, work, ZONE, risk);
        due = new DueTickets(dynamo.client(), "ComplaintsTable");
        sweep = new SlaSweep(tickets, due, settings, work, outbox, links, sent::add);
        surveys = new Surveys(tickets, cipher, outbox, memberId -> standings.get(memberId).tier().key(), risk, ZONE, clock);
        views = new TicketViews(tickets, new SlaDeadlines(settings), cipher, clock);
    }

    /** An admitted member with membership consent; its token is {@code token-<memberId>}. */
    public String member(String memberId, Tier tier) {
        Instant joined = clock.instant().minus(Duration.ofDays(30));
        members.signUp(new MemberStore.NewMember(memberId, MemberStatus.ACTIVE, "web", "CN-31", "en", joined, "email", "idx-" + memberId,
                "nick-ct", "contact-ct", null, null, null, null, MemberToken.sha256("token-" + memberId), MemberKind.MEMBER),
                List.of(new ConsentEntry(memberId, Purpose.MEMBERSHIP, 1, true, joined, 1, "web", "en", "proof", "form", "member", null)),
                null, List.of());
        if (tier != Tier.BRONZE) {
            Standing read = standings.get(memberId);
            LocalDate day = LocalDate.ofInstant(joined, ZONE);
            standings.write(read, new Standing(memberId, Category.CORE, day, tier, day, null, null, null, 1, read.rev()), null, List.of(),
                    outbox, clock.instant());
        }
        return memberId;
    }

    /** Every submission on the queue taken by the intake function, in order; answers the last ticket. */
    public com.fanops.complaints.domain.Ticket drain() {
        com.fanops.complaints.domain.Ticket last = null;
        for (Submission s : queue) {
            last = tickerIntake.take(s);
        }
        queue.clear();
        return last;
    }

    public long items(String table) {
        return dynamo.client().scan(b -> b.tableName(table).select("COUNT")).count();
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
    }
}
