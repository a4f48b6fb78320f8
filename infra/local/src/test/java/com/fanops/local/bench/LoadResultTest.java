package com.fanops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hey's and wrk's reports read back, from outputs saved from real runs of ./fanops bench http (2026-12-06). */
class LoadResultTest {

    @Test
    void heysSummaryGivesPercentilesRateAndStatuses() throws IOException {
        LoadResult r = LoadResult.ofHey(sample("hey-interactions.txt"));
        assertEquals("hey", r.tool());
        assertEquals(241, r.requests());
        assertEquals(21.4318, r.seconds(), 1e-9);
        assertEquals(11.2450, r.requestsPerSecond(), 1e-9);
        assertEquals(626.6, r.p50Ms(), 1e-9);
        assertEquals(1045.7, r.p90Ms(), 1e-9);
        assertEquals(1469.3, r.p99Ms(), 1e-9);
        assertEquals(Map.of(202, 241L), r.statuses());
        assertEquals(241, r.ok());
        assertEquals(0, r.notOk());
        assertEquals(0, r.transportErrors());
    }

    @Test
    void heysMissingNinetyNinthPercentileOfAShortRunIsNotANumberNotZero() throws IOException {
        // With 20 answers hey prints its 99% line as "0% in 0.0000 secs".
        LoadResult r = LoadResult.ofHey(sample("hey-interactions-warmup.txt"));
        assertEquals(2441.0, r.p50Ms(), 1e-9);
        assertTrue(Double.isNaN(r.p99Ms()));
        assertEquals(20, r.ok());
    }

    @Test
    void heysRefusedAnswersAndConnectionErrorsAreCountedApart() {
        String out = """
                Summary:
                  Total:	2.0345 secs
                  Requests/sec:	61.9303

                Latency distribution:
                  50% in 0.0461 secs
                  90% in 0.0598 secs
                  99% in 0.0642 secs

                Status code distribution:
                  [202]	90 responses
                  [429]	7 responses
                  [503]	1 responses

                Error distribution:
                  [28]	Post "http://127.0.0.1:18099/": dial tcp 127.0.0.1:18099: connect: connection refused
                  [2]	Post "http://127.0.0.1:18099/": context deadline exceeded
                """;
        LoadResult r = LoadResult.ofHey(out);
        assertEquals(90, r.ok());
        assertEquals(8, r.notOk());
        assertEquals(30, r.transportErrors());
        assertEquals(128, r.requests());
        assertEquals(90 / 2.0345, r.okPerSecond(), 1e-9);
    }

    @Test
    void wrksReportWithOurStatusLinesGivesPercentilesInTheirUnits() throws IOException {
        LoadResult r = LoadResult.ofWrk(sample("wrk-signup.txt"));
        assertEquals("wrk", r.tool());
        assertEquals(87, r.requests());
        assertEquals(20.03, r.seconds(), 1e-9);
        assertEquals(4.34, r.requestsPerSecond(), 1e-9);
        assertEquals(1420.0, r.p50Ms(), 1e-9);
        assertEquals(3220.0, r.p90Ms(), 1e-9);
        assertEquals(5470.0, r.p99Ms(), 1e-9);
        assertEquals(Map.of(201, 87L), r.statuses());
        assertEquals(0, r.transportErrors());
    }

    @Test
    void wrkWithoutOurScriptCountsOnlyWhatItCallsNon2xx() {
        String out = """
                Running 10s test @ http://127.0.0.1:8080/v1/members
                  2 threads and 16 connections
                  Latency Distribution
                     50%  812.00us
                     75%    1.20ms
                     90%   11.03ms
                     99%    1.02s
                  1000 requests in 1.50m, 120.00KB read
                  Non-2xx or 3xx responses: 40
                  Socket errors: connect 0, read 1, write 0, timeout 3
                Requests/sec:     11.11
                """;
        LoadResult r = LoadResult.ofWrk(out);
        assertEquals(0.812, r.p50Ms(), 1e-9);
        assertEquals(11.03, r.p90Ms(), 1e-9);
        assertEquals(1020.0, r.p99Ms(), 1e-9);
        assertEquals(90.0, r.seconds(), 1e-9);
        assertEquals(960, r.ok());
        assertEquals(40, r.notOk());
        assertEquals(4, r.transportErrors());
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadResult.ofWrk("Usage: wrk <options> <url>"));
        assertThrows(IllegalArgumentException.class, () -> LoadResult.ofHey("Usage: hey [options...] <url>"));
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = LoadResultTest.class.getResourceAsStream("/bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
