package com.fanops.platform.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.ProblemException;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProofOfWorkTest {

    private static LocalDynamo dynamo;
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private ProofOfWork pow(int bits) {
        return new ProofOfWork(() -> KEY, new RateLimiter(dynamo.client(), "LimitsTable", clock), clock, bits, Duration.ofMinutes(5));
    }

    /** What the form does in the browser (signup.js), with the JDK's SHA-256. */
    static String solve(ProofOfWork.Challenge challenge) {
        for (long counter = 0; ; counter++) {
            if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge.token() + ":" + counter)) >= challenge.difficulty()) {
                return challenge.token() + ":" + counter;
            }
        }
    }

    private static String field(ProblemException e) {
        assertEquals(400, e.problem().status());
        assertEquals(ProofOfWork.HEADER, e.problem().errors().get(0).field());
        return e.problem().errors().get(0).message();
    }

    @Test
    void aSolvedChallengeIsAcceptedOnce() {
        ProofOfWork pow = pow(10);
        ProofOfWork.Challenge challenge = pow.issue();
        assertEquals(10, challenge.difficulty());
        ProofOfWork.Solved solved = pow.check(solve(challenge));
        pow.spend(solved);
        ProofOfWork.Solved again = pow.check(solve(challenge));
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.spend(again))).contains("already used"));
    }

    @Test
    void missingForgedUnsolvedAndExpiredSolutionsAreRefused() {
        ProofOfWork pow = pow(12);
        ProofOfWork.Challenge challenge = pow.issue();
        String solution = solve(challenge);
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.check(null))).contains("required"));
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.check("junk"))).contains("must be"));
        // Another key signed it (or someone lowered the difficulty in the token): not ours.
        ProofOfWork other = new ProofOfWork(() -> new byte[32], new RateLimiter(dynamo.client(), "LimitsTable", clock), clock, 1,
                Duration.ofMinutes(5));
        String easy = solve(other.issue());
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.check(easy))).contains("not a challenge of ours"));
        String wrongCounter = wrongCounter(challenge);
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.check(wrongCounter))).contains("does not solve"));
        clock.advance(Duration.ofMinutes(5));
        assertTrue(field(assertThrows(ProblemException.class, () -> pow.check(solution))).contains("expired"));
    }

    @Test
    void aChallengeIssuedAtALowerDifficultyNoLongerCounts() {
        ProofOfWork easy = new ProofOfWork(() -> KEY, new RateLimiter(dynamo.client(), "LimitsTable", clock), clock, 2, Duration.ofMinutes(5));
        String solution = solve(easy.issue());
        assertTrue(field(assertThrows(ProblemException.class, () -> pow(12).check(solution))).contains("does not solve"));
    }

    private static String wrongCounter(ProofOfWork.Challenge challenge) {
        for (long counter = 0; ; counter++) {
            if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge.token() + ":" + counter)) == 0) {
                return challenge.token() + ":" + counter;
            }
        }
    }

    @Test
    void leadingZeroBitsAreCountedAcrossBytes() {
        assertEquals(0, ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80, 0}));
        assertEquals(7, ProofOfWork.leadingZeroBits(new byte[] {1, 0}));
        assertEquals(12, ProofOfWork.leadingZeroBits(new byte[] {0, 0x08}));
        assertEquals(16, ProofOfWork.leadingZeroBits(new byte[] {0, 0}));
    }
}
