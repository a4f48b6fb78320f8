package com.fanops.interactions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EngagementLedgerTest {

    private static final ScoringPolicy POLICY = ScoringPolicy.defaults(ZoneId.of("Asia/Shanghai"));
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    record Event(String id, InteractionType type, Instant at) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Event> one = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.of(InteractionType.values()), Arbitraries.longs().between(0, Duration.ofDays(20).toSeconds()))
                .as((id, type, offset) -> new Event("e" + id, type, T0.plusSeconds(offset)));
        return one.list().ofMaxSize(120);
    }

    private static double score(List<Event> events) {
        EngagementLedger ledger = new EngagementLedger(POLICY);
        events.forEach(e -> ledger.apply(e.id() + "#" + e.type() + "#" + e.at(), e.type(), e.at()));
        return ledger.scoreAt(T0.plus(Duration.ofDays(30)));
    }

    @Property(tries = 200)
    void theSameEventsInAnyOrderGiveTheSameScore(@ForAll("events") List<Event> events, @ForAll long seed) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        List<Event> delivered = new ArrayList<>(shuffled);
        delivered.addAll(shuffled.subList(0, shuffled.size() / 3)); // redeliveries
        assertEquals(score(events), score(delivered), 1e-9 * Math.max(1, score(events)));
    }

    @Test
    void dailyCapsHoldAndTheNextDayCountsAgain() {
        EngagementLedger ledger = new EngagementLedger(POLICY);
        int counted = 0;
        for (int i = 0; i < 30; i++) {
            counted += ledger.apply("like-" + i, InteractionType.LIKE, T0.plusSeconds(i)) == EngagementLedger.Outcome.COUNTED ? 1 : 0;
        }
        assertEquals(20, counted, "20 likes a day");
        assertEquals(EngagementLedger.Outcome.COUNTED, ledger.apply("like-next-day", InteractionType.LIKE, T0.plus(Duration.ofDays(1))));
        assertEquals(EngagementLedger.Outcome.DUPLICATE, ledger.apply("like-0", InteractionType.LIKE, T0));
    }

    @Test
    void aScoreHalvesAfterTheHalfLife() {
        EngagementLedger ledger = new EngagementLedger(POLICY);
        ledger.apply("c", InteractionType.EVENT_ATTENDED, Instant.parse("2026-03-01T05:00:00Z"));
        Instant dayStart = Instant.parse("2026-02-28T16:00:00Z"); // 2026-03-01 00:00 in Shanghai
        assertEquals(8.0, ledger.scoreAt(dayStart), 1e-9);
        assertEquals(4.0, ledger.scoreAt(dayStart.plus(Duration.ofDays(30))), 1e-9);
    }
}
