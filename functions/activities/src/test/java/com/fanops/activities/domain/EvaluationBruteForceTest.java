package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The evaluation against a brute force written the other way round: a generated community (audience split at random
 * into invited and holdout, seats, check-ins, active days around the activity, purchases, survey scores), and for every
 * calendar day the set of members active on it; each figure is then counted day by day over those sets, and the lift
 * and its interval recomputed from the counts.
 */
class EvaluationBruteForceTest {

    private static final LocalDate END = LocalDate.parse("2026-05-20");

    @Property(tries = 60)
    void theReportEqualsADayByDayCount(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int audience,
                                      @ForAll @IntRange(min = 0, max = 50) int asOfOffset) {
        Random r = new Random(seed);
        Set<String> invited = new HashSet<>();
        Set<String> heldOut = new HashSet<>();
        Map<String, TreeSet<LocalDate>> active = new HashMap<>();
        List<Evaluation.Seat> seats = new ArrayList<>();
        Map<String, Long> purchases = new HashMap<>();
        double holdoutShare = r.nextDouble() * 0.5;
        for (int i = 0; i < audience; i++) {
            String m = "m" + i;
            boolean out = r.nextDouble() < holdoutShare;
            (out ? heldOut : invited).add(m);
            double activity = r.nextDouble();
            TreeSet<LocalDate> days = new TreeSet<>();
            for (int d = -10; d <= 50; d++) {
                if (r.nextDouble() < activity * 0.3) {
                    days.add(END.plusDays(d));
                }
            }
            if (!days.isEmpty() || r.nextBoolean()) {
                active.put(m, days);
            }
            if (!out && r.nextDouble() < 0.4) {
                boolean came = r.nextDouble() < 0.7;
                seats.add(new Evaluation.Seat(m, came));
                if (r.nextDouble() < 0.3) {
                    purchases.put(m, (long) r.nextInt(50_000));
                }
            }
        }
        // walk-ins outside the audience may hold seats too (a public activity)
        for (int i = 0; i < r.nextInt(5); i++) {
            String m = "walkin" + i;
            seats.add(new Evaluation.Seat(m, r.nextBoolean()));
            active.put(m, new TreeSet<>(List.of(END.plusDays(r.nextInt(40)))));
        }
        List<Integer> scores = new ArrayList<>();
        for (int i = 0; i < r.nextInt(30); i++) {
            scores.add(1 + r.nextInt(5));
        }
        long cost = r.nextInt(2_000_000);
        Activity.Goals goals = new Activity.Goals(30L, 0.6, 100_000L, 4.0, 2.0);
        LocalDate asOf = END.plusDays(asOfOffset);

        Evaluation e = Evaluation.of(new Evaluation.Input(END, asOf, seats, invited, heldOut, active, purchases, scores, cost, goals));

        // brute force: who was active on each day
        Map<LocalDate, Set<String>> byDay = new HashMap<>();
        active.forEach((m, days) -> days.forEach(d -> byDay.computeIfAbsent(d, x -> new HashSet<>()).add(m)));
        Set<String> participants = new HashSet<>();
        for (Evaluation.Seat s : seats) {
            if (s.checkedIn()) {
                participants.add(s.memberId());
            }
        }
        assertEquals(seats.size(), e.seated());
        assertEquals(participants.size(), e.participants());
        assertEquals(seats.isEmpty() ? null : participants.size() / (double) seats.size(), e.attendanceRate());
        long total = 0;
        long buyers = 0;
        for (String p : participants) {
            Long v = purchases.get(p);
            if (v != null) {
                total += v;
                buyers += v > 0 ? 1 : 0;
            }
        }
        assertEquals(total, e.purchasesMinor());
        assertEquals(buyers, e.buyers());
        if (scores.isEmpty()) {
            assertEquals(null, e.satisfaction());
        } else {
            double sum = 0;
            for (int s : scores) {
                sum += s;
            }
            assertEquals(sum / scores.size(), e.satisfaction(), 1e-12);
        }

        for (int n : new int[] {7, 30}) {
            Set<String> retained = new HashSet<>();
            for (int d = n; d < n + 7; d++) {
                retained.addAll(byDay.getOrDefault(END.plusDays(d), Set.of()));
            }
            Evaluation.Retention got = n == 7 ? e.d7() : e.d30();
            assertEquals(asOf.isBefore(END.plusDays(n + 7)), got.pending(), "pending until the window has ended");
            checkLift(got.participantsVsHoldout(), participants, heldOut, retained);
            checkLift(got.invitedVsHoldout(), invited, heldOut, retained);
        }
        checkMean(e.engagement().participants(), participants, byDay);
        checkMean(e.engagement().invited(), invited, byDay);
        checkMean(e.engagement().holdout(), heldOut, byDay);
        assertEquals(asOf.isBefore(END.plusDays(31)), e.engagement().pending());

        Evaluation.Retention basis = e.d30().pending() ? e.d7() : e.d30();
        long retainedParticipants = basis.participantsVsHoldout().treatedRetained();
        assertEquals(basis.pending() || retainedParticipants == 0 ? null : Math.round(cost / (double) retainedParticipants),
                e.costPerRetainedMinor());
        assertEquals(5, e.goals().size());
        assertEquals(participants.size() >= 30, e.goals().get(0).met());
    }

    private static void checkLift(Lift l, Set<String> treated, Set<String> holdout, Set<String> retained) {
        long t = treated.stream().filter(retained::contains).count();
        long h = holdout.stream().filter(retained::contains).count();
        assertEquals(treated.size(), l.treated());
        assertEquals(t, l.treatedRetained());
        assertEquals(holdout.size(), l.holdout());
        assertEquals(h, l.holdoutRetained());
        if (treated.isEmpty() || holdout.isEmpty()) {
            assertEquals(null, l.lift());
            return;
        }
        double p1 = t / (double) treated.size();
        double p2 = h / (double) holdout.size();
        double half = 1.959963984540054 * Math.sqrt(p1 * (1 - p1) / treated.size() + p2 * (1 - p2) / holdout.size());
        assertEquals(p1 - p2, l.lift(), 1e-12);
        assertEquals(p1 - p2 - half, l.low(), 1e-12);
        assertEquals(p1 - p2 + half, l.high(), 1e-12);
    }

    private static void checkMean(Double got, Set<String> group, Map<LocalDate, Set<String>> byDay) {
        if (group.isEmpty()) {
            assertEquals(null, got);
            return;
        }
        long sum = 0;
        for (int d = 1; d <= 30; d++) {
            Set<String> on = byDay.getOrDefault(END.plusDays(d), Set.of());
            sum += group.stream().filter(on::contains).count();
        }
        assertEquals(sum / (double) group.size(), got, 1e-12);
    }
}
