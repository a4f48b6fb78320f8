package com.fanops.metrics.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fanops.complaints.domain.Pulse;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.store.TicketStore;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily snapshot's community pulse, beside CSAT, from the pulses' own day counters (the port the job reads). */
class PulseFigureTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private LocalDynamo dynamo;
    private PulseStore pulses;

    @BeforeEach
    void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        pulses = new PulseStore(dynamo.client(), "ComplaintsTable");
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
    }

    /** A drawn pulse started at noon (business time) of {@code day}, open a week, and its answers {day, score}. */
    private void pulse(String id, String day, Object[][] answers) {
        Instant created = LocalDate.parse(day).atTime(12, 0).atZone(ZONE).toInstant();
        pulses.create(new Pulse(id, Pulse.Question.DEFAULT, answers.length, created, "manager@example.com", created.plus(Duration.ofDays(7)),
                false, 0, 0, 0, 0, new long[6]));
        List<String> hashes = java.util.stream.IntStream.range(0, answers.length).mapToObj(i -> id + "-invite-" + i).toList();
        pulses.invite(id, hashes, created);
        pulses.drawn(id, answers.length);
        for (int i = 0; i < answers.length; i++) {
            LocalDate on = LocalDate.parse((String) answers[i][0]);
            pulses.answer(id, hashes.get(i), (Integer) answers[i][1], null, on.atTime(15, 0).atZone(ZONE).toInstant(), on);
        }
    }

    @Test
    void theSnapshotCarriesTheLatestPulseWithAnswersInTheLast30DaysAsItStoodThatDay() {
        pulse("p_000000000000000000000001", "2026-01-05", new Object[][] {{"2026-01-06", 5}, {"2026-01-06", 3}});
        pulse("p_000000000000000000000002", "2026-02-20", new Object[][] {{"2026-02-21", 4}, {"2026-02-24", 2}, {"2026-02-24", 3}});
        pulse("p_000000000000000000000003", "2026-02-28", new Object[][] {});
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T16:20:00Z"));
        MetricsDailyHandler handler = new MetricsDailyHandler(dynamo.client(), WriterFunctions.TABLES,
                new EventOutbox(dynamo.client(), "EventOutboxTable", new RecordedEvents("com.fanops.metrics.domain"), clock), ZONE, 30, 30,
                MetricsJob.MessageFigures.NONE,
                new SatisfactionFromSurveys(new TicketStore(dynamo.client(), "ComplaintsTable"), pulses, ZONE), clock);
        handler.handleRequest(Map.of("scheduledTime", "2026-03-01T16:20:00Z"), null);
        SnapshotStore snapshots = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter());

        DailySnapshot.Pulse latest = snapshots.get(LocalDate.parse("2026-03-01")).orElseThrow().pulse();
        assertEquals(new DailySnapshot.Pulse(3.0, 3, "p_000000000000000000000002"), latest,
                "the newest pulse has no answers; the one of 20 February does: (4 + 2 + 3) / 3");
        assertEquals(new DailySnapshot.Pulse(4.0, 1, "p_000000000000000000000002"),
                snapshots.get(LocalDate.parse("2026-02-23")).orElseThrow().pulse(), "as it stood that day");
        assertNull(snapshots.get(LocalDate.parse("2026-03-01")).orElseThrow().csat(), "CSAT is its own figure (no ticket surveys here)");
    }

    @Test
    void aPulseAnsweredMoreThan30DaysAgoIsNoLongerReported() {
        pulse("p_000000000000000000000001", "2026-01-05", new Object[][] {{"2026-01-06", 5}});
        SatisfactionFromSurveys port = new SatisfactionFromSurveys(new TicketStore(dynamo.client(), "ComplaintsTable"), pulses, ZONE);
        assertEquals(new DailySnapshot.Pulse(5.0, 1, "p_000000000000000000000001"), port.pulse(LocalDate.parse("2026-02-04")));
        assertNull(port.pulse(LocalDate.parse("2026-02-05")), "6 January is 30 days before 5 February: outside the window");
        assertNull(port.pulse(LocalDate.parse("2026-01-05")), "before its first answer");
    }
}
