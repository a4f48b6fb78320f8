package com.fanops.metrics.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Facts for unit tests, built by hand: what the fact partitions would hold. */
final class Facts implements FactWindow.Source {

    final Map<LocalDate, Set<String>> active = new HashMap<>();
    final Map<LocalDate, Set<String>> purchased = new HashMap<>();
    final Map<LocalDate, Set<String>> followed = new HashMap<>();
    final Map<LocalDate, Set<String>> unfollowed = new HashMap<>();
    final Map<LocalDate, List<FactWindow.Joined>> joins = new HashMap<>();
    final Map<LocalDate, List<FactWindow.Exited>> exits = new HashMap<>();
    final Map<LocalDate, Set<String>> care = new HashMap<>();
    final Map<LocalDate, FactWindow.DayCounts> counts = new HashMap<>();
    final Set<String> excluded = new HashSet<>();
    final Map<String, LocalDate> joinDays = new HashMap<>();

    Facts join(String member, LocalDate day) {
        return join(member, day, "member");
    }

    Facts join(String member, LocalDate day, String kind) {
        joins.computeIfAbsent(day, d -> new ArrayList<>()).add(new FactWindow.Joined(member, kind, null));
        joinDays.put(member, day);
        if ("member".equals(kind)) {
            FactWindow.DayCounts c = counts.getOrDefault(day, FactWindow.DayCounts.NONE);
            counts.put(day, new FactWindow.DayCounts(c.joins() + 1, c.exits()));
        } else {
            excluded.add(member);
        }
        return this;
    }

    Facts exit(String member, LocalDate day) {
        LocalDate joined = joinDays.get(member);
        List<FactWindow.Joined> cohort = joins.get(joined);
        cohort.replaceAll(j -> j.memberId().equals(member) ? new FactWindow.Joined(member, j.kind(), day) : j);
        exits.computeIfAbsent(day, d -> new ArrayList<>()).add(new FactWindow.Exited(member, joined, "left"));
        if (!excluded.contains(member)) {
            FactWindow.DayCounts c = counts.getOrDefault(day, FactWindow.DayCounts.NONE);
            counts.put(day, new FactWindow.DayCounts(c.joins(), c.exits() + 1));
        }
        return this;
    }

    Facts active(String member, LocalDate... days) {
        for (LocalDate d : days) {
            active.computeIfAbsent(d, x -> new HashSet<>()).add(member);
        }
        return this;
    }

    Facts purchase(String member, LocalDate day) {
        active(member, day);
        purchased.computeIfAbsent(day, x -> new HashSet<>()).add(member);
        return this;
    }

    Facts follow(String member, LocalDate day) {
        active(member, day);
        followed.computeIfAbsent(day, x -> new HashSet<>()).add(member);
        return this;
    }

    Facts unfollow(String member, LocalDate day) {
        unfollowed.computeIfAbsent(day, x -> new HashSet<>()).add(member);
        return this;
    }

    Facts care(String member, LocalDate day) {
        care.computeIfAbsent(day, x -> new HashSet<>()).add(member);
        return this;
    }

    FactWindow window() {
        return new FactWindow(this, excluded, counts);
    }

    @Override
    public FactWindow.Activity activity(LocalDate day) {
        return new FactWindow.Activity(active.getOrDefault(day, Set.of()), purchased.getOrDefault(day, Set.of()),
                followed.getOrDefault(day, Set.of()), unfollowed.getOrDefault(day, Set.of()));
    }

    @Override
    public List<FactWindow.Joined> joined(LocalDate day) {
        return joins.getOrDefault(day, List.of());
    }

    @Override
    public List<FactWindow.Exited> exited(LocalDate day) {
        return exits.getOrDefault(day, List.of());
    }

    @Override
    public Set<String> careQueued(LocalDate day) {
        return care.getOrDefault(day, Set.of());
    }
}
