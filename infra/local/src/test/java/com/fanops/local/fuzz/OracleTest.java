package com.fanops.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle fails what it must fail: a check that cannot fail would be a defect of the fuzzer. */
class OracleTest {

    private static final FuzzCase CASE = new FuzzCase(7, "POST /v1/members", "field nickname=\"\\u0000\"", "POST", "/v1/members",
            Map.of(), "{\"nickname\":\"Fz7abnick\"}".getBytes(), "none", List.of("Fz7abnick"));
    private static final String PROBLEM = "application/problem+json";

    private static List<Finding.Kind> kinds(Http.Answer answer, Map<String, Long> writes) {
        return Oracle.judge(CASE, answer, writes).stream().map(Finding::kind).toList();
    }

    @Test
    void aServerErrorIsAFindingWhateverItsBody() {
        assertEquals(List.of(Finding.Kind.SERVER_ERROR), kinds(new Http.Answer(500, PROBLEM, "{\"status\":500}"), Map.of()));
        assertEquals(List.of(Finding.Kind.SERVER_ERROR), kinds(new Http.Answer(503, PROBLEM, "{}"), Map.of()));
    }

    @Test
    void aRefusalThatIsNotProblemJsonIsAFinding() {
        assertEquals(List.of(Finding.Kind.NOT_PROBLEM_JSON), kinds(new Http.Answer(404, "text/plain", "no such thing"), Map.of()));
        assertEquals(List.of(Finding.Kind.NOT_PROBLEM_JSON), kinds(new Http.Answer(400, "application/json", "{\"error\":1}"), Map.of()));
    }

    @Test
    void apiGatewaysOwnRefusalsPassButOnlyInTheirExactShape() {
        assertEquals(List.of(), kinds(new Http.Answer(401, "application/json", "{\"message\":\"Unauthorized\"}"), Map.of()));
        assertEquals(List.of(), kinds(new Http.Answer(404, "application/json", "{\"message\":\"Not Found\"}"), Map.of()));
        assertEquals(List.of(Finding.Kind.NOT_PROBLEM_JSON),
                kinds(new Http.Answer(400, "application/json", "{\"message\":\"Unauthorized\"}"), Map.of()));
        assertEquals(List.of(Finding.Kind.NOT_PROBLEM_JSON),
                kinds(new Http.Answer(401, "application/json", "{\"message\":\"bad token\"}"), Map.of()));
    }

    @Test
    void aRefusedRequestThatChangedACountIsAFindingAnAcceptedOneIsNot() {
        Map<String, Long> wrote = Map.of("table:MembersTable", 1L);
        assertEquals(List.of(Finding.Kind.WRITE_FROM_REFUSED_INPUT), kinds(new Http.Answer(400, PROBLEM, "{}"), wrote));
        assertEquals(List.of(), kinds(new Http.Answer(201, "application/json", "{}"), wrote));
        assertEquals(List.of(), kinds(new Http.Answer(400, PROBLEM, "{}"), Map.of()));
    }

    @Test
    void anythingButAnAnswerIsAFinding() {
        assertEquals(List.of(Finding.Kind.UNEXPECTED_ANSWER), kinds(new Http.Answer(302, "", ""), Map.of()));
    }

    @Test
    void aLogLineHoldingPersonalDataSentIsFoundAndNamesTheCase() {
        List<Finding> found = Oracle.personalDataInLogs(List.of("[MembersPublicFunction] {\"level\":\"INFO\",\"msg\":\"joined\"}",
                "[MembersPublicFunction] sign-up SignUp[nickname=Fz7abnick, n=1]"), Map.of("Fz7abnick", CASE));
        assertEquals(1, found.size());
        assertEquals(Finding.Kind.PERSONAL_DATA_IN_LOG, found.get(0).kind());
        assertEquals("POST /v1/members", found.get(0).route());
        assertEquals(List.of(), Oracle.personalDataInLogs(List.of("member m_1 joined, nick Fz7abnickx"), Map.of("Fz7abnick", CASE)),
                "a word that merely contains the value is another word");
    }

    @Test
    void snapshotsDiffOnlyWhatChanged() {
        var before = new StackProbe.Snapshot(Map.of("table:A", 3L, "queue:Q", 0L));
        var after = new StackProbe.Snapshot(Map.of("table:A", 4L, "queue:Q", 0L));
        assertEquals(Map.of("table:A", 1L), after.diff(before));
        assertEquals(Map.of(), before.diff(before));
    }
}
