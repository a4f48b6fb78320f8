package com.fanops.rewards.app;

import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.rewards.store.ApprovalStore;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.CatalogueStore;
import com.fanops.rewards.store.CodePoolStore;
import com.fanops.rewards.store.IssuanceStore;
import com.fanops.rewards.store.RewardRulesStore;
import com.fanops.rewards.store.StockStore;
import com.fanops.rewards.store.WinBackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rewards capability put together once, as every rewards function and the tests use it: the stores over their tables and
 * the services over the stores; {@link #fromEnvironment} as a deployed function builds it. A function that carries this
 * capability only for a store (activities, for {@code BudgetStore}) never loads this class and reads none of its
 * environment. Settings are read fresh ({@code cacheFor} zero) by the admin API and cached briefly elsewhere.
 */
public final class Rewards {

    /** The tables the capability reads and writes. */
    public record Tables(String rewards, String config, String interactions, String members, String audit) {

        /** As a deployed function names them. */
        public static Tables fromEnvironment() {
            return new Tables(Env.require("REWARDS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("INTERACTIONS_TABLE"),
                    Env.require("MEMBERS_TABLE"), Env.require("AUDIT_TABLE"));
        }
    }

    public final CapacityMeter meter = new CapacityMeter();
    public final EventOutbox outbox;
    public final MemberStore members;
    public final InteractionStore days;
    public final PointsLedger ledger;
    public final CatalogueStore catalogue;
    public final RewardRulesStore rules;
    public final IssuanceStore archive;
    public final BudgetStore budgetStore;
    public final StockStore stock;
    public final CodePoolStore poolStore;
    public final ApprovalStore approvals;
    public final WinBackStore winBacks;
    public final AuditLog audit;
    public final CodePools pools;
    public final Budgets budgets;
    public final IssuanceService issuance;
    public final IssuanceStatuses statuses;
    public final Redemptions redemptions;
    public final MemberLookup lookup;
    public final RuleEngine engine;
    public final ActivityPrizes prizes;
    public final ManualGrants grants;
    public final RewardArchive reports;
    public final ZoneId zone;
    public final Clock clock;

    public Rewards(DynamoDbClient ddb, Tables tables, EventOutbox outbox, ZoneId zone, Clock clock, Duration settingsCache) {
        this.outbox = outbox;
        this.zone = zone;
        this.clock = clock;
        this.audit = new AuditLog(ddb, tables.audit(), clock);
        this.members = new MemberStore(ddb, tables.members());
        this.days = new InteractionStore(ddb, tables.interactions(), zone, meter);
        this.ledger = new PointsLedger(ddb, tables.interactions(), days, outbox, zone, clock);
        this.catalogue = new CatalogueStore(ddb, tables.config(), clock, settingsCache);
        this.rules = new RewardRulesStore(ddb, tables.config(), clock, settingsCache);
        this.archive = new IssuanceStore(ddb, tables.rewards(), meter);
        this.budgetStore = new BudgetStore(ddb, tables.rewards());
        this.stock = new StockStore(ddb, tables.rewards());
        this.poolStore = new CodePoolStore(ddb, tables.rewards());
        this.approvals = new ApprovalStore(ddb, tables.rewards());
        this.winBacks = new WinBackStore(ddb, tables.rewards());
        this.pools = new CodePools(poolStore, outbox, audit, clock);
        this.budgets = new Budgets(budgetStore, archive, audit, zone, clock);
        // Points rewards make lots that expire like earned points, by the engagement rules in force (read when needed).
        RulesStore engagementRules = new RulesStore(ddb, tables.config(), clock, Duration.ofMinutes(5));
        this.issuance = new IssuanceService(archive, catalogue, poolStore, ledger, outbox, pools, () -> engagementRules.current().lotMonths(),
                zone, clock);
        this.statuses = new IssuanceStatuses(archive, ledger, outbox, audit, clock);
        this.redemptions = new Redemptions(issuance);
        this.lookup = new MemberLookup(members, new StandingStore(ddb, tables.interactions(), meter), days);
        this.engine = new RuleEngine(rules, lookup, issuance);
        this.prizes = new ActivityPrizes(lookup, issuance);
        this.grants = new ManualGrants(issuance, lookup, catalogue, rules, approvals, audit, clock);
        this.reports = new RewardArchive(archive, zone, clock);
    }

    /** As a deployed function builds it, from its environment (tables, bus, business time zone). */
    public static Rewards fromEnvironment(Duration settingsCache) {
        DynamoDbClient ddb = AwsClients.dynamoDb();
        Clock clock = Clock.systemUTC();
        EventOutbox outbox = new EventOutbox(ddb, Env.require("EVENT_OUTBOX_TABLE"),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), IssuanceService.SOURCE, clock), clock);
        return new Rewards(ddb, Tables.fromEnvironment(), outbox, ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), clock, settingsCache);
    }

    public DailyRewards daily(DailyRewards.Birthdays birthdays) {
        return new DailyRewards(rules, lookup, engine, statuses, winBacks, birthdays, zone);
    }
}
