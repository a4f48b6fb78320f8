package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintReceived;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.testing.ComplaintsHarness;
import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeTest {

    /** Tuesday 2026-11-24 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    ComplaintsHarness h;

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(NOW);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    static ComplaintForm form(String contact, String description) {
        return new ComplaintForm("Li Lei", contact, "en", null, "delivery", description, "ORDER-123",
                List.of("https://photos.example.com/a.jpg"));
    }

    @Test
    void aComplaintBecomesANumberedTicketWithAnAcknowledgementThatPromisesTheFirstResponse() {
        var receipt = h.intake.submit(form(" Li.Lei@Example.COM ", "The parcel arrived crushed."), "key-1", null, "1.2.3.4");
        assertEquals("email", receipt.acknowledgementBy());
        assertEquals(0, h.items("ComplaintsTable"), "the API only queues: nothing is written before intake");
        Ticket t = h.drain();
        assertEquals("C-20261124-0001", t.ticketNumber());
        assertEquals(TicketStatus.ACKNOWLEDGED, t.status());
        assertEquals(Priority.NORMAL, t.priority());
        // Normal: 24 working hours from Tuesday 10:00 on 7.5-hour days -> Friday 11:30.
        assertEquals(Instant.parse("2026-11-27T03:30:00Z"), t.due().firstResponse());
        assertEquals(1, h.sent.size());
        var ack = h.sent.get(0);
        assertEquals("ticket_acknowledged", ack.kind());
        assertEquals(t.ticketId(), ack.ticketId());
        assertEquals(null, ack.memberId());
        assertEquals("ticket:C-20261124-0001:ack", ack.cause());
        assertEquals("Friday 27 November 11:30", ack.params().get("replyBy"));
        assertTrue(ack.params().get("statusUrl").startsWith(ComplaintsHarness.SITE + "/complaint-status.html#C-20261124-0001."));
        var received = h.bus.of(ComplaintReceived.class);
        assertEquals(1, received.size());
        assertEquals("C-20261124-0001", received.get(0).ticketNumber());
        assertEquals(t.due().firstResponse(), received.get(0).firstResponseDue());
        // The personal data is ciphertext at rest; the contact is findable only by its blind index.
        String raw = h.dynamo.client().scan(b -> b.tableName("ComplaintsTable")).items().toString();
        assertFalse(raw.contains("Li Lei") || raw.contains("li.lei@example.com") || raw.contains("crushed"), raw);
        assertEquals("li.lei@example.com", h.cipher.decrypt(t.ticketId(), "contact", t.contactEnc()));
        assertEquals(t.ticketId(), h.tickets.byContact(h.cipher.blindIndex("EMAIL:li.lei@example.com"), 10).get(0).ticketId());
    }

    @Test
    void theAcknowledgementIsInTheComplainantsLanguage() {
        var zh = new ComplaintForm("李雷", "13800138000", "zh-CN", null, "service", "客服态度很差", null, null);
        assertEquals("phone", h.intake.submit(zh, "k-zh", null, "1.2.3.4").acknowledgementBy());
        h.drain();
        assertEquals("11月27日 星期五 11:30", h.sent.get(0).params().get("replyBy"));
    }

    @Test
    void aSubmissionDeliveredTwiceMakesOneTicketAndOneAcknowledgement() {
        h.intake.submit(form("a@example.com", "Late."), "same-key", null, "1.2.3.4");
        h.intake.submit(form("a@example.com", "Late."), "same-key", null, "1.2.3.4");
        var s = h.queue.get(0);
        h.drain();
        h.tickerIntake.take(s);
        assertEquals(1, h.tickets.allInStatus(TicketStatus.ACKNOWLEDGED).size());
        assertEquals(1, h.sent.size());
        assertEquals(1, h.bus.of(ComplaintReceived.class).size());
        assertEquals(1L, h.tickets.lastNumber(LocalDate.of(2026, 11, 24)).orElseThrow());
    }

    @Test
    void aDiamondMembersTicketIsOneLevelUpWithHalvedTargets() {
        h.member("m_d1a30d01", Tier.DIAMOND);
        var f = new ComplaintForm("Han Meimei", "han@example.com", "en", "m_d1a30d01", "product", "Wrong colour.", null, null);
        var receipt = h.intake.submit(f, "k-d", "Bearer token-m_d1a30d01", "1.2.3.4");
        assertEquals("member", receipt.acknowledgementBy());
        Ticket t = h.drain();
        assertEquals("m_d1a30d01", t.memberId());
        assertTrue(t.diamond());
        assertEquals(Priority.HIGH, t.priority());
        // High halved: 2 working hours from 10:00.
        assertEquals(Instant.parse("2026-11-24T04:00:00Z"), t.due().firstResponse());
        assertEquals("m_d1a30d01", h.sent.get(0).memberId());
    }

    @Test
    void keywordsRaiseThePriority() {
        h.intake.submit(form("b@example.com", "My child was INJURED by the toy."), "k-u", null, "1.2.3.4");
        assertEquals(Priority.URGENT, h.drain().priority());
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        record Case(ComplaintForm form, String field) {
        }
        List<String> six = IntStream.range(0, 6).mapToObj(i -> "https://x.example.com/" + i).toList();
        List<Case> cases = List.of(
                new Case(new ComplaintForm("Li", "a@example.com", "en", null, "delivery", "  ", null, null), "description"),
                new Case(new ComplaintForm("Li", "a@example.com", "en", null, "weather", "x", null, null), "category"),
                new Case(new ComplaintForm("Li", "not a contact", "en", null, "delivery", "x", null, null), "contact"),
                new Case(new ComplaintForm("Li", "a@example.com", "en", null, "delivery", "x", null, six), "attachments"),
                new Case(new ComplaintForm("Li", "a@example.com", "en", null, "delivery", "x", null, List.of("http://x.example.com/a")), "attachments[0]"),
                new Case(new ComplaintForm("", "a@example.com", "en", null, "delivery", "x", null, null), "name"),
                new Case(new ComplaintForm("Li", "a@example.com", "fr", null, "delivery", "x", null, null), "locale"));
        for (Case c : cases) {
            var e = assertThrows(ProblemException.class, () -> h.intake.submit(c.form(), "k", null, "1.2.3.4"), c.field());
            assertEquals(400, e.problem().status());
            assertTrue(e.problem().errors().stream().map(FieldError::field).toList().contains(c.field()), e.problem().errors().toString());
        }
        var missingKey = assertThrows(ProblemException.class, () -> h.intake.submit(form("a@example.com", "x"), null, null, "1.2.3.4"));
        assertEquals("Idempotency-Key", missingKey.problem().errors().get(0).field());
        assertTrue(h.queue.isEmpty());
        assertEquals(0, h.items("ComplaintsTable"));
        assertEquals(0, h.items("LimitsTable"));
    }

    @Test
    void aMemberTokenThatDoesNotMatchIsA401NamingTheMember() {
        h.member("m_0e3be4001", Tier.GOLD);
        var f = new ComplaintForm("Li", "a@example.com", "en", "m_0e3be4001", "delivery", "x", null, null);
        var e = assertThrows(ProblemException.class, () -> h.intake.submit(f, "k", "Bearer wrong", "1.2.3.4"));
        assertEquals(401, e.problem().status());
        assertEquals("memberId", e.problem().errors().get(0).field());
        var noMember = new ComplaintForm("Li", "a@example.com", "en", null, "delivery", "x", null, null);
        assertEquals("memberId", assertThrows(ProblemException.class, () -> h.intake.submit(noMember, "k", "Bearer token-m_0e3be4001", "1.2.3.4"))
                .problem().errors().get(0).field());
        assertTrue(h.queue.isEmpty());
    }

    @Test
    void concurrentIntakesGetUniqueNumbersWithoutGaps() throws Exception {
        int n = 40;
        for (int i = 0; i < n; i++) {
            h.intake.submit(form("c" + i + "@example.com", "Complaint " + i), "k-" + i, null, "1.2.3.4");
        }
        List<com.fanops.complaints.domain.Submission> subs = new ArrayList<>(h.queue);
        h.queue.clear();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Ticket>> done = new ArrayList<>();
        for (var s : subs) {
            done.add(pool.submit(() -> {
                go.await();
                return h.tickerIntake.take(s);
            }));
        }
        go.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<Ticket> f : done) {
            String number = f.get().ticketNumber();
            assertNotNull(number);
            numbers.add(Integer.parseInt(number.substring(number.lastIndexOf('-') + 1)));
        }
        pool.shutdown();
        Collections.sort(numbers);
        assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), numbers);
        assertEquals((long) n, h.tickets.lastNumber(LocalDate.of(2026, 11, 24)).orElseThrow());
        assertEquals(n, h.bus.of(ComplaintReceived.class).size());
    }

    @Test
    void theNumberRestartsEachBusinessDay() {
        h.clock.set(Instant.parse("2026-11-24T15:59:00Z"));
        h.intake.submit(form("d@example.com", "x"), "k-a", null, "1.2.3.4");
        assertEquals("C-20261124-0001", h.drain().ticketNumber());
        h.clock.set(Instant.parse("2026-11-24T16:01:00Z"));
        h.intake.submit(form("d@example.com", "y"), "k-b", null, "1.2.3.4");
        assertEquals("C-20261125-0001", h.drain().ticketNumber());
    }
}
