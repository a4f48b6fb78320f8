package com.fanops.metrics.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.members.domain.MemberKind;
import com.fanops.metrics.store.ActivityFacts;
import com.fanops.metrics.domain.ActivityFlags;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.metrics.domain.MemberFact;
import com.fanops.metrics.store.MemberFacts;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily job reads the facts exactly as the real writers leave them: joins from {@link MemberFacts} (the
 * metrics-events function, {@code kind} = member/staff/test) and activity from {@link ActivityFacts} (the scorer's
 * hook). Regression: the job once took only {@code kind} "community" (or none) for a community member, so every cohort
 * of real data was empty - no headline or cohort retention, no annual retention, no dormancy for never-active members.
 */
class RealWritersTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate C = LocalDate.parse("2026-01-10");
    private LocalDynamo dynamo;
    private RecordedEvents bus;
    private MetricsDailyHandler handler;

    @BeforeEach
    void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        bus = new RecordedEvents("com.fanops.metrics.domain");
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        clock.set(Instant.parse("2026-03-01T16:20:00Z"));
        handler = new MetricsDailyHandler(dynamo.client(), WriterFunctions.TABLES,
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, 30, 30, clock);
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void cohortsAndDormancyCountTheMembersTheMetricsEventsFunctionWrote() {
        MemberFacts members = new MemberFacts(dynamo.client(), "MetricsTable", Clock.fixed(Instant.parse("2026-01-10T02:00:00Z"),
                ZoneOffset.UTC), new CapacityMeter());
        ActivityFacts activity = new ActivityFacts(dynamo.client(), "MetricsTable", new CapacityMeter());
        for (String m : List.of("m_r1", "m_r2", "m_r3")) {
            members.apply("evt-" + m, "MemberJoined", new MemberFact.Joined(m, C, MemberKind.MEMBER, true));
        }
        members.apply("evt-s_r1", "MemberJoined", new MemberFact.Joined("s_r1", C, MemberKind.STAFF, true));
        ActivityFlags active = new ActivityFlags(true, false, false, false);
        activity.record("m_r1", C.plusDays(1), active);
        activity.record("s_r1", C.plusDays(1), active);

        handler.handleRequest(Map.of("from", C.toString(), "to", C.plusDays(1).toString()), null);
        handler.handleRequest(Map.of("from", C.plusDays(30).toString(), "to", C.plusDays(31).toString()), null);

        SnapshotStore snapshots = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter());
        DailySnapshot next = snapshots.get(C.plusDays(1)).orElseThrow();
        assertEquals(3, next.members().members(), "staff excluded");
        assertEquals(1, next.activity().dau());
        assertEquals(new DailySnapshot.PooledRate(C.minusDays(6), C, 7, 3, 1, 0.3333), next.retention().headline().classic().d1(),
                "the seven cohorts up to the day before: only C has members");
        DailySnapshot.CohortRow row = next.cohorts().get(0);
        assertEquals(List.of(C, 3L, 1L, Map.of("1", 1L)), List.of(row.cohortDay(), row.size(), row.activeToday(), row.onOrAfter()));

        assertEquals(List.of(new MemberDormant("m_r2", C.plusDays(30), C, false), new MemberDormant("m_r3", C.plusDays(30), C, false),
                new MemberDormant("m_r1", C.plusDays(31), C.plusDays(1), false)), bus.of(MemberDormant.class),
                "never active: dormant 30 days after joining; active once: 30 days after that day");
        DailySnapshot month = snapshots.get(C.plusDays(30)).orElseThrow();
        assertEquals(new DailySnapshot.PooledRate(C.minusDays(29), C, 30, 3, 0, 0.0), month.retention().headline().classic().d30(),
                "classic D30: the thirty cohorts up to D-30");
        assertEquals(List.of(3L, 1L, 0L), List.of(month.cohorts().get(29).size(), month.cohorts().get(29).onOrAfter().get("1"),
                month.cohorts().get(29).onOrAfter().get("2")), "the cohort table's on or after, up to D");
        assertEquals(3, month.care().dormant() + month.activity().mau(), "every member either dormant or active in the month");
    }
}
