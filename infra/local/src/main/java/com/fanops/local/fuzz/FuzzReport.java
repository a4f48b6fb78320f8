package com.fanops.local.fuzz;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a fuzz run: cases and answers per route, every finding, the invariants, wall time. */
public final class FuzzReport {

    /** Per route: cases tried, answers by class, refused cases that wrote. */
    static final class RouteFigures {
        int cases;
        int ok;
        int refused;
        int serverErrors;
        int other;
        int writesFromRefused;
    }

    private final long seed;
    private final Map<String, RouteFigures> routes = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private Invariants.Result invariants;
    private Duration wallTime = Duration.ZERO;

    FuzzReport(long seed, List<FuzzRoute> all) {
        this.seed = seed;
        all.forEach(r -> routes.put(r.key(), new RouteFigures()));
    }

    void record(FuzzCase c, int status, List<Finding> found) {
        RouteFigures f = routes.computeIfAbsent(c.route(), k -> new RouteFigures());
        f.cases++;
        if (status >= 200 && status < 300) {
            f.ok++;
        } else if (status >= 400 && status < 500) {
            f.refused++;
        } else if (status >= 500) {
            f.serverErrors++;
        } else {
            f.other++;
        }
        if (found.stream().anyMatch(x -> x.kind() == Finding.Kind.WRITE_FROM_REFUSED_INPUT)) {
            f.writesFromRefused++;
        }
        findings.addAll(found);
    }

    void add(List<Finding> found) {
        findings.addAll(found);
    }

    void invariants(Invariants.Result result) {
        this.invariants = result;
        findings.addAll(result.findings());
    }

    void wallTime(Duration d) {
        this.wallTime = d;
    }

    public List<String> findings() {
        return findings.stream().map(Finding::toString).toList();
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    public int cases() {
        return routes.values().stream().mapToInt(f -> f.cases).sum();
    }

    public int serverErrors() {
        return routes.values().stream().mapToInt(f -> f.serverErrors).sum();
    }

    public int writesFromRefused() {
        return routes.values().stream().mapToInt(f -> f.writesFromRefused).sum();
    }

    public int routesTried() {
        return (int) routes.values().stream().filter(f -> f.cases > 0).count();
    }

    public int routes() {
        return routes.size();
    }

    public long count(String kind) {
        return findings.stream().filter(f -> f.kind().name().equals(kind)).count();
    }

    /** The figures as a table, then the findings (at most {@code perGroup} of each kind per route). */
    public void print(PrintStream out, int perGroup) {
        out.printf("%n%-58s %6s %6s %6s %5s %5s %6s%n", "route", "cases", "2xx", "4xx", "5xx", "other", "writes");
        routes.forEach((route, f) -> out.printf("%-58s %6d %6d %6d %5d %5d %6d%n", route, f.cases, f.ok, f.refused, f.serverErrors,
                f.other, f.writesFromRefused));
        out.printf("%-58s %6d %6d %6d %5d %5d %6d%n", "total (" + routesTried() + " of " + routes() + " routes)", cases(),
                routes.values().stream().mapToInt(f -> f.ok).sum(), routes.values().stream().mapToInt(f -> f.refused).sum(),
                serverErrors(), routes.values().stream().mapToInt(f -> f.other).sum(), writesFromRefused());
        Map<String, Long> byKind = new TreeMap<>();
        findings.forEach(f -> byKind.merge(f.kind().name(), 1L, Long::sum));
        out.println("\nfindings by kind: " + (byKind.isEmpty() ? "none" : byKind));
        if (invariants != null) {
            out.println("invariants: " + invariants.checks() + " checks over " + invariants.members() + " member(s) and the dead-letter queues, "
                    + invariants.findings().size() + " failed");
        }
        out.println("seed " + seed + ", wall time " + wallTime.toSeconds() + " s");
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (Finding f : findings) {
            String group = f.kind() + " " + f.route();
            if (shown.merge(group, 1, Integer::sum) <= perGroup) {
                out.println("  " + f);
            }
        }
        shown.forEach((group, n) -> {
            if (n > perGroup) {
                out.println("  ... and " + (n - perGroup) + " more " + group);
            }
        });
    }
}
