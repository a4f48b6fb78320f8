package com.fanops.metrics.domain;

import com.fanops.members.domain.MemberKind;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pre-aggregated facts a run of the daily job works on, in memory: per-day partitions loaded once, on first use,
 * from a {@link Source} (DynamoDB at the edge, plain maps in tests). Nothing here knows about AWS.
 */
public final class FactWindow {

    /** {@code ACT#<day>}: the members with a counted interaction that day, by flag. */
    public record Activity(Set<String> active, Set<String> purchased, Set<String> followed, Set<String> unfollowed) {
        public static final Activity NONE = new Activity(Set.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * {@code JOIN#<day>}: a member admitted that day; {@code exitDay} once they left, were removed or erased. {@code kind}
     * as the metrics-events function writes it ({@link MemberKind#key()}: member, staff, test; absent on older rows).
     */
    public record Joined(String memberId, String kind, LocalDate exitDay) {
        public boolean community() {
            return MemberKind.orMember(kind).community();
        }
    }

    /** {@code EXIT#<day>}: a member whose membership ended that day. */
    public record Exited(String memberId, LocalDate joinDay, String to) {
    }

    /** {@code COUNTS/<day>}: community joins and exits of the day. */
    public record DayCounts(long joins, long exits) {
        public static final DayCounts NONE = new DayCounts(0, 0);
    }

    /** Where partitions come from. */
    public interface Source {
        Activity activity(LocalDate day);

        List<Joined> joined(LocalDate day);

        List<Exited> exited(LocalDate day);

        /** {@code CARE#<day>}: members sent a care message for a dormancy episode of that day. */
        Set<String> careQueued(LocalDate day);
    }

    private final Source source;
    private final Set<String> excluded;
    private final NavigableMap<LocalDate, DayCounts> counts;
    private final Map<LocalDate, Activity> activity = new HashMap<>();
    private final Map<LocalDate, List<Joined>> joined = new HashMap<>();
    private final Map<LocalDate, List<Exited>> exited = new HashMap<>();
    private final Map<LocalDate, Set<String>> care = new HashMap<>();

    public FactWindow(Source source, Set<String> excluded, Map<LocalDate, DayCounts> counts) {
        this.source = source;
        this.excluded = Set.copyOf(excluded);
        this.counts = new TreeMap<>(counts);
    }

    public Activity activity(LocalDate day) {
        return activity.computeIfAbsent(day, source::activity);
    }

    public List<Joined> joined(LocalDate day) {
        return joined.computeIfAbsent(day, source::joined);
    }

    public List<Exited> exited(LocalDate day) {
        return exited.computeIfAbsent(day, source::exited);
    }

    public Set<String> careQueued(LocalDate day) {
        return care.computeIfAbsent(day, d -> new HashSet<>(source.careQueued(d)));
    }

    /** Records a care message queued during this run, so the day's figures include it without reading it back. */
    public void queuedCare(LocalDate day, String memberId) {
        careQueued(day).add(memberId);
    }

    /** The members counted with any activity fact of the day (active, purchased, followed, unfollowed). */
    public Set<String> withFacts(LocalDate day) {
        Activity act = activity(day);
        Set<String> out = new java.util.HashSet<>();
        for (Set<String> s : List.of(act.active(), act.purchased(), act.followed(), act.unfollowed())) {
            s.stream().filter(m -> !excluded(m)).forEach(out::add);
        }
        return out;
    }

    public boolean excluded(String memberId) {
        return excluded.contains(memberId);
    }

    public DayCounts counts(LocalDate day) {
        return counts.getOrDefault(day, DayCounts.NONE);
    }

    /** Community members at the end of the day: every join minus every exit up to and including it. */
    public long membersAtEndOf(LocalDate day) {
        long total = 0;
        for (DayCounts c : counts.headMap(day, true).values()) {
            total += c.joins() - c.exits();
        }
        return total;
    }
}
