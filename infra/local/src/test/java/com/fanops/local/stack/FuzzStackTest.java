package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.fuzz.FuzzReport;
import com.fanops.local.fuzz.Fuzzer;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer's short form on the project's template.yaml: every route, four cases each from a fixed seed (the same
 * cases every run) and two each from a fresh seed (printed, so a failure can be replayed with ./fanops fuzz --seed).
 * Every answer is 2xx or 4xx problem+json, no refused request writes, no personal data reaches a function log, and the
 * invariants hold. The long form is ./fanops fuzz --cases 10000 (see BENCHMARKS.md).
 */
@Tag("e2e")
class FuzzStackTest {

    static final long FIXED_SEED = 20261124L;

    @TempDir
    Path work;

    @Test
    void everyRouteAnswersWithinTheContractAndTheInvariantsHold() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work)) {
            int routes = stack.cloud.template().functions().stream().mapToInt(f -> f.httpRoutes().size()).sum();
            long fresh = new SecureRandom().nextLong();
            StringBuilder failures = new StringBuilder();
            for (long seed : new long[] {FIXED_SEED, fresh}) {
                FuzzReport report = new Fuzzer(stack.cloud, () -> stack.logs, System.out)
                        .run(Fuzzer.Settings.of(seed == FIXED_SEED ? 4 * routes : 2 * routes, seed));
                report.print(System.out, 50);
                assertEquals(report.routes(), report.routesTried(), "every route of template.yaml fuzzed");
                report.findings().forEach(f -> failures.append("\n").append(f));
                if (!report.clean()) {
                    failures.append("\n(seed ").append(seed).append(")");
                }
            }
            assertTrue(failures.isEmpty(), "the fuzzer found:" + failures);
        }
    }
}
