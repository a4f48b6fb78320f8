package com.fanops.rewards.handler;

import static com.fanops.rewards.testing.Items.item;
import static com.fanops.rewards.testing.Items.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.rewards.app.RuleEngine;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bus events reach the rule engine: a low score and a breach of one ticket reward once; an activity's ranking with its
 * prizes issues them to the top N once from the activity's allocation, and one without prizes (as published before) none.
 */
class RewardsEventsHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static RewardsHarness h;
    private static RewardsEventsHandler handler;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(NOW);
        h.catalogue(item("sorry", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null));
        RewardRule r = rule("recovery", Trigger.SERVICE_RECOVERY, "sorry", null, null, null);
        h.rules(new RewardRule(r.ruleId(), r.trigger(), r.itemId(), true, null, List.of(), List.of(), null, List.of(), null, null, null,
                List.of(), null, null, 2, true));
        handler = new RewardsEventsHandler(h.rewards);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static Map<String, Object> event(String type, Map<String, Object> detail) {
        Map<String, Object> e = new HashMap<>();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", type);
        e.put("source", "fanops.complaints");
        e.put("time", NOW.toString());
        e.put("detail", detail);
        return e;
    }

    @Test
    void aLowScoreDeliveredTwiceAndABreachOfTheSameTicketRewardOnce() {
        h.member("m_5c0red01", NOW.minusSeconds(86_400 * 30), false);
        String ticket = "t_0000000000000000000000a1";
        Map<String, Object> scored = Map.of("ticketId", ticket, "ticketNumber", "C-20261124-0001", "memberId", "m_5c0red01", "score", 1,
                "tier", "bronze", "at", NOW.toString());
        Map<String, Object> breached = new HashMap<>(Map.of("ticketId", ticket, "ticketNumber", "C-20261124-0001", "memberId", "m_5c0red01",
                "target", "resolution", "instance", "resolution", "priority", "normal", "level", 2, "deadline", NOW.toString(),
                "at", NOW.toString()));
        assertEquals("issued", outcomeOf(handler.handleRequest(event("ComplaintScored", scored), null)));
        assertEquals("repeated", outcomeOf(handler.handleRequest(event("ComplaintScored", scored), null)));
        assertEquals("repeated", outcomeOf(handler.handleRequest(event("SlaBreached", breached), null)));
        assertEquals(1, h.archive.byMember("m_5c0red01", null, 10).items().size());
    }

    @Test
    void aRankingWithPrizesDeliveredTwiceIssuesEachPrizeOnceFromTheActivitysAllocation() {
        h.catalogue(item("sorry", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null),
                item("medal", RewardType.BADGE, null, 2_000, "shop", false, MemberLimits.none(), null));
        h.budgetStore.create("fest", "fest", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), 50_000, "manager", NOW);
        h.budgetStore.allocate("fest", "a_meetup", 10_000, NOW);
        List<Map<String, Object>> ranking = new ArrayList<>();
        for (int rank = 1; rank <= 4; rank++) {
            ranking.add(Map.of("memberId", h.member("m_rank0" + rank, NOW.minusSeconds(86_400 * 30), false), "rank", rank));
        }
        Map<String, Object> withPrizes = Map.of("activityId", "a_meetup", "rankedAt", NOW.toString(), "ranking", ranking,
                "prizes", List.of(Map.of("itemId", "medal", "topN", 3)));
        Map<String, Object> rulesOnly = Map.of("activityId", "a_meetup", "rankedAt", NOW.toString(), "ranking", ranking);

        assertEquals(List.of(), handler.handleRequest(event("ActivityRanked", rulesOnly), null).get("fired"), "no rule, no prizes: nothing");
        assertEquals(List.of("issued", "issued", "issued"), outcomesOf(handler.handleRequest(event("ActivityRanked", withPrizes), null)));
        assertEquals(List.of("repeated", "repeated", "repeated"), outcomesOf(handler.handleRequest(event("ActivityRanked", withPrizes), null)));
        for (int rank = 1; rank <= 4; rank++) {
            assertEquals(rank <= 3 ? 1 : 0, h.archive.byMember("m_rank0" + rank, null, 10).items().size(), "rank " + rank);
        }
        assertEquals(6_000, h.budgetStore.allocation("a_meetup").orElseThrow().spent());
        assertEquals(40_000, h.budgetStore.get("fest").orElseThrow().available(), "nothing taken from the budget beyond the allocation");
    }

    @SuppressWarnings("unchecked")
    static List<String> outcomesOf(Map<String, Object> answer) {
        return ((List<RuleEngine.Fired>) answer.get("fired")).stream().map(RuleEngine.Fired::outcome).toList();
    }

    @SuppressWarnings("unchecked")
    static String outcomeOf(Map<String, Object> answer) {
        List<RuleEngine.Fired> fired = (List<RuleEngine.Fired>) answer.get("fired");
        return fired.isEmpty() ? "none" : fired.get(0).outcome();
    }
}
