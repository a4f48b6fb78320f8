package com.fanops.engagement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.engagement.domain.StandingSummary;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The standing summary through the real stores, against DynamoDB Local: a member's random year and more of events -
 * late ones (up to the ingestion horizon), redeliveries, purchases and refunds - scored as the scorer does (claims, then
 * one summary restatement and evaluation per batch), with the daily review on most days. After every batch the
 * evaluation from the summary equals the one that reads the days; the summary item stays far under DynamoDB's 400 KB.
 */
class StandingSummaryYearTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final LocalDate START = LocalDate.parse("2025-03-01");
    private static LocalDynamo dynamo;
    private static InteractionStore store;
    private static StandingService standing;
    private static CapacityMeter meter;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        meter = new CapacityMeter();
        store = new InteractionStore(dynamo.client(), "InteractionsTable", ZONE, meter);
        EventOutbox outbox = new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.engagement.domain"),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        standing = new StandingService(store, new StandingStore(dynamo.client(), "InteractionsTable", meter), outbox, ZONE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void aYearOfLateRedeliveredAndRefundedEventsGivesTheFiguresTheDaysGive() {
        year("m_year_daily", 1, 0.9, 0.8);
    }

    @Test
    void aSparseMemberWithoutDailyReviewsStillGetsTheDaysFigures() {
        year("m_year_sparse", 2, 0.15, 0.0);
    }

    private void year(String member, long seed, double activeShare, double reviewShare) {
        Random random = new Random(seed);
        List<Interaction> purchases = new ArrayList<>();
        InteractionType[] kinds = {InteractionType.LIKE, InteractionType.COMMENT, InteractionType.SHARE, InteractionType.CHECK_IN,
                InteractionType.VOTE, InteractionType.REFERRAL_JOINED, InteractionType.EVENT_ATTENDED};
        int checked = 0;
        int summarized = 0;
        int n = 0;
        for (int day = 0; day < 400; day++) {
            LocalDate today = START.plusDays(day);
            Instant noon = today.atTime(12, 0).atZone(ZONE).toInstant();
            if (random.nextDouble() < reviewShare) {
                standing.review(member, today.atTime(0, 5).atZone(ZONE).toInstant(), RULES);
            }
            if (random.nextDouble() >= activeShare) {
                continue;
            }
            List<Interaction> batch = new ArrayList<>();
            int events = 1 + random.nextInt(4);
            for (int e = 0; e < events; e++) {
                // Mostly today's, some late (ingestion accepts up to 30 days back).
                Instant at = random.nextInt(6) == 0 ? noon.minus(Duration.ofDays(1 + random.nextInt(28))) : noon.minusSeconds(random.nextInt(3600));
                String id = "e" + n++;
                int pick = random.nextInt(12);
                if (pick == 0) {
                    Interaction p = new Interaction("shop", id, member, InteractionType.PURCHASE, at, BigDecimal.valueOf(1 + random.nextInt(900)),
                            "CNY", null, null);
                    purchases.add(p);
                    batch.add(p);
                } else if (pick == 1 && !purchases.isEmpty()) {
                    Interaction p = purchases.get(random.nextInt(purchases.size()));
                    Instant when = at.isBefore(p.occurredAt()) ? p.occurredAt().plusSeconds(1) : at;
                    batch.add(new Interaction("shop", id, member, InteractionType.REFUND, when, BigDecimal.ONE, "CNY", null, p.eventId()));
                } else {
                    batch.add(new Interaction("wechat", id, member, kinds[random.nextInt(kinds.length)], at, null, null, null, null));
                }
            }
            if (random.nextInt(5) == 0) {
                batch.add(batch.get(0)); // a redelivery within the batch
            }
            Map<LocalDate, StandingSummary.Day> changed = new HashMap<>();
            boolean stale = false;
            for (Interaction i : batch) {
                if (i.type() == InteractionType.REFUND && store.record(i).isEmpty() && purchases.stream().noneMatch(p -> p.eventId().equals(i.refEventId()))) {
                    continue;
                }
                InteractionStore.Applied applied = store.apply(i, RULES);
                if (applied.outcome() == InteractionStore.Outcome.COUNTED || applied.outcome() == InteractionStore.Outcome.DUPLICATE) {
                    if (applied.dayFigures() == null) {
                        stale = true;
                    } else {
                        changed.merge(applied.day(), applied.dayFigures(), (a, b) -> a.claims() >= b.claims() ? a : b);
                    }
                }
            }
            Instant at = noon.plusSeconds(60);
            StandingSummaryStore.Loaded before = new StandingSummaryStore(dynamo.client(), "InteractionsTable", new CapacityMeter()).read(member);
            boolean fresh = !stale && before.summary().figures(at, ZONE, RULES.halfLifeDays()).isPresent();
            StandingService.Evaluation fromSummary = standing.afterInteraction(member, at, RULES, changed.values(), stale);
            StandingService.Evaluation fromDays = standing.peek(member, at, RULES);
            assertEquals(fromDays.score(), fromSummary.score(), Math.max(1e-9, fromDays.score() * 1e-12), "score on " + today);
            assertEquals(fromDays.activeDays(), fromSummary.activeDays(), "active days on " + today);
            assertEquals(fromDays.qualifying().points(), fromSummary.qualifying().points(), "qualifying points on " + today);
            assertEquals(fromDays.qualifying().referrals(), fromSummary.qualifying().referrals(), "referrals on " + today);
            assertEquals(0, fromDays.qualifying().spend().compareTo(fromSummary.qualifying().spend()), "spend on " + today);
            assertEquals(List.of(fromDays.standing().category(), fromDays.standing().tier()),
                    List.of(fromSummary.standing().category(), fromSummary.standing().tier()), "the standing written is the one the days give");
            checked++;
            summarized += fresh ? 1 : 0;
        }
        Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName("InteractionsTable")
                .key(Map.of("pk", AttributeValue.fromS("MEMBER#" + member), "sk", AttributeValue.fromS("STANDING")))).item();
        int size = ItemSize.of(item);
        System.out.printf("%s: %d evaluations, %d from a usable summary; standing item with its summary: %d bytes, %d attributes%n",
                member, checked, summarized, size, item.size());
        assertTrue(size < 2_000, "a standing item with a year of daily activity stays near 1 KB: " + size);
        assertTrue(checked > 40);
    }

    /** DynamoDB's item size: attribute names plus values (numbers about one byte per two digits, lists 3 + 1 per element). */
    static final class ItemSize {
        static int of(Map<String, AttributeValue> item) {
            return item.entrySet().stream().mapToInt(e -> e.getKey().length() + value(e.getValue())).sum();
        }

        static int value(AttributeValue v) {
            if (v.s() != null) {
                return v.s().length();
            }
            if (v.n() != null) {
                return (v.n().replaceAll("[^0-9]", "").replaceAll("^0+", "").length() + 1) / 2 + 1;
            }
            if (v.hasL()) {
                return 3 + v.l().stream().mapToInt(x -> 1 + value(x)).sum();
            }
            if (v.bool() != null) {
                return 1;
            }
            return 0;
        }
    }
}
