package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.fuzz.FuzzReport;
import com.fanops.local.fuzz.Fuzzer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer against a handler broken on purpose (infra/fixtures FuzzTargetHandler on fuzz-template.yaml): it must
 * report each defect it exists to find - a 5xx, a write from refused input, personal data in a log line, a 4xx that is
 * not problem+json. A fuzzer that passes this handler would pass anything.
 */
@Tag("e2e")
class FuzzerCanFailTest {

    @TempDir
    Path work;

    @Test
    void everyDefectOfTheBrokenHandlerIsReported() throws Exception {
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("infra/fixtures/fuzz-template.yaml"), work)) {
            FuzzReport report = new Fuzzer(stack.cloud, () -> stack.logs, System.out).examples("/fuzz/fixture-examples.json")
                    .run(Fuzzer.Settings.of(80, 7));
            report.print(System.out, 3);
            String found = String.join("\n", report.findings());
            assertFalse(report.clean());
            assertTrue(report.serverErrors() > 0, "a 5xx from client input is reported:\n" + found);
            assertTrue(report.writesFromRefused() > 0, "a write before validation is reported:\n" + found);
            assertTrue(report.count("PERSONAL_DATA_IN_LOG") > 0, "personal data in a log line is reported:\n" + found);
            assertTrue(report.count("NOT_PROBLEM_JSON") > 0, "a plain-text 404 is reported:\n" + found);
            assertTrue(report.count("INVARIANT") == 0, "the fixture has no members or dead-letter queues:\n" + found);
        }
    }
}
