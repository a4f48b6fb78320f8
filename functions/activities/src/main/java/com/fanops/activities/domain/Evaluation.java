package com.fanops.activities.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An activity's evaluation report, computed from what happened: registrations and attendance, satisfaction, purchases
 * by participants, cost, and - against the holdout - retention and engagement after the activity.
 *
 * <p>Definitions (E = the activity's last business day):
 * <ul>
 *   <li>participants: registered members who checked in (an online activity checks a member in on their first counted
 *       interaction); attendance rate = participants / members holding a seat at the end;</li>
 *   <li>retained at DN (N = 7, 30): active - at least one counted interaction - on any day of E+N .. E+N+6 (the metrics'
 *       "on or after" window); the figure is pending until that window has ended (the report is recomputed daily until
 *       the D30 window ends on E+36);</li>
 *   <li>engagement: mean active days in E+1 .. E+30 (pending until E+30 has ended);</li>
 *   <li>lift: a group's rate minus the holdout's, with its 95% interval ({@link Lift}). The invited-versus-holdout lift
 *       is the activity's causal effect (both groups were drawn at random from the same audience; the invited include
 *       those who never came); participants-versus-holdout is larger and includes who chose to come;</li>
 *   <li>cost per retained member: the cost over the participants retained at D30 (D7 while D30 is pending).</li>
 * </ul>
 */
public record Evaluation(long seated, long participants, Double attendanceRate, long satisfactionResponses, Double satisfaction,
                         long buyers, long purchasesMinor, long costMinor, Retention d7, Retention d30, Engagement engagement,
                         Long costPerRetainedMinor, List<GoalResult> goals) {

    public static final int[] WINDOWS = {7, 30};
    static final int WINDOW_DAYS = 7;
    static final int ENGAGEMENT_DAYS = 30;

    /** What the report is computed from. {@code activeDays} covers every member of the three groups. */
    public record Input(LocalDate endDay, LocalDate asOf, Collection<Seat> seats, Set<String> invited, Set<String> heldOut,
                       Map<String, ? extends Collection<LocalDate>> activeDays, Map<String, Long> purchasesMinor,
                       List<Integer> satisfactionScores, long costMinor, Activity.Goals goals) {
    }

    /** A member holding a seat at the end, and whether they came. */
    public record Seat(String memberId, boolean checkedIn) {
    }

    /** Retention at one window for each group; {@code pending} while the window has not ended. */
    public record Retention(int day, LocalDate from, LocalDate to, boolean pending, Lift participantsVsHoldout, Lift invitedVsHoldout) {
    }

    /** Mean active days after the activity for each group; {@code null} means when a group is empty. */
    public record Engagement(LocalDate from, LocalDate to, boolean pending, Double participants, Double invited, Double holdout) {
    }

    /** One goal against what was reached; {@code met} is {@code null} while the figure is pending. */
    public record GoalResult(String goal, double target, Double actual, Boolean met) {
    }

    /**
     * What the report is made of, as sums and counts that add up: the job computes one per shard of members and adds them
     * ({@link #plus}), so the report never needs every member's id in one place.
     */
    public record Tally(long seated, long participants, long buyers, long purchasesMinor, Group participantsGroup, Group invited,
                        Group holdout) {
        public static final Tally EMPTY = new Tally(0, 0, 0, 0, Group.EMPTY, Group.EMPTY, Group.EMPTY);

        public Tally plus(Tally o) {
            return new Tally(seated + o.seated, participants + o.participants, buyers + o.buyers, purchasesMinor + o.purchasesMinor,
                    participantsGroup.plus(o.participantsGroup), invited.plus(o.invited), holdout.plus(o.holdout));
        }
    }

    /** A group's size, its members retained at D7 and D30, and their active days in E+1 .. E+30 added up. */
    public record Group(long members, long retained7, long retained30, long activeDays) {
        public static final Group EMPTY = new Group(0, 0, 0, 0);

        public Group plus(Group o) {
            return new Group(members + o.members, retained7 + o.retained7, retained30 + o.retained30, activeDays + o.activeDays);
        }

        /** This group with one more member, active on {@code days} (any order, repeats allowed), for an activity ending on {@code endDay}. */
        public Group with(LocalDate endDay, Collection<LocalDate> days) {
            Collection<LocalDate> d = days == null ? List.of() : days;
            return new Group(members + 1, members(retained7, d, window(endDay, 7)), members(retained30, d, window(endDay, 30)),
                    activeDays + d.stream().filter(x -> x.isAfter(endDay) && !x.isAfter(endDay.plusDays(ENGAGEMENT_DAYS))).distinct().count());
        }

        private static long members(long count, Collection<LocalDate> days, LocalDate[] window) {
            return count + (days.stream().anyMatch(x -> !x.isBefore(window[0]) && !x.isAfter(window[1])) ? 1 : 0);
        }

        long retained(int n) {
            return n == 7 ? retained7 : retained30;
        }
    }

    static LocalDate[] window(LocalDate endDay, int n) {
        LocalDate from = endDay.plusDays(n);
        return new LocalDate[] {from, from.plusDays(WINDOW_DAYS - 1)};
    }

    public static Evaluation of(Input in) {
        long seated = 0;
        long participants = 0;
        long buyers = 0;
        long purchases = 0;
        Group p = Group.EMPTY;
        for (Seat s : in.seats()) {
            seated++;
            if (s.checkedIn()) {
                participants++;
                long spent = in.purchasesMinor().getOrDefault(s.memberId(), 0L);
                purchases += spent;
                buyers += spent > 0 ? 1 : 0;
                p = p.with(in.endDay(), in.activeDays().get(s.memberId()));
            }
        }
        Group invited = Group.EMPTY;
        for (String m : in.invited()) {
            invited = invited.with(in.endDay(), in.activeDays().get(m));
        }
        Group holdout = Group.EMPTY;
        for (String m : in.heldOut()) {
            holdout = holdout.with(in.endDay(), in.activeDays().get(m));
        }
        return from(new Tally(seated, participants, buyers, purchases, p, invited, holdout), in.endDay(), in.asOf(),
                in.satisfactionScores(), in.costMinor(), in.goals());
    }

    /** The report from added-up counts (what {@link #of} computes from the members themselves). */
    public static Evaluation from(Tally t, LocalDate endDay, LocalDate asOf, List<Integer> satisfactionScores, long costMinor,
                                  Activity.Goals goals) {
        Double attendance = t.seated() == 0 ? null : t.participants() / (double) t.seated();
        long responses = satisfactionScores.size();
        Double satisfaction = responses == 0 ? null : satisfactionScores.stream().mapToInt(Integer::intValue).average().orElseThrow();
        Retention d7 = retention(t, endDay, asOf, 7);
        Retention d30 = retention(t, endDay, asOf, 30);
        LocalDate from = endDay.plusDays(1);
        LocalDate to = endDay.plusDays(ENGAGEMENT_DAYS);
        Engagement engagement = new Engagement(from, to, !asOf.isAfter(to), mean(t.participantsGroup()), mean(t.invited()), mean(t.holdout()));
        Retention basis = d30.pending() ? d7 : d30;
        long retainedParticipants = basis.participantsVsHoldout().treatedRetained();
        Long costPerRetained = basis.pending() || retainedParticipants == 0 ? null : Math.round(costMinor / (double) retainedParticipants);
        List<GoalResult> results = goals(goals, t.participants(), attendance, t.purchasesMinor(), satisfaction, d30);
        return new Evaluation(t.seated(), t.participants(), attendance, responses, satisfaction, t.buyers(), t.purchasesMinor(), costMinor,
                d7, d30, engagement, costPerRetained, results);
    }

    private static Retention retention(Tally t, LocalDate endDay, LocalDate asOf, int n) {
        LocalDate[] w = window(endDay, n);
        boolean pending = !asOf.isAfter(w[1]);
        return new Retention(n, w[0], w[1], pending,
                Lift.of(t.participantsGroup().members(), t.participantsGroup().retained(n), t.holdout().members(), t.holdout().retained(n)),
                Lift.of(t.invited().members(), t.invited().retained(n), t.holdout().members(), t.holdout().retained(n)));
    }

    private static Double mean(Group g) {
        return g.members() == 0 ? null : g.activeDays() / (double) g.members();
    }

    private static List<GoalResult> goals(Activity.Goals g, long participants, Double attendance, long purchases, Double satisfaction,
                                          Retention d30) {
        List<GoalResult> out = new ArrayList<>();
        if (g == null) {
            return out;
        }
        if (g.participants() != null) {
            out.add(new GoalResult("participants", g.participants(), (double) participants, participants >= g.participants()));
        }
        if (g.attendanceRate() != null) {
            out.add(new GoalResult("attendanceRate", g.attendanceRate(), attendance, attendance == null ? null : attendance >= g.attendanceRate()));
        }
        if (g.salesMinor() != null) {
            out.add(new GoalResult("sales", g.salesMinor(), (double) purchases, purchases >= g.salesMinor()));
        }
        if (g.satisfaction() != null) {
            out.add(new GoalResult("satisfaction", g.satisfaction(), satisfaction, satisfaction == null ? null : satisfaction >= g.satisfaction()));
        }
        if (g.retentionLiftPoints() != null) {
            Double lift = d30.invitedVsHoldout().lift();
            Double points = lift == null ? null : lift * 100;
            out.add(new GoalResult("retentionLift", g.retentionLiftPoints(), d30.pending() ? null : points,
                    d30.pending() || points == null ? null : points >= g.retentionLiftPoints()));
        }
        return out;
    }
}
