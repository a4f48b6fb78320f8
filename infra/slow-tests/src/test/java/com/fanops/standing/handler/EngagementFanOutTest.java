package com.fanops.standing.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.app.EngagementDailyJob;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.StandingStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same generated community - members spread over the id space, purchases, activity, spends - lived through 14 months
 * twice, on two DynamoDB Locals: once with the single-run daily job ({@link EngagementDailyHandler}, the reference) and
 * once fanned out ({@link EngagementJobHandler}: up to 5 reviewed members a shard, so 3 shards once all 14 are
 * reviewed, every shard message delivered twice, in reverse order). Every member's standing, tier history, points
 * balance and every event must come out the same, and every day's assembled counts equal the single run's.
 */
@Tag("slow")
class EngagementFanOutTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final List<InteractionType> ACTIVITY = List.of(InteractionType.LIKE, InteractionType.COMMENT, InteractionType.SHARE,
            InteractionType.CHECK_IN, InteractionType.EVENT_ATTENDED);
    private static LocalDynamo single;
    private static LocalDynamo fanned;

    @BeforeAll
    static void start() {
        single = LocalDynamo.start();
        single.createTablesFromTemplate(Path.of("../../template.yaml"));
        fanned = LocalDynamo.start();
        fanned.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        single.close();
        fanned.close();
    }

    /** One stack's stores and the events it published. */
    private static final class Side {
        final RecordedEvents bus = new RecordedEvents("com.fanops.engagement.domain");
        final InteractionStore days;
        final StandingStore standings;
        final StandingService standing;
        final PointsLedger ledger;
        final EventOutbox outbox;

        Side(LocalDynamo dynamo, MutableClock clock) {
            CapacityMeter meter = new CapacityMeter();
            outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock);
            days = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, meter);
            standings = new StandingStore(dynamo.client(), "InteractionsTable", meter);
            standing = new StandingService(days, standings, outbox, ZONE);
            ledger = new PointsLedger(dynamo.client(), "InteractionsTable", days, outbox, ZONE, clock);
        }

        void interact(Interaction e, Instant at) {
            days.apply(e, RULES);
            standing.afterInteraction(e.memberId(), at, RULES);
        }
    }

    @Test
    void fannedOutRunsLeaveEveryMemberAsTheSingleRunDoes() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        Side a = new Side(single, clock);
        Side b = new Side(fanned, clock);
        EngagementDailyHandler reference = new EngagementDailyHandler(single.client(), "InteractionsTable", "ConfigTable", a.outbox, ZONE, clock);
        List<ShardTask> queued = new ArrayList<>();
        // 3 shards at most, not 5: a shard's fixed calls (rules, expiry and warning queries, its report) cost about as much
        // as reviewing 3 members, whatever its size; 3 shards still give a middle shard bounded on both sides (BENCHMARKS.md).
        EngagementFanOut wiring = new EngagementFanOut(fanned.client(), "InteractionsTable", "ConfigTable", b.outbox, ZONE, queued::addAll, 5, clock);
        EngagementJobHandler coordinator = new EngagementJobHandler(wiring, clock);
        JobRuns runs = new JobRuns(fanned.client(), "InteractionsTable", new CapacityMeter());

        Random random = new Random(1616);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            members.add("m_" + new UUID(random.nextLong(), random.nextLong()).toString().replace("-", ""));
        }
        int maxShards = 0;
        int event = 0;
        for (LocalDate d = LocalDate.parse("2025-01-01"); !d.isAfter(LocalDate.parse("2026-02-28")); d = d.plusDays(1)) {
            Instant runAt = d.atTime(LocalTime.of(0, 5)).atZone(ZONE).toInstant();
            clock.set(runAt);
            Map<String, Object> expected = reference.handleRequest(Map.of("scheduledTime", runAt.toString()), null);
            Map<String, Object> run = coordinator.handleRequest(Map.of("scheduledTime", runAt.toString()), null);
            List<ShardTask> deliveries = new ArrayList<>(queued);
            Collections.reverse(deliveries);
            deliveries.addAll(queued);
            queued.clear();
            deliveries.forEach(wiring.fanOut::work);
            int shards = (int) run.get("shards");
            maxShards = Math.max(maxShards, shards);
            assertEquals(expected, summary(d, runs.partials(EngagementDailyJob.NAME, d)), "the day's counts, " + d + " in " + shards + " shards");
            assertTrue(runs.get(EngagementDailyJob.NAME, d).orElseThrow().assembledAt() != null, "assembled " + d);

            clock.set(d.atTime(LocalTime.NOON).atZone(ZONE).toInstant());
            for (String m : members) {
                int roll = random.nextInt(100);
                Interaction e = null;
                if (roll < 2) {
                    e = new Interaction("shop", "e" + event++, m, InteractionType.PURCHASE, clock.instant(),
                            BigDecimal.valueOf(100 + random.nextInt(1500)), "CNY", null, null);
                } else if (roll < 2 + members.indexOf(m) % 5 * 4) {
                    e = new Interaction("web", "e" + event++, m, ACTIVITY.get(random.nextInt(ACTIVITY.size())), clock.instant(), null, null, null, null);
                }
                if (e != null) {
                    a.interact(e, clock.instant());
                    b.interact(e, clock.instant());
                }
                if (roll == 99 && d.getDayOfMonth() == 15) {
                    long balance = a.ledger.balance(m, d);
                    if (balance >= 50) {
                        a.ledger.spend(m, 50, "spend-" + d + m, "reward", "test");
                        b.ledger.spend(m, 50, "spend-" + d + m, "reward", "test");
                    }
                }
            }
        }

        assertTrue(maxShards >= 3, "the community was worked in several shards: " + maxShards);
        LocalDate end = LocalDate.parse("2026-02-28");
        for (String m : members) {
            assertEquals(a.standings.get(m), b.standings.get(m), "standing of " + m);
            assertEquals(a.standings.tierHistory(m), b.standings.tierHistory(m), "tier history of " + m);
            assertEquals(a.ledger.balance(m, end), b.ledger.balance(m, end), "balance of " + m);
            assertEquals(a.ledger.lots(m, end), b.ledger.lots(m, end), "lots of " + m);
        }
        List<String> expectedEvents = sorted(a.bus.all());
        assertTrue(expectedEvents.size() > 50, "the community did something: " + expectedEvents.size() + " events");
        assertEquals(expectedEvents, sorted(b.bus.all()), "the same events, each once");
    }

    private static List<String> sorted(List<Object> events) {
        return events.stream().map(String::valueOf).sorted().toList();
    }

    /** The assembled counts in the single run's answer shape. */
    private static Map<String, Object> summary(LocalDate day, Map<Integer, String> partials) {
        EngagementDailyJob.Partial total = EngagementDailyJob.Partial.sum(partials.values().stream().map(EngagementDailyJob::parse).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        out.put("pointsExpired", total.pointsExpired());
        out.put("expiryWarnings", total.expiryWarnings());
        out.put("reviewed", total.reviewed());
        total.tierDecisions().forEach((k, v) -> out.put("tier_" + k, v));
        return out;
    }
}
