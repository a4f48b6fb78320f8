package com.fanops.complaints.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.FieldError;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RiskRulesProperties {

    static final RiskRules RULES = RiskRules.defaults();

    /** The median by its definition: the middle of the values that have at least half the values on either side. */
    static double bruteMedian(List<Long> v) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long x : v) {
            long atMost = v.stream().filter(y -> y <= x).count();
            long atLeast = v.stream().filter(y -> y >= x).count();
            if (2 * atMost >= v.size()) {
                lo = Math.min(lo, x);
            }
            if (2 * atLeast >= v.size()) {
                hi = Math.max(hi, x);
            }
        }
        return (lo + hi) / 2.0;
    }

    @Property
    void theMedianIsTheMiddleOfAnySeries(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 500) Long> series) {
        assertEquals(bruteMedian(series), RiskRules.median(series), 1e-9, series.toString());
    }

    @Property
    void aSpikeIsAtLeastTheMinimumAndAboveTheFactorTimesTheMedian(
            @ForAll @Size(RiskRules.SPIKE_DAYS) List<@LongRange(min = 0, max = 30) Long> before, @ForAll @IntRange(min = 1, max = 200) int today,
            @ForAll @DoubleRange(min = 1, max = 10) double factor, @ForAll @IntRange(min = 1, max = 20) int minimum) {
        RiskRules rules = new RiskRules(List.of(), factor, minimum, 3, 30, "gold", 2);
        boolean expected = today >= minimum && today > factor * bruteMedian(before);
        assertEquals(expected, rules.spike(today, before));
        if (rules.spike(today, before)) {
            assertTrue(rules.spike(today + 1, before), "a later ticket that day is flagged too");
        }
    }

    @Test
    void oneTicketAgainstAQuietMonthIsNoSpike() {
        List<Long> quiet = java.util.Collections.nCopies(RiskRules.SPIKE_DAYS, 0L);
        assertFalse(RULES.spike(1, quiet));
        assertFalse(RULES.spike(4, quiet));
        assertTrue(RULES.spike(5, quiet));
    }

    @Test
    void keywordsMatchWhateverTheCaseAndWidth() {
        assertTrue(RULES.keyword("I will tell a JOURNALIST"));
        assertTrue(RULES.keyword("this will go ＶＩＲＡＬ"));
        assertTrue(RULES.keyword("我们要集体投诉"));
        assertFalse(RULES.keyword("The parcel was late."));
    }

    @Test
    void aLowScoreCountsFromTheConfiguredTierUp() {
        assertTrue(RULES.lowScore(Tier.GOLD, 2));
        assertTrue(RULES.lowScore(Tier.DIAMOND, 1));
        assertFalse(RULES.lowScore(Tier.GOLD, 3));
        assertFalse(RULES.lowScore(Tier.SILVER, 1));
        assertFalse(RULES.lowScore(null, 1));
    }

    @Test
    void badRulesNameTheirFields() {
        List<String> fields = new RiskRules(List.of("ok", " "), 0.5, 0, 1, 0, "platinum", 5).validate().stream().map(FieldError::field).toList();
        assertEquals(List.of("keywords[1]", "spikeFactor", "spikeMinimum", "repeatCount", "repeatDays", "lowScoreTier", "lowScore"), fields);
        assertEquals(List.of(), RULES.validate());
    }
}
