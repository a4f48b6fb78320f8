package com.fanops.rewards.app;

import static com.fanops.rewards.testing.Items.item;
import static com.fanops.rewards.testing.Items.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.CodePoolLow;
import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The other triggers: win-back after dormancy, service recovery, top participants; expiry of rewards; the pool's stock alert. */
class RuleTriggersTest {

    private static final Instant NOW = Instant.parse("2026-06-10T04:00:00Z");
    private static RewardsHarness h;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(NOW);
        h.pools.create("manager", "thanks", "Thanks", 2L);
        h.pools.upload("manager", "thanks", "code\nTHX-0001\nTHX-0002\nTHX-0003\n");
        CatalogueItem coupon = item("sorry-coupon", RewardType.COUPON, null, 0, null, false, MemberLimits.none(), "thanks");
        h.catalogue(new CatalogueItem(coupon.itemId(), coupon.type(), coupon.name(), null, null, null, null, null, List.of(), null, 0L, null,
                        false, MemberLimits.none(), "thanks", null, null, 30, true),
                item("welcome-back", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null),
                item("medal", RewardType.CERTIFICATE, null, 0, null, false, MemberLimits.none(), null));
        RewardRule recovery = rule("recovery", Trigger.SERVICE_RECOVERY, "sorry-coupon", null, null, null);
        h.rules(new RewardRule(recovery.ruleId(), recovery.trigger(), recovery.itemId(), true, null, List.of(), List.of(), null, List.of(),
                        null, null, null, List.of("delivery"), null, null, null, null),
                rule("win-back", Trigger.WIN_BACK, "welcome-back", null, null, 14),
                rule("top3", Trigger.TOP_PARTICIPANT, "medal", null, null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void serviceRecoveryRewardsUpheldComplaintsOfItsCategoriesOnceAndTheCouponExpires() {
        h.member("m_c01", NOW.minusSeconds(86_400 * 100), false);
        ComplaintResolved upheld = new ComplaintResolved("T-1", "m_c01", "delivery", "high", NOW, true);
        assertEquals("issued", h.engine.serviceRecovery(upheld).get(0).outcome());
        assertEquals("repeated", h.engine.serviceRecovery(upheld).get(0).outcome());
        assertEquals(List.of(), h.engine.serviceRecovery(new ComplaintResolved("T-2", "m_c01", "delivery", "high", NOW, false)),
                "not upheld: no recovery");
        assertEquals(List.of(), h.engine.serviceRecovery(new ComplaintResolved("T-3", "m_c01", "billing", "high", NOW, true)),
                "another category");
        var coupon = h.archive.byMember("m_c01", null, 10).items().get(0);
        assertEquals(IssuanceStatus.FULFILLED, coupon.status(), "a coupon is delivered with its code");
        assertEquals(2, h.pools.get("thanks").available());
        assertEquals(0, h.bus.of(CodePoolLow.class).size(), "2 is not below the threshold of 2");
        h.member("m_c02", NOW.minusSeconds(86_400 * 100), false);
        h.engine.serviceRecovery(new ComplaintResolved("T-4", "m_c02", "delivery", "high", NOW, true));
        h.member("m_c03", NOW.minusSeconds(86_400 * 100), false);
        h.engine.serviceRecovery(new ComplaintResolved("T-5", "m_c03", "delivery", "high", NOW, true));
        assertEquals(1, h.bus.of(CodePoolLow.class).size(), "one alert for the dip below the threshold");

        assertEquals(0, h.statuses.expire(LocalDate.parse("2026-07-09")));
        assertEquals(3, h.statuses.expire(LocalDate.parse("2026-07-10")), "30 days after issue");
        assertEquals(IssuanceStatus.EXPIRED, h.archive.get(coupon.issuanceId()).orElseThrow().status());
        assertEquals(0, h.statuses.expire(LocalDate.parse("2026-07-11")), "once");
    }

    @Test
    void topParticipantsWithinTheRuleRankAreRewardedOncePerActivity() {
        for (String m : List.of("m_d01", "m_d02", "m_d03", "m_d04")) {
            h.member(m, NOW.minusSeconds(86_400), false);
        }
        ActivityRanked ranked = new ActivityRanked("spring-meetup", NOW, List.of(new ActivityRanked.Ranked("m_d01", 1),
                new ActivityRanked.Ranked("m_d02", 2), new ActivityRanked.Ranked("m_d03", 3), new ActivityRanked.Ranked("m_d04", 4)));
        assertEquals(3, h.engine.topParticipants(ranked).stream().filter(f -> f.outcome().equals("issued")).count());
        assertEquals(0, h.engine.topParticipants(ranked).stream().filter(f -> f.outcome().equals("issued")).count(), "redelivered");
    }

    @Test
    void aMemberBackWithinTheWindowAfterGoingDormantIsWonBackOnce() {
        h.member("m_e01", NOW.minusSeconds(86_400 * 200), false);
        h.member("m_e02", NOW.minusSeconds(86_400 * 200), false);
        LocalDate dormant = LocalDate.parse("2026-06-01");
        h.winBacks.record("m_e01", dormant);
        h.winBacks.record("m_e02", dormant);
        h.days.apply(new Interaction("web", "e01-like", "m_e01", InteractionType.LIKE, Instant.parse("2026-06-08T02:00:00Z"), null, null,
                null, null), EngagementRules.defaults());
        h.days.apply(new Interaction("web", "e02-like", "m_e02", InteractionType.LIKE, Instant.parse("2026-06-20T02:00:00Z"), null, null,
                null, null), EngagementRules.defaults());
        for (LocalDate d = LocalDate.parse("2026-06-02"); !d.isAfter(LocalDate.parse("2026-06-30")); d = d.plusDays(1)) {
            h.clock.set(d.atTime(LocalTime.of(0, 30)).atZone(RewardsHarness.ZONE).toInstant());
            h.daily.run(d);
        }
        h.clock.set(NOW.plus(Duration.ofDays(30)));
        assertEquals(1, h.archive.byMember("m_e01", null, 10).items().size(), "back on day 7 of 14: won back once");
        assertEquals(0, h.archive.byMember("m_e02", null, 10).items().size(), "back on day 19: too late for this rule");
        assertEquals(List.of(), h.winBacks.since(LocalDate.parse("2026-01-01")), "episodes past the window are dropped");
    }
}
