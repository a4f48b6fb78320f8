package com.fanops.metrics.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.MetricsReport;
import com.fanops.metrics.domain.ReportPeriod;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots stored before the definitions changed on 2026-12-06 keep their shape in the table: they are read back as
 * they are (old headline kept, no active members), served as they are, and reports still take them.
 */
class SnapshotJsonTest {

    /** The body a run wrote before 2026-12-06 (figures of a small day). */
    static final String BEFORE = """
            {"day":"2026-11-21","timeZone":"Asia/Shanghai","computedAt":"2026-11-21T16:20:03Z","runs":null,
             "activity":{"dau":3,"wau":4,"mau":5,"dauMau":0.6},
             "members":{"members":7,"newMembers":2,"exits":0,"netGrowth":2,"follows":1,"unfollows":0,"monthlyActiveRate":0.7143},
             "retention":{"classic":{"d1":{"cohortDay":"2026-11-20","size":2,"retained":1,"rate":0.5},
                                     "d7":{"cohortDay":"2026-11-14","size":2,"retained":1,"rate":0.5},
                                     "d30":{"cohortDay":"2026-10-22","size":0,"retained":0,"rate":null}},
                          "onOrAfter":{"cohortDay":"2026-10-22","size":0,"d1":{"retained":0,"rate":null},"d7":{"retained":0,"rate":null},
                                       "d30":{"retained":0,"rate":null}},
                          "annual":{"cohortMonth":"2025-11","size":0,"retained":0,"rate":null}},
             "cohorts":[{"cohortDay":"2026-11-20","size":2,"activeToday":1,"onOrAfter":{"1":1}}],
             "conversion":{"purchasers":1,"active":5,"rate":0.2},"points":{"issued":40,"expired":0},
             "care":{"newlyDormant":0,"dormant":0,"careSent":0,"winBack":{"careDay":"2026-10-22","sent":0,"wonBack":0,"rate":null}},
             "csat":null,"distribution":null,
             "kpis":[{"kpi":"monthlyActiveRate","target":0.6,"actual":0.7143,"gap":0.1143,"met":true}],
             "targetsVersion":0,"messages":null}""";

    @Test
    void aSnapshotComputedBeforeTheChangeIsReadAndServedAsItWas() throws Exception {
        DailySnapshot old = Json.mapper().readValue(BEFORE, DailySnapshot.class);
        assertNull(old.retention().headline(), "no pooled headline in an old snapshot");
        assertEquals(new DailySnapshot.CohortRate(LocalDate.parse("2026-11-20"), 2, 1, 0.5), old.retention().classic().d1());
        assertNull(old.members().activeMembers());
        assertEquals(0.7143, old.members().monthlyActiveRate(), "the rate it was computed with (MAU / members)");

        JsonNode served = Json.mapper().valueToTree(old);
        assertEquals(0.5, served.at("/retention/classic/d1/rate").asDouble(), "the old headline is served as stored");
        assertTrue(served.at("/retention/headline").isNull());
        assertTrue(served.at("/members").has("activeMembers") && served.at("/members/activeMembers").isNull());
    }

    @Test
    void aNewSnapshotHasThePooledHeadlineAndNoSingleCohortOne() throws Exception {
        DailySnapshot old = Json.mapper().readValue(BEFORE, DailySnapshot.class);
        DailySnapshot.PooledRate none = new DailySnapshot.PooledRate(LocalDate.parse("2026-11-14"), LocalDate.parse("2026-11-20"), 7, 0, 0, null);
        DailySnapshot.HeadlineRates rates = new DailySnapshot.HeadlineRates(none, none, none);
        DailySnapshot fresh = new DailySnapshot(old.day(), old.timeZone(), old.computedAt(), null, old.activity(),
                new DailySnapshot.Members(7, 2, 0, 2, 1, 0, 4L, 0.5714),
                new DailySnapshot.Retention(new DailySnapshot.Headline(rates, rates), old.retention().annual()), old.cohorts(),
                old.conversion(), old.points(), old.care(), null, null, old.kpis(), 0, null, null);
        JsonNode json = Json.mapper().valueToTree(fresh);
        assertFalse(json.get("retention").has("classic") || json.get("retention").has("onOrAfter"), json.toString());
        assertEquals(7, json.at("/retention/headline/onOrAfter/d30/cohorts").asInt());
        assertTrue(json.at("/retention/headline/classic/d1/rate").isNull(), "nulls written out");
        assertEquals(4, json.at("/members/activeMembers").asLong());
        assertEquals(fresh, Json.mapper().treeToValue(json, DailySnapshot.class), "read back as written");
    }

    @Test
    void reportsTakeOldAndNewSnapshotsAlike() throws Exception {
        DailySnapshot old = Json.mapper().readValue(BEFORE, DailySnapshot.class);
        MetricsReport r = MetricsReport.of(ReportPeriod.containing(ReportPeriod.Kind.MONTH, old.day()), List.of(old), List.of(),
                LocalDate.parse("2026-11-30"), "Asia/Shanghai");
        assertEquals(0.5, r.figures().get("classicD1").value(), "from the day's cohort row: the cohort D-1, active on D");
        assertNull(r.figures().get("activeMembers").value(), "not known for a day computed before 2026-12-06");
        assertEquals(0.7143, r.figures().get("monthlyActiveRate").value());
    }
}
