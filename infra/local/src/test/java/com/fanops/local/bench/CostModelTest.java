package com.fanops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost model's arithmetic against figures computed by hand (the working is in each comment). */
class CostModelTest {

    private static final CostModel.Prices ARM = CostModel.Prices.usEast1("arm64");

    @Test
    void todaysUnitsCostWhatTheIssueSaysInDynamoDbAndAboutFourDollarsAllIn() {
        List<CostModel.Line> lines = CostModel.perMillionInteractions(CostModel.Inputs.defaults(), ARM);
        // 4.61 WRU x $0.625 per million
        assertEquals(2.88125, dollars(lines, "DynamoDB writes"), 1e-9);
        // scorer 2,480,000 RRU + 10,000 calls x (key 0.5 + 100 statuses x 0.5) = 2,985,000 RRU x $0.125 per million
        assertEquals(0.373125, dollars(lines, "DynamoDB reads"), 1e-9);
        // 10,000 calls at $1.00 per million
        assertEquals(0.01, dollars(lines, "API Gateway"), 1e-12);
        // 10,000 x $0.20 per million + 10,000 x 0.235 s x 1 GB x $0.0000133334
        assertEquals(0.002 + 2_350 * 0.0000133334, dollars(lines, "Lambda ingestion"), 1e-12);
        // 1,000 invocations x $0.20 per million + 1,000,000 x 0.0208 s x 1 GB x $0.0000133334
        assertEquals(0.0002 + 20_800 * 0.0000133334, dollars(lines, "Lambda scorer"), 1e-12);
        // 10,000 sends of 25,000 bytes (one 64 KB chunk) + 1,000 receives of 250,000 bytes (4 chunks) + 1,000 batch deletes
        assertEquals(15_000 * 0.40 / 1e6, dollars(lines, "SQS"), 1e-12);
        // 129,000 standing events x $1 per million; 305,730 consumer invocations (x 2.37): requests, 6,114.6 GB-s, 3 WRU + 1 RRU each
        assertEquals(0.129, dollars(lines, "EventBridge"), 1e-12);
        assertEquals(305_730 * 0.2 / 1e6 + 6_114.6 * 0.0000133334 + 305_730 * (3 * 0.625 + 0.125) / 1e6, dollars(lines, "standing-change consumers"),
                1e-9);
        // 316,730 invocations x 565 bytes = 178,952,450 bytes / 2^30 x $0.50
        assertEquals(178_952_450.0 / (1 << 30) * 0.5, dollars(lines, "CloudWatch Logs"), 1e-9);
        // 11,000 traces x $5 per million
        assertEquals(0.055, dollars(lines, "X-Ray"), 1e-12);
        // the sum of the lines above: 0.01 + 0.0333335 + 0.2775347 + 0.006 + 2.88125 + 0.373125 + 0.129 + 0.7541353 + 0.0833302 + 0.055
        assertEquals(4.602709, CostModel.total(lines), 1e-5);
    }

    @Test
    void theIssuesTargetUnitsBringDynamoDbToTwoDollars() {
        CostModel.Inputs targets = CostModel.Inputs.parse(Map.of("wcu-per-event", "3.0", "rcu-per-event", "1.0"));
        List<CostModel.Line> lines = CostModel.perMillionInteractions(targets, ARM);
        assertEquals(1.875, dollars(lines, "DynamoDB writes"), 1e-9);
        assertEquals((1_000_000 + 505_000) * 0.125 / 1e6, dollars(lines, "DynamoDB reads"), 1e-9);
        // Everything else is unchanged: 4.602709 - (2.88125 - 1.875) - (0.373125 - 0.188125)
        assertEquals(4.602709 - 1.00625 - 0.185, CostModel.total(lines), 1e-5);
    }

    @Test
    void oneEventPerCallMakesTheRequestsCount() {
        CostModel.Inputs single = CostModel.Inputs.parse(Map.of("events-per-call", "1"));
        List<CostModel.Line> lines = CostModel.perMillionInteractions(single, ARM);
        assertEquals(1.00, dollars(lines, "API Gateway"), 1e-9);
        // 1,000,000 sends + 100,000 receives of 2,500 bytes (1 chunk) + 100,000 deletes = 1,200,000 requests x $0.40 per million
        assertEquals(0.48, dollars(lines, "SQS"), 1e-9);
        // the key and one status per call: 1,000,000 RRU more than the scorer's 2,480,000
        assertEquals(3_480_000 * 0.125 / 1e6, dollars(lines, "DynamoDB reads"), 1e-9);
        // 1,100,000 traces x $5 per million
        assertEquals(5.5, dollars(lines, "X-Ray"), 1e-9);
    }

    @Test
    void x86CostsAFifthMoreDurationThanArm() {
        List<CostModel.Line> lines = CostModel.perMillionInteractions(CostModel.Inputs.parse(Map.of("arch", "x86_64")),
                CostModel.Prices.usEast1("x86_64"));
        assertEquals(0.0002 + 20_800 * 0.0000166667, dollars(lines, "Lambda scorer"), 1e-12);
    }

    @Test
    void aMonthOfACommunityAddsItsDailyJobsAndFixedCosts() {
        List<CostModel.Line> month = CostModel.perMonth(CostModel.Inputs.defaults(), ARM);
        // 100,000 members x 10 events = one million interactions
        assertEquals(4.602709, dollars(month, "interactions"), 1e-5);
        // 30 runs: requests, 30 x 55.7 s x 2 GB = 3,342 GB-s, 30 x (2,368 WRU x $0.625 + 97,667 RRU x $0.125) per million
        assertEquals(30 * 0.2 / 1e6 + 3_342 * 0.0000133334 + 30 * (2_368 * 0.625 + 97_667 * 0.125) / 1e6, dollars(month, "daily jobs"), 1e-12);
        // 4 queues x 5 pollers x 129,600 twenty-second polls in 30 days
        assertEquals(2_592_000 * 0.40 / 1e6, dollars(month, "idle long polling"), 1e-12);
        assertEquals(1.0, dollars(month, "KMS keys"), 1e-12);
        // 5,000 sign-ups: API and MemberJoined $1 + $1 per million; 5,000 x 0.324 s x 1 GB; 15,000 consumers x 0.02 s x 1 GB; 35 WRU + 6 RRU each
        assertEquals(5_000 * 2.0 / 1e6 + (5_000 + 15_000) * 0.2 / 1e6 + (1_620 + 300) * 0.0000133334 + 5_000 * (35 * 0.625 + 6 * 0.125) / 1e6,
                dollars(month, "sign-ups"), 1e-12);
        // 50,000 e-mails: SES $5, requests $0.01, 50,000 x 0.1 s x 0.5 GB = 2,500 GB-s, 28 WRU + 3.5 RRU each
        assertEquals(5 + 0.01 + 2_500 * 0.0000133334 + 50_000 * (28 * 0.625 + 3.5 * 0.125) / 1e6, dollars(month, "messages"), 1e-12);
    }

    @Test
    void theDailyJobsGrowWithTheCommunity() {
        double at100k = dollars(CostModel.perMonth(CostModel.Inputs.defaults(), ARM), "daily jobs");
        double at300k = dollars(CostModel.perMonth(CostModel.Inputs.parse(Map.of("members", "300000")), ARM), "daily jobs");
        assertEquals(3 * (at100k - 30 * 0.2 / 1e6), at300k - 30 * 0.2 / 1e6, 1e-12, "everything but the 30 requests triples");
    }

    @Test
    void theReportSaysWhetherTheTargetIsMet() {
        assertTrue(CostModel.report(CostModel.Inputs.defaults()).contains("Total per million interactions: $4.60 (target: at most $2.50: missed by $2.10)"));
        String met = CostModel.report(CostModel.Inputs.parse(Map.of("wcu-per-event", "2.2", "rcu-per-event", "1.0", "standing-events-per-event", "0")));
        assertTrue(met.contains("target: at most $2.50: met"), met);
        assertTrue(met.contains("| --wcu-per-event | 2.200 |"), "the inputs used are printed");
    }

    @Test
    void badInputsAreRefusedNamingTheOption() {
        assertTrue(refused(Map.of("wcu", "3")).contains("--wcu"));
        assertTrue(refused(Map.of("wcu-per-event", "three")).contains("--wcu-per-event"));
        assertTrue(refused(Map.of("rcu-per-event", "-1")).contains("--rcu-per-event"));
        assertTrue(refused(Map.of("rcu-per-event", "NaN")).contains("--rcu-per-event"));
        assertTrue(refused(Map.of("events-per-call", "0")).contains("--events-per-call"));
        assertTrue(refused(Map.of("arch", "sparc")).contains("--arch"));
    }

    private static String refused(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> CostModel.Inputs.parse(options)).getMessage();
    }

    private static double dollars(List<CostModel.Line> lines, String part) {
        return lines.stream().filter(l -> l.what().contains(part)).findFirst().orElseThrow().dollars();
    }
}
