package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The directory entry's merge rules: whatever order events arrive in, and however often, the entry ends the same. */
class DirectoryEntryTest {

    private static final Instant JOINED = Instant.parse("2026-10-01T02:00:00Z");
    private static final LocalDate D = LocalDate.of(2026, 11, 1);

    /** A member's life as its events: joined, tier up twice, category up and down, a status change, consent, dormancy, a return. */
    private static List<UnaryOperator<DirectoryEntry>> life() {
        return List.of(
                e -> e.withProfile(new DirectoryEntry.ProfileFacts("active", "member", "wechat", JOINED, false, 1)),
                e -> e.withProfile(new DirectoryEntry.ProfileFacts("active", "member", "wechat", JOINED, true, 2)),
                e -> e.withProfile(new DirectoryEntry.ProfileFacts("warned", "member", "wechat", JOINED, true, 3)),
                e -> e.withTier("bronze", "silver", 2L, D),
                e -> e.withTier("silver", "gold", 5L, D.plusDays(3)),
                e -> e.withCategory("potential", "regular", 7.5, 1L, D),
                e -> e.withCategory("regular", "active", 25.0, 4L, D.plusDays(2)),
                e -> e.withCategory("active", "regular", 18.25, 6L, D.plusDays(40)),
                e -> e.withDormancy(D.plusDays(35), D.plusDays(5)),
                e -> e.withDormancy(D.plusDays(70), D.plusDays(40)));
    }

    @Test
    void anyOrderWithRepeatsEndsTheSame() {
        DirectoryEntry expected = apply(life());
        assertEquals("warned", expected.status());
        assertTrue(expected.marketing());
        assertEquals("gold", expected.tier());
        assertEquals("regular", expected.category());
        assertEquals(18.25, expected.score());
        assertEquals(D.plusDays(70), expected.dormantOn());
        assertTrue(expected.dormant(), "the last episode came after the last upward change");
        Random random = new Random(42);
        for (int run = 0; run < 500; run++) {
            List<UnaryOperator<DirectoryEntry>> events = new ArrayList<>(life());
            events.addAll(life().subList(0, random.nextInt(life().size())));
            Collections.shuffle(events, random);
            assertTrue(expected.sameFacts(apply(events)), "run " + run);
        }
    }

    @Test
    void anUpwardChangeAfterAnEpisodeIsAReturn() {
        DirectoryEntry dormant = DirectoryEntry.empty("m_1").withDormancy(D, D.minusDays(30));
        assertTrue(dormant.dormant());
        DirectoryEntry back = dormant.withCategory("potential", "regular", 6, 3L, D.plusDays(2));
        assertFalse(back.dormant());
        assertEquals(D.plusDays(2), back.lastActiveDay());
        assertTrue(dormant.withCategory("regular", "potential", 1, 3L, D.plusDays(2)).dormant(), "decay is no activity");
    }

    @Test
    void eventsWithoutRevisionCountOnlyUntilOneWithARevisionArrived() {
        DirectoryEntry e = DirectoryEntry.empty("m_1").withTier("bronze", "silver", null, D);
        assertEquals("silver", e.tier());
        e = e.withTier("silver", "gold", 3L, D);
        assertEquals("gold", e.withTier("bronze", "silver", null, D).tier());
    }

    @Test
    void everyFilterValueIsCheckedAndNamed() {
        for (var bad : List.of(Map.of("tier", "platinum"), Map.of("category", "x"), Map.of("status", "pending"), Map.of("channel", "fax"),
                Map.of("kind", "bot"), Map.of("joinedFrom", "2026-02-30"), Map.of("joinedTo", "yesterday"), Map.of("dormant", "yes"),
                Map.of("marketing", "1"), Map.of("scoreMin", "-1"), Map.of("scoreMax", "1e9"), Map.of("scoreMin", "0.0001"),
                Map.of("sort", "name"))) {
            ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, () -> DirectoryQuery.parse(bad));
            assertEquals(400, refused.problem().status());
            assertTrue(refused.problem().toString().contains(bad.keySet().iterator().next()), refused.problem().toString());
        }
        ProblemException range = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> DirectoryQuery.parse(Map.of("scoreMin", "5", "scoreMax", "2")));
        assertTrue(range.problem().toString().contains("scoreMin"));
        assertEquals(Map.of("tier", "gold", "scoreMin", "2.5", "sort", "score-desc"),
                DirectoryQuery.parse(Map.of("tier", "gold", "scoreMin", "2.50", "sort", "score-desc")).values());
        assertThrows(ProblemException.class, () -> DirectoryQuery.parse(Map.of("kind", "")), "an empty value is no value");
    }

    private static DirectoryEntry apply(List<UnaryOperator<DirectoryEntry>> events) {
        DirectoryEntry e = DirectoryEntry.empty("m_1");
        for (UnaryOperator<DirectoryEntry> event : events) {
            e = event.apply(e);
        }
        return e;
    }
}
