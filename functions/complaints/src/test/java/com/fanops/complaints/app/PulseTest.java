package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.Pulse;
import com.fanops.complaints.store.PulseLinks;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.AdmittedMembers;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The community pulse on DynamoDB Local, wired as the functions wire it: the sweep's draw over the members table (a
 * parallel scan), the messages asked of messaging, the private link, the answer's transaction.
 */
class PulseTest {

    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    private static ComplaintsHarness h;
    private static Pulses pulses;
    private static PulseStore store;
    /** The admitted community members (the only ones a sample may hold). */
    private static final Set<String> ELIGIBLE = new HashSet<>();
    private static final Set<String> OTHERS = new HashSet<>();

    @BeforeAll
    static void start() {
        h = new ComplaintsHarness(NOW);
        store = new PulseStore(h.dynamo.client(), "ComplaintsTable");
        pulses = new Pulses(store, h.cipher, new PulseLinks(h.keyring, ComplaintsHarness.SITE), h.sent::add,
                new AdmittedMembers(h.dynamo.client(), "MembersTable", 3)::forEach, ComplaintsHarness.ZONE, h.clock);
        int n = 0;
        for (int i = 0; i < 30; i++) {
            ELIGIBLE.add(member(n++, MemberStatus.ACTIVE, MemberKind.MEMBER));
        }
        ELIGIBLE.add(member(n++, MemberStatus.WARNED, MemberKind.MEMBER));
        ELIGIBLE.add(member(n++, MemberStatus.MUTED, MemberKind.MEMBER));
        for (int i = 0; i < 3; i++) {
            OTHERS.add(member(n++, MemberStatus.ACTIVE, MemberKind.STAFF));
            OTHERS.add(member(n++, MemberStatus.ACTIVE, MemberKind.TEST));
            OTHERS.add(member(n++, MemberStatus.PENDING, MemberKind.MEMBER));
            OTHERS.add(member(n++, MemberStatus.LEFT, MemberKind.MEMBER));
            OTHERS.add(member(n++, MemberStatus.REJECTED, MemberKind.MEMBER));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static String member(int n, MemberStatus status, MemberKind kind) {
        String id = String.format("m_%04x", n);
        h.members.signUp(new MemberStore.NewMember(id, status, "web", "CN-31", "en", NOW.minus(Duration.ofDays(40)), "email", "idx-" + id,
                "nick-ct", "contact-ct", null, null, null, null, MemberToken.sha256("token-" + id), kind),
                List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, NOW, 1, "web", "en", "proof", "form", "member", null)), null, List.of());
        return id;
    }

    private static Pulse started(int size) {
        h.clock.set(NOW);
        return pulses.start(new Pulses.Start(size, null, null), "manager@example.com", null);
    }

    /** The pulse's messages asked of messaging: member id to the link's token. */
    private static Map<String, String> invitations(String pulseId) {
        Map<String, String> out = new java.util.HashMap<>();
        for (TicketMessages m : h.sent) {
            if (m.cause().equals("pulse:" + pulseId)) {
                String url = m.params().get("pulseUrl");
                assertTrue(url.startsWith(ComplaintsHarness.SITE + "/pulse.html#" + pulseId + "."), url);
                assertNull(out.put(m.memberId(), url.substring(url.indexOf('#') + pulseId.length() + 2)), "one request per member");
            }
        }
        return out;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aSampleOfAdmittedCommunityMembersIsDrawnOnceAndEachIsAskedOneMarketingSurvey() {
        Pulse p = started(10);
        assertEquals("sampling", pulses.view(p).get("status"));
        Pulses.Run run = pulses.drawPending(NOW.plusSeconds(300));
        assertTrue(run.pulses() >= 1);
        Map<String, String> invited = invitations(p.pulseId());
        assertEquals(10, invited.size(), "exactly the sample size");
        assertTrue(ELIGIBLE.containsAll(invited.keySet()), "never staff, test, pending or departed accounts: " + invited.keySet());
        for (TicketMessages m : h.sent) {
            if (m.cause().equals("pulse:" + p.pulseId())) {
                assertEquals(Pulses.KIND, m.kind());
                assertNull(m.ticketId(), "sent to the member: messaging checks their marketing consent");
            }
        }
        Map<String, Object> view = pulses.view(pulses.get(p.pulseId()));
        assertEquals("open", view.get("status"));
        assertEquals(10L, view.get("sampled"));
        assertEquals(10L, view.get("requested"));

        assertEquals(0, pulses.drawPending(NOW.plusSeconds(600)).pulses(), "a drawn pulse is not drawn again");
        assertEquals(10, invitations(p.pulseId()).size());
    }

    @Test
    void aSampleLargerThanTheCommunityTakesEveryAdmittedMember() {
        Pulse p = started(10_000);
        pulses.drawPending(NOW.plusSeconds(300));
        assertEquals(ELIGIBLE, invitations(p.pulseId()).keySet());
        for (String other : OTHERS) {
            assertFalse(invitations(p.pulseId()).containsKey(other));
        }
    }

    @Test
    void aMemberAnswersOnceAndTheCountersMoveInTheAnswersTransaction() {
        Pulse p = started(5);
        pulses.drawPending(NOW.plusSeconds(300));
        List<String> tokens = new ArrayList<>(invitations(p.pulseId()).values());
        h.clock.set(NOW.plus(Duration.ofHours(1)));

        Map<String, Object> page = pulses.forMember(p.pulseId(), bearer(tokens.get(0)));
        assertEquals(Pulse.Question.DEFAULT, page.get("question"));
        assertEquals(false, page.get("answered"));

        pulses.answer(p.pulseId(), bearer(tokens.get(0)), new Pulses.Answer(4, "Lovely people, slow replies."));
        ProblemException again = assertThrows(ProblemException.class,
                () -> pulses.answer(p.pulseId(), bearer(tokens.get(0)), new Pulses.Answer(1, null)));
        assertEquals(409, again.problem().status());
        assertTrue(again.problem().type().endsWith("pulse-answered"));
        assertEquals(true, pulses.forMember(p.pulseId(), bearer(tokens.get(0))).get("answered"));
        pulses.answer(p.pulseId(), bearer(tokens.get(1)), new Pulses.Answer(5, null));

        Map<String, Object> view = pulses.view(pulses.get(p.pulseId()));
        assertEquals(2L, view.get("answered"));
        assertEquals(4.5, view.get("score"));
        assertEquals(0.4, view.get("responseRate"));
        assertEquals(Map.of("1", 0L, "2", 0L, "3", 0L, "4", 1L, "5", 1L), view.get("distribution"));
        LocalDate day = LocalDate.ofInstant(h.clock.instant(), ComplaintsHarness.ZONE);
        assertEquals(new PulseStore.Tally(2, 9), store.answersUpTo(p.pulseId(), day));
        assertEquals(new PulseStore.Tally(0, 0), store.answersUpTo(p.pulseId(), day.minusDays(1)));

        // The comment is field ciphertext, bound to the pulse and the invitation; no member id is stored with it.
        var items = h.dynamo.client().query(b -> b.tableName("ComplaintsTable").keyConditionExpression("pk = :pk AND begins_with(sk, :i)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PULSE#" + p.pulseId()), ":i", AttributeValue.fromS("INVITE#"))))
                .items();
        var answered = items.stream().filter(i -> i.containsKey("commentEnc")).toList();
        assertEquals(1, answered.size());
        String enc = answered.get(0).get("commentEnc").s();
        assertFalse(enc.contains("Lovely"));
        assertEquals("Lovely people, slow replies.", h.cipher.decrypt(p.pulseId(), "pulseComment:" + PulseLinks.hash(tokens.get(0)), enc));
        assertTrue(items.stream().noneMatch(i -> i.toString().contains("m_")), "no member id beside an answer");
    }

    @Test
    void twoAnswersAtOnceThroughOneLinkCountOnce() throws Exception {
        Pulse p = started(3);
        pulses.drawPending(NOW.plusSeconds(300));
        String token = invitations(p.pulseId()).values().iterator().next();
        h.clock.set(NOW.plus(Duration.ofHours(2)));
        int threads = 6;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int score = 1 + i % 5;
            Callable<Integer> answer = () -> {
                together.await();
                try {
                    pulses.answer(p.pulseId(), bearer(token), new Pulses.Answer(score, null));
                    return 201;
                } catch (ProblemException e) {
                    return e.problem().status();
                }
            };
            all.add(pool.submit(answer));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : all) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(threads - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1L, pulses.get(p.pulseId()).answers());
    }

    @Test
    void afterClosingAnAnswerIsGoneAndNothingIsCounted() {
        h.clock.set(NOW);
        Pulse p = pulses.start(new Pulses.Start(3, new Pulse.Question("社区怎么样？", "How is the community?"), 2), "admin@example.com", null);
        pulses.drawPending(NOW.plusSeconds(300));
        String token = invitations(p.pulseId()).values().iterator().next();
        h.clock.set(NOW.plus(Duration.ofDays(2)));
        ProblemException gone = assertThrows(ProblemException.class,
                () -> pulses.answer(p.pulseId(), bearer(token), new Pulses.Answer(3, null)));
        assertEquals(410, gone.problem().status());
        assertEquals("closed", pulses.forMember(p.pulseId(), bearer(token)).get("status"));
        assertEquals(0L, pulses.get(p.pulseId()).answers());
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        Pulse p = started(2);
        pulses.drawPending(NOW.plusSeconds(300));
        String token = invitations(p.pulseId()).values().iterator().next();
        long before = h.items("ComplaintsTable");
        ProblemException score = assertThrows(ProblemException.class,
                () -> pulses.answer(p.pulseId(), bearer(token), new Pulses.Answer(6, "x".repeat(1001))));
        assertEquals(400, score.problem().status());
        assertEquals(List.of("score", "comment"), score.problem().errors().stream().map(e -> e.field()).toList());
        ProblemException wrong = assertThrows(ProblemException.class,
                () -> pulses.answer(p.pulseId(), bearer(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")), new Pulses.Answer(3, null)));
        assertEquals(401, wrong.problem().status());
        assertEquals("authorization", wrong.problem().errors().get(0).field());
        ProblemException start = assertThrows(ProblemException.class,
                () -> pulses.start(new Pulses.Start(0, new Pulse.Question("", null), 31), "manager@example.com", null));
        assertEquals(List.of("sampleSize", "closesInDays", "question.zh-CN", "question.en"),
                start.problem().errors().stream().map(e -> e.field()).toList());
        assertEquals(before, h.items("ComplaintsTable"));
    }

    @Test
    void aStartRetriedWithItsIdempotencyKeyIsOnePulse() {
        h.clock.set(NOW);
        Pulse first = pulses.start(new Pulses.Start(7, null, 3), "manager@example.com", "start-1");
        Pulse again = pulses.start(new Pulses.Start(7, null, 3), "manager@example.com", "start-1");
        assertEquals(first.pulseId(), again.pulseId());
        assertNotEquals(first.pulseId(), pulses.start(new Pulses.Start(7, null, 3), "admin@example.com", "start-1").pulseId());
        assertTrue(pulses.list(null, 100).items().stream().filter(x -> x.pulseId().equals(first.pulseId())).count() == 1);
    }
}
