package com.fanops.complaints.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.SlaWarning;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.testing.ComplaintsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: a month (21 September - 20 October 2026, Asia/Shanghai) on DynamoDB Local with the clock moved and the
 * sweep fired at chosen times - every expected point and the minute before it, 03:00 and 12:30 (lunch) every day. The
 * calendar is Monday-Friday 09:00-12:00 and 13:30-18:00, National Day 1-7 October a holiday, Saturday 10 October an
 * adjusted working day. Ticket B pauses while waiting on the member and is answered after its warning; ticket A, filed
 * the afternoon before the holiday, is never answered and escalates through every level, across the holiday and the
 * adjusted Saturday, until a policy change moves its last point. Every warning and breach goes out at its exact minute,
 * nothing at night or at lunch, and the stored deadlines are what a replay of the history gives.
 */
class SlaMonthTest {

    ComplaintsHarness h;
    final TreeMap<Instant, List<Runnable>> plan = new TreeMap<>();
    final List<Instant> points = new ArrayList<>();

    @BeforeEach
    void start() {
        h = new ComplaintsHarness(at("2026-09-21T08:00"));
        List<String> day = List.of("09:00-12:00", "13:30-18:00");
        Map<String, List<String>> week = new LinkedHashMap<>();
        for (String d : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            week.put(d, day);
        }
        List<String> holidays = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            holidays.add(LocalDate.of(2026, 10, d).toString());
        }
        var cal = h.settings.calendar().currentVersion();
        h.settings.calendar().change(new BusinessCalendar("Asia/Shanghai", week, holidays, List.of("2026-10-10"), day), cal.version(), "admin");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ComplaintsHarness.ZONE).toInstant();
    }

    void on(Instant when, Runnable action) {
        plan.computeIfAbsent(when, k -> new ArrayList<>()).add(action);
    }

    void sweepAt(Instant when) {
        on(when, () -> h.sweep.sweep(when));
    }

    /** A point the sweep must hit at its exact minute (and be quiet the minute before). */
    void point(String local) {
        Instant p = at(local);
        points.add(p);
        sweepAt(p.minusSeconds(60));
        sweepAt(p);
    }

    Ticket file(String key) {
        h.intake.submit(new ComplaintForm("Li Lei", key + "@example.com", "en", null, "privacy", "My data was shared.", null, null), key, null,
                "1.2.3.4");
        return h.drain();
    }

    Ticket stored(AtomicReference<Ticket> t) {
        return h.tickets.find(t.get().ticketId()).orElseThrow();
    }

    @Test
    void aMonthOfSweepsFiresEveryLevelAtItsMinuteAcrossAHolidayAnAdjustedSaturdayAPauseAndAPolicyChange() {
        AtomicReference<Ticket> a = new AtomicReference<>();
        AtomicReference<Ticket> b = new AtomicReference<>();
        List<String> checks = new ArrayList<>();

        // B (high: privacy): Monday 10:00; answered 10:30; waiting on the member 11:00 until Tuesday 10:00.
        on(at("2026-09-21T10:00"), () -> b.set(file("b")));
        on(at("2026-09-21T10:30"), () -> h.work.reply(b.get().ticketId(), "agent", "Looking into it."));
        on(at("2026-09-21T11:00"), () -> {
            Ticket paused = h.work.move(b.get().ticketId(), "agent", "waiting_on_member");
            assertNull(paused.due().resolution(), "no deadline while paused");
            assertNull(paused.due().nextAction(), "and nothing in the due index");
            assertEquals("paused", paused.due().slaState());
        });
        on(at("2026-09-22T10:00"), () -> {
            Ticket resumed = h.work.complainantReply(stored(b), "Here is the order number.");
            // 1 h used before the pause; 23 h more from Tuesday 10:00: Tuesday 6.5, Wednesday 7.5, Thursday 7.5, Friday 1.5.
            assertEquals(at("2026-09-25T10:30"), resumed.due().resolution());
            assertEquals(at("2026-09-22T15:30"), resumed.due().nextResponse(), "4 working hours: 10:00-12:00, 13:30-15:30");
            checks.add("resumed");
        });
        point("2026-09-22T14:42"); // B next_response#1: 80% of 4 h
        on(at("2026-09-22T15:00"), () -> h.work.reply(b.get().ticketId(), "agent", "Fixed."));
        sweepAt(at("2026-09-22T15:30")); // would have been B's breach: met at 15:00
        on(at("2026-09-23T10:00"), () -> h.work.resolve(b.get().ticketId(), "agent",
                new TicketWork.Resolution("Removed the data.", true, null, null, null)));

        // A (high): Wednesday 30 September 16:00, the afternoon before National Day; never answered.
        on(at("2026-09-30T16:00"), () -> a.set(file("a")));
        point("2026-10-08T10:12"); // first response: 80% of 4 h = 2 h on the 30th, 1 h 12 min on the 8th
        point("2026-10-08T11:00"); // 4 h: breach, team lead
        point("2026-10-08T14:30"); // 6 h: manager
        point("2026-10-10T11:12"); // resolution 80% of 24 h on the adjusted Saturday (worked 09:00-12:00, 13:30-18:00)
        point("2026-10-10T17:30"); // resolution 24 h
        sweepAt(at("2026-10-11T12:00")); // an ordinary Sunday: nothing
        // The policy changes on Monday: high resolution 30 h, so the manager's 150% is 45 h (it was 36 h: Tuesday 14:30).
        on(at("2026-10-12T09:00"), () -> {
            var current = h.settings.sla().currentVersion();
            Map<String, SlaPolicy.Targets> targets = new LinkedHashMap<>(current.value().targets());
            targets.put("high", new SlaPolicy.Targets(4 * 60, 4 * 60, 30 * 60, false));
            h.settings.sla().change(new SlaPolicy(targets, 50, 80, 14, 150), current.version(), "admin");
        });
        sweepAt(at("2026-10-12T09:00"));
        on(at("2026-10-12T09:01"), () -> {
            assertEquals(at("2026-10-12T16:00"), stored(a).due().resolution(), "re-derived: 30 h from the log");
            assertEquals(at("2026-10-14T16:00"), stored(a).due().nextAction(), "the manager's point moved");
            checks.add("rederived");
        });
        sweepAt(at("2026-10-13T14:30")); // the old manager point: nothing any more
        point("2026-10-14T16:00");

        for (LocalDate d = LocalDate.of(2026, 9, 21); !d.isAfter(LocalDate.of(2026, 10, 20)); d = d.plusDays(1)) {
            for (LocalTime t : List.of(LocalTime.of(3, 0), LocalTime.of(12, 30))) {
                Instant when = d.atTime(t).atZone(ComplaintsHarness.ZONE).toInstant();
                sweepAt(when);
            }
        }
        plan.forEach((when, actions) -> {
            h.clock.set(when);
            actions.forEach(Runnable::run);
        });

        assertEquals(List.of("resumed", "rederived"), checks);
        String ta = a.get().ticketId();
        String tb = b.get().ticketId();
        assertEquals(List.of(
                        new SlaWarning(tb, b.get().ticketNumber(), null, "next_response", "next_response#1", "high", null, 1, at("2026-09-22T15:30"),
                                at("2026-09-22T14:42")),
                        new SlaWarning(ta, a.get().ticketNumber(), null, "first_response", "first_response", "high", null, 1, at("2026-10-08T11:00"),
                                at("2026-10-08T10:12")),
                        new SlaWarning(ta, a.get().ticketNumber(), null, "resolution", "resolution", "high", null, 1, at("2026-10-10T17:30"),
                                at("2026-10-10T11:12"))),
                h.bus.of(SlaWarning.class));
        assertEquals(List.of("first_response@2026-10-08T11:00/2", "first_response@2026-10-08T14:30/3", "resolution@2026-10-10T17:30/2",
                        "resolution@2026-10-14T16:00/3"),
                h.bus.of(SlaBreached.class).stream().map(e -> e.instance() + "@" + LocalDateTime.ofInstant(e.at(), ComplaintsHarness.ZONE)
                        + "/" + e.level()).toList());
        List<Instant> fired = new ArrayList<>();
        h.bus.of(SlaWarning.class).forEach(e -> fired.add(e.at()));
        h.bus.of(SlaBreached.class).forEach(e -> fired.add(e.at()));
        assertEquals(points.stream().sorted().toList(), fired.stream().sorted().toList(), "every point at its exact minute, nothing else");

        Ticket finalA = h.tickets.find(ta).orElseThrow();
        assertEquals("breached", finalA.due().slaState());
        assertEquals(3, finalA.due().escalationLevel());
        Ticket finalB = h.tickets.find(tb).orElseThrow();
        assertEquals("closed", finalB.status().key(), "closed 14 days after its resolution");
        assertEquals(1, h.sent.stream().filter(m -> m.kind().equals("survey")).count());
        // Recomputing from the history gives the deadlines the sweep and the transitions stored.
        SlaDeadlines deadlines = new SlaDeadlines(h.settings);
        assertEquals(finalA.due(), deadlines.derive(finalA, h.tickets.history(ta)).due());
        // A closed ticket keeps the settings versions it was closed under (it is not re-derived); its figures are the same.
        Ticket.Due closedB = finalB.due();
        Ticket.Due replayedB = deadlines.derive(finalB, h.tickets.history(tb)).due();
        assertEquals(List.of(closedB.slaState(), closedB.fired(), closedB.escalationLevel()),
                List.of(replayedB.slaState(), replayedB.fired(), replayedB.escalationLevel()));
        assertNull(replayedB.resolution());
        assertNull(replayedB.nextAction());
    }
}
