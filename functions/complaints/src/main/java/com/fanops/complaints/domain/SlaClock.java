package com.fanops.complaints.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A ticket's SLA clock: an append-only log of marks (opened, paused, resumed, responded, member replied, resolved,
 * reopened), replayed the same way every time against a calendar and the ticket's goals. Nothing is stored but the
 * marks: elapsed time, deadlines, warnings and breaches are derived, so a policy or calendar change re-derives every open
 * ticket's deadlines from its history and no accumulated time is ever lost.
 *
 * <p>Rules of the replay (entries in append order; {@code seq} breaks ties between equal instants):
 * <ul>
 *   <li>The clock runs from {@code OPENED}; it is paused from {@code PAUSED} to {@code RESUMED} (waiting on the member)
 *       and stopped from {@code RESOLVED} to {@code REOPENED}. Running time outside the calendar's working hours is
 *       off-hours and does not count.</li>
 *   <li>First response: from opening to the first {@code RESPONDED} (or resolution).</li>
 *   <li>Next response: each {@code MEMBER_REPLIED} with no next response pending opens a round (1, 2, ...), closed by
 *       the next {@code RESPONDED} (or resolution).</li>
 *   <li>Resolution: from opening to {@code RESOLVED}; a reopen continues it with the time already used.</li>
 * </ul>
 * A target's deadline is the instant its counted time reaches the goal, assuming the clock keeps running; while paused
 * or stopped short of the goal there is none.
 */
public final class SlaClock {

    public enum Mark {
        OPENED, PAUSED, RESUMED, RESPONDED, MEMBER_REPLIED, RESOLVED, REOPENED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mark> of(String key) {
            return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
        }
    }

    public enum Target {
        FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum SegmentKind {
        RUNNING, OFF_HOURS, PAUSED, STOPPED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One line of the log. */
    public record Entry(int seq, Instant at, Mark mark) {
    }

    /** A stretch of the ticket's life and how the clock treated it. */
    public record Segment(Instant from, Instant to, SegmentKind kind) {
    }

    /**
     * One target's state after the replay.
     *
     * @param round     1 for first response and resolution; the next-response round otherwise
     * @param open      still counting (not met)
     * @param elapsed   counted time up to the last entry
     * @param deadline  when the goal is (or was) reached; null while paused or stopped short of it
     * @param warnAt    when the warning share of the goal is (or was) used; null like the deadline
     * @param metAt     when the target was met (responded, resolved); null while open
     * @param managerAt when the manager's share of the goal is (or was) used; null like the deadline
     */
    public record TargetState(Target target, int round, boolean open, Duration goal, Duration elapsed, Instant deadline,
                              Instant warnAt, Instant metAt, Instant managerAt) {

        /** Met late, or still open past its deadline at {@code now}. */
        public boolean breached(Instant now) {
            if (deadline == null) {
                return false;
            }
            return open ? !now.isBefore(deadline) : metAt.isAfter(deadline);
        }

        /** Whether the warning is due at {@code now} (open, not breached, past the warning point). */
        public boolean warningDue(Instant now) {
            return open && warnAt != null && !now.isBefore(warnAt) && !breached(now);
        }

        /** The key of this target's instance: {@code first_response}, {@code next_response#2}, {@code resolution}. */
        public String instance() {
            return target == Target.NEXT_RESPONSE ? target.key() + "#" + round : target.key();
        }
    }

    /** The replayed clock. */
    public record Replay(List<TargetState> targets, List<Segment> segments, boolean running, boolean paused, boolean stopped) {

        public Optional<TargetState> current(Target target) {
            TargetState last = null;
            for (TargetState t : targets) {
                if (t.target() == target) {
                    last = t;
                }
            }
            return Optional.ofNullable(last);
        }

        /** The open targets' earliest deadline: what a queue sorts on. */
        public Optional<Instant> nextDeadline() {
            return targets.stream().filter(TargetState::open).map(TargetState::deadline).filter(d -> d != null).min(Comparator.naturalOrder());
        }
    }

    private SlaClock() {
    }

    /**
     * Replays a log. {@code calendar} counts the working time; {@code warnAtPercent} of a goal used gives the warning point.
     */
    public static Replay replay(List<Entry> log, BusinessCalendar calendar, SlaPolicy.Goals goals, int warnAtPercent) {
        return replay(log, calendar, goals, warnAtPercent, SlaPolicy.DEFAULT_MANAGER_AT_PERCENT);
    }

    /** Replays a log; {@code managerAtPercent} of a goal used gives the manager's escalation point. */
    public static Replay replay(List<Entry> log, BusinessCalendar calendar, SlaPolicy.Goals goals, int warnAtPercent, int managerAtPercent) {
        List<Entry> entries = new ArrayList<>(log);
        entries.sort(Comparator.comparingInt(Entry::seq));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).at().isBefore(entries.get(i - 1).at())) {
                // Append order is the truth; an entry stamped earlier than its predecessor is read as at the predecessor.
                Entry e = entries.get(i);
                entries.set(i, new Entry(e.seq(), entries.get(i - 1).at(), e.mark()));
            }
        }
        BusinessCalendar cal = goals.alwaysOn() ? BusinessCalendar.always(calendar.zone()) : calendar;
        List<Window> windows = new ArrayList<>();
        Map<Target, Window> openWindow = new EnumMap<>(Target.class);
        List<Segment> segments = new ArrayList<>();
        boolean running = false;
        boolean paused = false;
        boolean stopped = false;
        boolean responded = false;
        int rounds = 0;
        Window resolution = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            switch (e.mark()) {
                case OPENED -> {
                    if (!running) {
                        running = true;
                        Window first = new Window(Target.FIRST_RESPONSE, 1, goals.firstResponse());
                        resolution = new Window(Target.RESOLUTION, 1, goals.resolution());
                        windows.add(first);
                        windows.add(resolution);
                        openWindow.put(Target.FIRST_RESPONSE, first);
                        openWindow.put(Target.RESOLUTION, resolution);
                    }
                }
                case PAUSED -> paused = running;
                case RESUMED -> paused = false;
                case RESPONDED -> {
                    close(openWindow, Target.FIRST_RESPONSE, e.at());
                    close(openWindow, Target.NEXT_RESPONSE, e.at());
                    responded = true;
                }
                case MEMBER_REPLIED -> {
                    if (running && !openWindow.containsKey(Target.NEXT_RESPONSE) && !openWindow.containsKey(Target.FIRST_RESPONSE)) {
                        Window next = new Window(Target.NEXT_RESPONSE, ++rounds, goals.nextResponse());
                        windows.add(next);
                        openWindow.put(Target.NEXT_RESPONSE, next);
                    }
                }
                case RESOLVED -> {
                    if (running && !stopped) {
                        stopped = true;
                        close(openWindow, Target.FIRST_RESPONSE, e.at());
                        close(openWindow, Target.NEXT_RESPONSE, e.at());
                        close(openWindow, Target.RESOLUTION, e.at());
                    }
                }
                case REOPENED -> {
                    if (stopped) {
                        stopped = false;
                        paused = false;
                        resolution.metAt = null;
                        openWindow.put(Target.RESOLUTION, resolution);
                    }
                }
            }
            Instant from = e.at();
            Instant to = i + 1 < entries.size() ? entries.get(i + 1).at() : null;
            boolean counting = running && !paused && !stopped;
            for (Window w : openWindow.values()) {
                if (counting) {
                    w.runs.add(new Instant[] {from, to});
                }
            }
            if (to != null && to.isAfter(from) && running) {
                if (stopped) {
                    segments.add(new Segment(from, to, SegmentKind.STOPPED));
                } else if (paused) {
                    segments.add(new Segment(from, to, SegmentKind.PAUSED));
                } else {
                    segments.addAll(split(cal, from, to));
                }
            }
        }
        boolean counting = running && !paused && !stopped;
        List<TargetState> states = new ArrayList<>();
        for (Window w : windows) {
            boolean open = openWindow.get(w.target) == w;
            Duration elapsed = w.elapsed(cal);
            Duration warnShare = Duration.ofMillis(w.goal.toMillis() * warnAtPercent / 100);
            Instant deadline = w.reach(cal, w.goal, open && counting);
            Instant warnAt = w.reach(cal, warnShare, open && counting);
            Instant managerAt = w.reach(cal, Duration.ofMillis(w.goal.toMillis() * managerAtPercent / 100), open && counting);
            states.add(new TargetState(w.target, w.round, open, w.goal, elapsed, deadline, warnAt, open ? null : w.metAt, managerAt));
        }
        return new Replay(states, segments, running, paused, stopped);
    }

    private static void close(Map<Target, Window> open, Target target, Instant at) {
        Window w = open.remove(target);
        if (w != null) {
            w.metAt = at;
            // Counting stops at the close: the run that started at or before it ends there.
            for (Instant[] run : w.runs) {
                if (run[1] == null || run[1].isAfter(at)) {
                    run[1] = at;
                }
            }
        }
    }

    /** Running time split into working (running) and off-hours segments. */
    static List<Segment> split(BusinessCalendar cal, Instant from, Instant to) {
        List<Segment> out = new ArrayList<>();
        Instant cursor = from;
        java.time.ZoneId zone = cal.zone();
        for (java.time.LocalDate d = from.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(to.atZone(zone).toLocalDate()); d = d.plusDays(1)) {
            for (BusinessCalendar.Interval i : cal.intervalsOn(d)) {
                Instant a = i.from().isAfter(cursor) ? i.from() : cursor;
                Instant b = i.to().isBefore(to) ? i.to() : to;
                if (!b.isAfter(a)) {
                    continue;
                }
                if (a.isAfter(cursor)) {
                    out.add(new Segment(cursor, a, SegmentKind.OFF_HOURS));
                }
                out.add(new Segment(a, b, SegmentKind.RUNNING));
                cursor = b;
            }
        }
        if (to.isAfter(cursor)) {
            out.add(new Segment(cursor, to, SegmentKind.OFF_HOURS));
        }
        return out;
    }

    /** A target's counting window: the stretches during which it counted, the last possibly still open-ended. */
    private static final class Window {
        final Target target;
        final int round;
        final Duration goal;
        final List<Instant[]> runs = new ArrayList<>();
        Instant metAt;

        Window(Target target, int round, Duration goal) {
            this.target = target;
            this.round = round;
            this.goal = goal;
        }

        Duration elapsed(BusinessCalendar cal) {
            Duration sum = Duration.ZERO;
            for (Instant[] run : runs) {
                if (run[1] != null) {
                    sum = sum.plus(cal.workingBetween(run[0], run[1]));
                }
            }
            return sum;
        }

        /** When the counted time reaches {@code amount}; the open-ended run continues only if {@code stillCounting}. */
        Instant reach(BusinessCalendar cal, Duration amount, boolean stillCounting) {
            Duration left = amount;
            for (Instant[] run : runs) {
                if (run[1] == null) {
                    return stillCounting ? cal.advance(run[0], left) : null;
                }
                Duration here = cal.workingBetween(run[0], run[1]);
                if (left.compareTo(here) <= 0) {
                    return cal.advance(run[0], left);
                }
                left = left.minus(here);
            }
            return null;
        }
    }
}
