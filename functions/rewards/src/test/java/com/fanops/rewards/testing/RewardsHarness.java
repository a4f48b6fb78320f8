package com.fanops.rewards.testing;

import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.rewards.app.Budgets;
import com.fanops.rewards.app.CodePools;
import com.fanops.rewards.app.DailyRewards;
import com.fanops.rewards.app.IssuanceService;
import com.fanops.rewards.app.IssuanceStatuses;
import com.fanops.rewards.app.ManualGrants;
import com.fanops.rewards.app.MemberLookup;
import com.fanops.rewards.app.Redemptions;
import com.fanops.rewards.app.RuleEngine;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardRules;
import com.fanops.rewards.store.ApprovalStore;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.CatalogueStore;
import com.fanops.rewards.store.CodePoolStore;
import com.fanops.rewards.store.IssuanceStore;
import com.fanops.rewards.store.RewardRulesStore;
import com.fanops.rewards.store.StockStore;
import com.fanops.rewards.store.WinBackStore;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rewards capability wired as the functions wire it, on DynamoDB Local with the template's tables, a clock the test
 * moves and a recorded bus. Members are written through the members capability's own store.
 */
public final class RewardsHarness implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Rewards.Tables TABLES = new Rewards.Tables("RewardsTable", "ConfigTable", "InteractionsTable", "MembersTable",
            "AuditTable");

    public final LocalDynamo dynamo;
    public final MutableClock clock;
    public final RecordedEvents bus = new RecordedEvents("com.fanops.rewards.domain", "com.fanops.engagement.domain");
    public final EventOutbox outbox;
    public final CapacityMeter meter;
    public final MemberStore members;
    public final InteractionStore days;
    public final PointsLedger ledger;
    public final CatalogueStore catalogue;
    public final RewardRulesStore rules;
    public final IssuanceStore archive;
    public final BudgetStore budgetStore;
    public final StockStore stock;
    public final CodePoolStore poolStore;
    public final WinBackStore winBacks;
    public final CodePools pools;
    public final Budgets budgets;
    public final IssuanceService issuance;
    public final IssuanceStatuses statuses;
    public final Redemptions redemptions;
    public final RuleEngine engine;
    public final ManualGrants grants;
    public final MemberLookup lookup;
    public final DailyRewards daily;
    /** Birthdays as the daily job would decrypt them, by member id. */
    public final Map<String, LocalDate> birthdays = new ConcurrentHashMap<>();

    public final Rewards rewards;

    public RewardsHarness(Instant now) {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(now);
        outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock);
        rewards = new Rewards(dynamo.client(), TABLES, outbox, ZONE, clock, Duration.ZERO);
        meter = rewards.meter;
        members = rewards.members;
        days = rewards.days;
        ledger = rewards.ledger;
        catalogue = rewards.catalogue;
        rules = rewards.rules;
        archive = rewards.archive;
        budgetStore = rewards.budgetStore;
        stock = rewards.stock;
        poolStore = rewards.poolStore;
        winBacks = rewards.winBacks;
        pools = rewards.pools;
        budgets = rewards.budgets;
        issuance = rewards.issuance;
        statuses = rewards.statuses;
        redemptions = rewards.redemptions;
        lookup = rewards.lookup;
        engine = rewards.engine;
        grants = rewards.grants;
        daily = rewards.daily(p -> Optional.ofNullable(birthdays.get(p.memberId())));
    }

    /** An admitted member holding membership consent, and the other purposes given. */
    public String member(String memberId, Instant joinedAt, boolean birthdayGiven, Purpose... purposes) {
        List<ConsentEntry> ledgerEntries = new ArrayList<>();
        ledgerEntries.add(new ConsentEntry(memberId, Purpose.MEMBERSHIP, 1, true, joinedAt, 1, "web", "zh-CN", "proof", "form", "member", null));
        for (Purpose p : purposes) {
            ledgerEntries.add(new ConsentEntry(memberId, p, 1, true, joinedAt, 1, "web", "zh-CN", "proof", "form", "member", null));
        }
        members.signUp(new MemberStore.NewMember(memberId, MemberStatus.ACTIVE, "web", "CN-31", "zh-CN", joinedAt, "email",
                "idx-" + memberId, "nick-ct", "contact-ct", birthdayGiven ? "birthday-ct" : null, null, null, null, com.fanops.members.domain.MemberToken.sha256("token-" + memberId),
                MemberKind.MEMBER), ledgerEntries, null, List.of());
        return memberId;
    }

    /** Points for a member: a credit lot today. */
    public void points(String memberId, long points) {
        var credit = ledger.prepareCredit(memberId, points, "seed-" + memberId + "-" + points + "-" + clock.instant().toEpochMilli(),
                "adjust", "test points", "test", 12);
        dynamo.client().transactWriteItems(b -> b.transactItems(credit.writes()));
    }

    public void catalogue(CatalogueItem... items) {
        var current = catalogue.currentVersion();
        catalogue.change(new Catalogue(List.of(items)), current.version(), "manager@fanops.local");
    }

    public void rules(RewardRule... list) {
        var current = rules.currentVersion();
        rules.change(new RewardRules(List.of(list), RewardRules.defaults().calendar(), null), current.version(), "manager@fanops.local");
    }

    /** Counts of every item per table, to show a refused request wrote nothing. */
    public Map<String, Integer> itemCounts() {
        Map<String, Integer> out = new HashMap<>();
        for (String table : List.of("RewardsTable", "InteractionsTable", "EventOutboxTable")) {
            out.put(table, dynamo.client().scan(b -> b.tableName(table)).count());
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
    }
}
