package com.fanops.complaints.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Escalation by level on a replayed SLA clock (pure). Each open target instance has three points: the warning
 * ({@code warnAtPercent} of the goal used; level 1, the assignee), the breach (the deadline; level 2, the team lead) and
 * the manager ({@code managerAtPercent}; level 3). Each fires once per ticket and instance; the ticket remembers what
 * fired ({@code WARN#first_response}, {@code ESC#resolution}, {@code MGR#next_response#2}), which gives its state, its
 * level and its next action without reading anything else.
 *
 * <p>The points are counted in working time, so they fall inside working hours; a point found late (the sweep was down,
 * or a settings change moved a deadline into the past) goes out only while the calendar is working, or within
 * {@link #LATE_GRACE} of the point (a deadline at 18:00 is announced by the 18:00 run, not the next morning) - never at
 * night, on a weekend or a holiday, unless the priority is {@code alwaysOn}. When several points of one instance have
 * passed, only the highest fires; the lower ones are passed over.
 */
public final class SlaEscalation {

    /** A level of escalation and the key of its once-mark. */
    public enum Step {
        WARNING("WARN", 1), BREACH("ESC", 2), MANAGER("MGR", 3);

        private final String mark;
        private final int level;

        Step(String mark, int level) {
            this.mark = mark;
            this.level = level;
        }

        public String mark() {
            return mark;
        }

        public int level() {
            return level;
        }

        /** What the ticket remembers once this step of {@code instance} fired: {@code ESC#first_response}. */
        public String fired(String instance) {
            return mark + "#" + instance;
        }
    }

    /** The ticket's SLA state as the queue shows it. */
    public enum State {
        OK, WARNING, BREACHED, PAUSED, STOPPED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> of(String key) {
            for (State s : values()) {
                if (s.key().equals(key)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** A step of an open target instance and the instant it falls due. */
    public record Point(SlaClock.TargetState target, Step step, Instant at) {
        public String fired() {
            return step.fired(target.instance());
        }
    }

    /** What a sweep fires for one instance: the highest passed point, and the lower ones it passes over. */
    public record Firing(Point point, List<Point> passedOver) {
    }

    /** How long after its point an escalation still goes out outside working time. */
    public static final Duration LATE_GRACE = Duration.ofMinutes(15);

    private SlaEscalation() {
    }

    /** The points of the open targets that have not fired yet, earliest first (a point with no instant is left out). */
    public static List<Point> pending(SlaClock.Replay replay, Set<String> fired) {
        List<Point> out = new ArrayList<>();
        for (SlaClock.TargetState t : replay.targets()) {
            if (!t.open()) {
                continue;
            }
            for (Step step : Step.values()) {
                Instant at = switch (step) {
                    case WARNING -> t.warnAt();
                    case BREACH -> t.deadline();
                    case MANAGER -> t.managerAt();
                };
                if (at != null && !fired.contains(step.fired(t.instance()))) {
                    out.add(new Point(t, step, at));
                }
            }
        }
        out.sort(Comparator.comparing(Point::at));
        return out;
    }

    /** The earliest pending point: the ticket's next SLA action (null when nothing is pending: paused, met, stopped). */
    public static Instant next(SlaClock.Replay replay, Set<String> fired) {
        List<Point> p = pending(replay, fired);
        return p.isEmpty() ? null : p.get(0).at();
    }

    /** What fires at {@code now}: per instance the highest passed point, if escalations may go out now. */
    public static List<Firing> due(SlaClock.Replay replay, Set<String> fired, Instant now, BusinessCalendar calendar, boolean alwaysOn) {
        Map<String, List<Point>> byInstance = new LinkedHashMap<>();
        for (Point p : pending(replay, fired)) {
            if (!p.at().isAfter(now)) {
                byInstance.computeIfAbsent(p.target().instance(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Firing> out = new ArrayList<>();
        for (List<Point> passed : byInstance.values()) {
            passed.sort(Comparator.comparingInt(p -> p.step().level()));
            Point top = passed.get(passed.size() - 1);
            if (mayGoOut(top.at(), now, calendar, alwaysOn)) {
                out.add(new Firing(top, List.copyOf(passed.subList(0, passed.size() - 1))));
            }
        }
        return out;
    }

    /** Escalations follow working time: at {@code now} only while working, or just after the point, or always-on. */
    public static boolean mayGoOut(Instant point, Instant now, BusinessCalendar calendar, boolean alwaysOn) {
        return alwaysOn || calendar.working(now) || Duration.between(point, now).compareTo(LATE_GRACE) <= 0;
    }

    /**
     * The state: stopped (resolved or closed), paused (waiting on the member), breached or warning when an open target's
     * breach (or manager) or warning fired, otherwise ok.
     */
    public static State state(SlaClock.Replay replay, boolean closed, Set<String> fired) {
        if (closed || replay.stopped()) {
            return State.STOPPED;
        }
        if (replay.paused()) {
            return State.PAUSED;
        }
        int level = level(replay, fired);
        return level >= Step.BREACH.level() ? State.BREACHED : level == Step.WARNING.level() ? State.WARNING : State.OK;
    }

    /** The highest level fired on a target still open (0: none); a met target's escalation is over. */
    public static int level(SlaClock.Replay replay, Set<String> fired) {
        int level = 0;
        for (SlaClock.TargetState t : replay.targets()) {
            if (!t.open()) {
                continue;
            }
            for (Step step : Step.values()) {
                if (fired.contains(step.fired(t.instance()))) {
                    level = Math.max(level, step.level());
                }
            }
        }
        return level;
    }
}
