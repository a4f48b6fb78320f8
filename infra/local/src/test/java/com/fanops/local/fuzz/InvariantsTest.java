package com.fanops.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.domain.Engagement;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The invariants fail what they must: a balance off its ledger, a tier the figures do not explain. */
class InvariantsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final Engagement.Qualifying NOTHING = new Engagement.Qualifying(0, BigDecimal.ZERO, 0);

    private static Engagement.Qualifying qualifyingFor(Tier tier) {
        return new Engagement.Qualifying(RULES.tier(tier).points(), BigDecimal.ZERO, 0);
    }

    @Test
    void aBalanceOffItsLedgerIsAFinding() {
        assertEquals(Optional.empty(), Invariants.balanceProblem(120, 120));
        assertTrue(Invariants.balanceProblem(100_000_015, 15).isPresent());
    }

    @Test
    void aMemberOwedAnUpgradeIsAFinding() {
        Standing bronze = Standing.initial("m_1");
        assertTrue(Invariants.tierProblem(bronze, qualifyingFor(Tier.DIAMOND), RULES, TODAY).orElseThrow().contains("qualifies for diamond"));
        assertEquals(Optional.empty(), Invariants.tierProblem(bronze, NOTHING, RULES, TODAY));
    }

    @Test
    void aHeldTierAboveTheFiguresPassesButNotWithoutItsHold() {
        Standing gold = Standing.initial("m_1").withTier(Tier.GOLD, TODAY.minusDays(3), TODAY.plusMonths(12));
        assertEquals(Optional.empty(), Invariants.tierProblem(gold, qualifyingFor(Tier.SILVER), RULES, TODAY), "held for its period");
        Standing unheld = Standing.initial("m_1").withTier(Tier.GOLD, null, null);
        assertTrue(Invariants.tierProblem(unheld, NOTHING, RULES, TODAY).isPresent());
    }

    @Test
    void aStandingNamingUnknownRulesIsAFinding() {
        assertTrue(Invariants.tierProblem(Standing.initial("m_1"), NOTHING, null, TODAY).isPresent());
    }
}
