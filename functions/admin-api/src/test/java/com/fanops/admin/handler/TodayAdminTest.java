package com.fanops.admin.handler;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.store.StandingStore;
import com.fanops.metrics.domain.ActivityFlags;
import com.fanops.metrics.store.ActivityFacts;
import com.fanops.metrics.store.DormancyStore;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Today page's counts against DynamoDB Local, over items written by the real writers: the scorer's activity facts,
 * the daily job's dormancy episodes, standings with an announced downgrade and points lots from the ledger.
 */
class TodayAdminTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 14:00 on 6 December in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static AdminApiHandler handler;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(NOW);
        handler = new AdminApiHandler(dynamo.client(), "ConfigTable", "AuditTable", "InteractionsTable", "MembersTable", "MetricsTable",
                detail -> { }, ZONE, clock);
        var ddb = dynamo.client();
        CapacityMeter meter = new CapacityMeter();
        ActivityFacts facts = new ActivityFacts(ddb, "MetricsTable", meter);
        for (int i = 0; i < 7; i++) {
            facts.record("m_a" + i, TODAY, new ActivityFlags(true, i == 0, false, false));
        }
        facts.record("m_u", TODAY, new ActivityFlags(false, false, false, true)); // an unfollow alone is not activity
        facts.record("m_y", TODAY.minusDays(1), new ActivityFlags(true, false, false, false));

        EventOutbox outbox = new EventOutbox(ddb, "EventOutboxTable", (source, type, detail, time) -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
        DormancyStore dormancy = new DormancyStore(ddb, "MetricsTable", outbox, meter);
        LocalDate yesterday = TODAY.minusDays(1);
        // No snapshot of yesterday yet (the daily run has not written it): the day before is the newest computed day.
        LocalDate computed = TODAY.minusDays(2);
        dormancy.record("m_d1", computed, computed.minusDays(30), true, "en", NOW);
        dormancy.record("m_d2", computed, computed.minusDays(30), false, "en", NOW);
        dormancy.record("m_d3", computed, computed.minusDays(30), false, "en", NOW);
        dormancy.record("m_d4", computed, computed.minusDays(30), false, "en", NOW);
        dormancy.record("m_d9", yesterday.minusDays(7), computed.minusDays(37), false, "en", NOW);
        profile("m_d1", true, "active");
        profile("m_d2", true, "active");   // consent given after the run: not cared for
        profile("m_d3", false, "active");  // no consent: nothing to do
        profile("m_d4", true, "left");     // left since: nothing to do

        StandingStore standings = new StandingStore(ddb, "InteractionsTable", meter);
        warn(standings, outbox, "m_s1", TODAY.plusDays(3));
        warn(standings, outbox, "m_s2", TODAY.plusDays(10));
        warn(standings, outbox, "m_s3", TODAY.minusDays(5)); // long past: a leftover, not pending work
        standings.write(Standing.initial("m_s4"), new Standing("m_s4", Category.ACTIVE, TODAY, Tier.GOLD, TODAY, TODAY.plusMonths(12),
                null, null, 0, 1), null, List.of(), outbox, NOW);

        InteractionStore days = new InteractionStore(ddb, "InteractionsTable", ZONE, meter);
        // Lots earned a year ago expire 12 months after their day: in 3 and 7 days within the week, in 9 days and today not.
        for (int[] lot : new int[][] {{3, 1}, {7, 2}, {9, 3}, {0, 4}}) {
            Clock then = Clock.fixed(NOW.minus(Duration.ofDays(365)).plus(Duration.ofDays(lot[0])), ZoneOffset.UTC);
            new PointsLedger(ddb, "InteractionsTable", days, null, ZONE, then)
                    .adjust("m_p" + lot[1], 50, "adj-" + lot[1], "welcome back", "admin@fanops.local", 0, 12);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static void profile(String memberId, boolean marketing, String status) {
        Map<String, AttributeValue> item = new HashMap<>(key("MEMBER#" + memberId, "PROFILE"));
        item.put("status", s(status));
        item.put("consents", AttributeValue.fromM(Map.of("marketing", AttributeValue.fromM(Map.of("granted", AttributeValue.fromBool(marketing),
                "version", AttributeValue.fromN("1"))))));
        dynamo.client().putItem(b -> b.tableName("MembersTable").item(item));
    }

    private static void warn(StandingStore standings, EventOutbox outbox, String memberId, LocalDate downgradeOn) {
        standings.write(Standing.initial(memberId), new Standing(memberId, Category.REGULAR, TODAY.minusYears(1), Tier.SILVER,
                TODAY.minusYears(1), downgradeOn, downgradeOn.minusDays(14), downgradeOn, 0, 1), null, List.of(), outbox, NOW);
    }

    private static APIGatewayV2HTTPResponse call(String route, String role) {
        return handler.handleRequest(ApiEvents.request("GET", route).operator(role + "@fanops.local", List.of(role)).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    private static long audited(String actor) {
        return dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .filter(i -> "today.read".equals(i.get("action").s()) && actor.equals(i.get("actor").s())).count();
    }

    @Test
    void activeMembersSoFarTodayAreCountedForMetricsRolesAndKeptAMinute() throws Exception {
        var answer = call("/v1/admin/metrics/today", "analyst");
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        assertEquals(TODAY.toString(), json(answer).path("day").asText());
        assertEquals(7, json(answer).path("activeMembers").asLong(), "active facts of today only, not an unfollow alone");
        assertEquals(60, json(answer).path("refreshSeconds").asInt());
        assertEquals(403, call("/v1/admin/metrics/today", "agent").getStatusCode(), "agents have no metrics area");

        new ActivityFacts(dynamo.client(), "MetricsTable", new CapacityMeter())
                .record("m_late", TODAY, new ActivityFlags(true, false, false, false));
        assertEquals(7, json(call("/v1/admin/metrics/today", "manager")).path("activeMembers").asLong(), "within the minute: kept");
        clock.advance(Duration.ofSeconds(61));
        try {
            assertEquals(8, json(call("/v1/admin/metrics/today", "manager")).path("activeMembers").asLong(), "a minute later: counted again");
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void engagementWorkListsForManagersAudited() throws Exception {
        clock.advance(Duration.ofMinutes(5)); // past what another test kept
        try {
            var answer = call("/v1/admin/today/engagement", "manager");
            assertEquals(200, answer.getStatusCode(), answer.getBody());
            JsonNode body = json(answer);
            JsonNode downgrades = body.path("downgrades");
            assertEquals(2, downgrades.path("count").asLong(), body.toString());
            assertEquals(List.of("m_s1", "m_s2"), StreamSupport.stream(downgrades.path("first").spliterator(), false)
                    .map(d -> d.path("memberId").asText()).toList(), "soonest first");
            assertEquals(TODAY.plusDays(3).toString(), downgrades.path("first").get(0).path("downgradeOn").asText());

            JsonNode expiring = body.path("expiringPoints");
            assertEquals(2, expiring.path("lots").asLong(), "the lots due in the next 7 days: not today's, not in 9 days");
            assertEquals(TODAY.plusDays(1).toString(), expiring.path("from").asText());
            assertEquals(TODAY.plusDays(7).toString(), expiring.path("to").asText());

            JsonNode dormant = body.path("dormant");
            assertEquals(TODAY.minusDays(2).toString(), dormant.path("day").asText(), "the newest computed day");
            assertEquals(4, dormant.path("episodes").asLong());
            assertEquals(1, dormant.path("cared").asLong());
            assertEquals(3, dormant.path("notCared").asLong());
            assertEquals(1, dormant.path("withConsent").asLong(), "consent now, not cared, still a member");
            assertEquals("m_d2", dormant.path("first").get(0).asText());

            assertEquals(1, audited("manager@fanops.local"), "a read of member work is audited");
            assertEquals(403, call("/v1/admin/today/engagement", "analyst").getStatusCode());
            assertEquals(403, call("/v1/admin/today/engagement", "agent").getStatusCode());
            assertEquals(0, audited("analyst@fanops.local"));
        } finally {
            clock.set(NOW);
        }
    }
}
