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

    public static Evaluation of(Input in) {
        List<String> participants = new ArrayList<>();
        long seated = 0;
        for (Seat s : in.seats()) {
            seated++;
            if (s.checkedIn()) {
                participants.add(s.memberId());
            }
        }
        Double attendance = seated == 0 ? null : participants.size() / (double) seated;
        long responses = in.satisfactionScores().size();
        Double satisfaction = responses == 0 ? null : in.satisfactionScores().stream().mapToInt(Integer::intValue).average().orElseThrow();
        long buyers = 0;
        long purchases = 0;
        for (String p : participants) {
            long spent = in.purchasesMinor().getOrDefault(p, 0L);
            purchases += spent;
            buyers += spent > 0 ? 1 : 0;
        }
        Retention d7 = retention(in, participants, 7);
        Retention d30 = retention(in, participants, 30);
        Engagement engagement = engagement(in, participants);
        Retention basis = d30.pending() ? d7 : d30;
        long retainedParticipants = basis.participantsVsHoldout().treatedRetained();
        Long costPerRetained = basis.pending() || retainedParticipants == 0 ? null : Math.round(in.costMinor() / (double) retainedParticipants);
        List<GoalResult> goals = goals(in.goals(), participants.size(), attendance, purchases, satisfaction, d30);
        return new Evaluation(seated, participants.size(), attendance, responses, satisfaction, buyers, purchases, in.costMinor(), d7, d30,
                engagement, costPerRetained, goals);
    }

    private static Retention retention(Input in, List<String> participants, int n) {
        LocalDate from = in.endDay().plusDays(n);
        LocalDate to = from.plusDays(WINDOW_DAYS - 1);
        boolean pending = !in.asOf().isAfter(to);
        long p = count(in, participants, from, to);
        long i = count(in, in.invited(), from, to);
        long h = count(in, in.heldOut(), from, to);
        return new Retention(n, from, to, pending, Lift.of(participants.size(), p, in.heldOut().size(), h),
                Lift.of(in.invited().size(), i, in.heldOut().size(), h));
    }

    private static long count(Input in, Collection<String> group, LocalDate from, LocalDate to) {
        long retained = 0;
        for (String m : group) {
            Collection<LocalDate> days = in.activeDays().get(m);
            if (days != null && days.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(to))) {
                retained++;
            }
        }
        return retained;
    }

    private static Engagement engagement(Input in, List<String> participants) {
        LocalDate from = in.endDay().plusDays(1);
        LocalDate to = in.endDay().plusDays(ENGAGEMENT_DAYS);
        return new Engagement(from, to, !in.asOf().isAfter(to), meanDays(in, participants, from, to), meanDays(in, in.invited(), from, to),
                meanDays(in, in.heldOut(), from, to));
    }

    private static Double meanDays(Input in, Collection<String> group, LocalDate from, LocalDate to) {
        if (group.isEmpty()) {
            return null;
        }
        long days = 0;
        for (String m : group) {
            Collection<LocalDate> active = in.activeDays().get(m);
            if (active != null) {
                days += active.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).distinct().count();
            }
        }
        return days / (double) group.size();
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
