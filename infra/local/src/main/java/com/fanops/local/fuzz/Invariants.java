package com.fanops.local.fuzz;

import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.domain.TierReview;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.StandingStore;
import com.fanops.engagement.store.Timeline;
import com.fanops.platform.dynamo.CapacityMeter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Data-integrity invariants, checked once the fuzz is over and the stack idle, with the engagement capability's own
 * stores and rules: every member's points balance equals the sum of their ledger; no member is owed a tier upgrade
 * by the qualifying figures under the rules their standing was last evaluated with ({@link TierReview#upgrade}), and a
 * tier above bronze has its hold; every dead-letter queue is empty (nothing the API accepted was given up on).
 */
final class Invariants {

    record Result(int members, int checks, List<Finding> findings) {
    }

    private final StackProbe probe;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<Integer, EngagementRules> rules;

    /** {@code rules}: every saved version of the engagement rules, and version 0 (read through the admin API). */
    Invariants(StackProbe probe, ZoneId zone, Clock clock, Map<Integer, EngagementRules> rules) {
        this.probe = probe;
        this.zone = zone;
        this.clock = clock;
        this.rules = rules;
    }

    Result check() {
        List<Finding> findings = new ArrayList<>();
        int checks = 0;
        for (String dlq : probe.deadLetterQueues()) {
            long depth = probe.depth(probe.queueUrl(dlq));
            checks++;
            if (depth > 0) {
                findings.add(new Finding(Finding.Kind.INVARIANT, "queue " + dlq, "dead-letter queue", depth + " message(s) dead-lettered"));
            }
        }
        String interactions = probe.tables().get("InteractionsTable");
        if (interactions == null) {
            return new Result(0, checks, findings);
        }
        DynamoDbClient ddb = probe.dynamoDb();
        CapacityMeter meter = new CapacityMeter();
        InteractionStore days = new InteractionStore(ddb, interactions, zone, meter);
        StandingStore standings = new StandingStore(ddb, interactions, meter);
        PointsLedger ledger = new PointsLedger(ddb, interactions, days, null, zone, clock);
        Timeline timeline = new Timeline(ddb, interactions);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        TreeSet<String> members = memberIds(ddb, interactions);
        for (String id : members) {
            checks += 2;
            balanceProblem(ledger.balance(id, today), ledgerSum(timeline, id)).ifPresent(p ->
                    findings.add(new Finding(Finding.Kind.INVARIANT, "member " + id, "points", p)));
            Standing s = standings.get(id);
            List<MemberDay> recent = days.days(id, today.minusDays(Engagement.SCORE_WINDOW_DAYS + 1), today);
            tierProblem(s, Engagement.qualifying(recent, today), rules.get(s.rulesVersion()), today).ifPresent(p ->
                    findings.add(new Finding(Finding.Kind.INVARIANT, "member " + id, "tier", p)));
        }
        return new Result(members.size(), checks, findings);
    }

    /** The balance (the lots) must equal the sum of the ledger entries. */
    static Optional<String> balanceProblem(long balance, long ledgerSum) {
        return balance == ledgerSum ? Optional.empty()
                : Optional.of("balance " + balance + " but the ledger entries sum to " + ledgerSum);
    }

    /**
     * The tier must follow from the qualifying figures under the rules the standing was evaluated with: no upgrade owed
     * ({@link TierReview#upgrade} answers NONE), and a tier above bronze has the hold it was reached with.
     */
    static Optional<String> tierProblem(Standing s, Engagement.Qualifying q, EngagementRules rules, LocalDate today) {
        if (rules == null) {
            return Optional.of("the standing names rules v" + s.rulesVersion() + ", which is not in the history");
        }
        Tier qualified = Engagement.tierFor(q, rules);
        if (TierReview.upgrade(s, qualified, today, rules).kind() != TierReview.Kind.NONE) {
            return Optional.of("is " + s.tier().key() + " but qualifies for " + qualified.key() + " (" + q + ", rules v" + rules.version() + ")");
        }
        if (s.tier() != Tier.BRONZE && (s.holdUntil() == null || s.tierSince() == null)) {
            return Optional.of(s.tier().key() + " without a hold");
        }
        return Optional.empty();
    }

    private static long ledgerSum(Timeline timeline, String memberId) {
        long sum = 0;
        String cursor = null;
        do {
            Timeline.Page page = timeline.page(memberId, Timeline.View.LEDGER, cursor, 200);
            for (Map<String, Object> entry : page.items()) {
                sum += ((BigDecimal) entry.get("points")).longValueExact();
            }
            cursor = page.next();
        } while (cursor != null);
        return sum;
    }

    /** Every member with engagement data: the partitions of the interactions table that belong to a member. */
    private static TreeSet<String> memberIds(DynamoDbClient ddb, String table) {
        TreeSet<String> out = new TreeSet<>();
        for (var page : ddb.scanPaginator(b -> b.tableName(table).projectionExpression("pk"))) {
            for (Map<String, AttributeValue> item : page.items()) {
                String pk = item.get("pk").s();
                if (pk.startsWith("MEMBER#")) {
                    out.add(pk.substring("MEMBER#".length()));
                }
            }
        }
        return out;
    }
}
