package com.fanops.metrics.handler;

import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.ConsentBasis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.metrics.domain.DailyMetricsReady;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The function fed with the events it receives in AWS (fixtures under src/test/resources/events). */
class MetricsDailyHandlerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private LocalDynamo dynamo;
    private RecordedEvents bus;
    private MutableClock clock;
    private MetricsDailyHandler handler;

    @BeforeEach
    void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        bus = new RecordedEvents("com.fanops.metrics.domain");
        clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        clock.set(Instant.parse("2026-03-01T16:20:00Z"));
        handler = new MetricsDailyHandler(dynamo.client(), WriterFunctions.TABLES,
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, 30, 30, clock);
    }

    @AfterEach
    void stop() throws Exception {
        dynamo.close();
    }

    private static Map<String, Object> fixture(String name) throws Exception {
        try (InputStream in = MetricsDailyHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return Json.mapper().readValue(in, new TypeReference<Map<String, Object>>() { });
        }
    }

    /**
     * A member with marketing consent or not, admitted and last active on {@code day} - the profile, and the facts the
     * real writers leave (the join through the metrics-events function, a comment through the scorer).
     */
    private void member(String id, LocalDate day, boolean marketing) {
        var ddb = dynamo.client();
        MemberProfiles profiles = new MemberProfiles(ddb, "MembersTable");
        Instant at = day.atTime(10, 0).atZone(ZONE).toInstant();
        RawLog.Join join = new RawLog.Join(id, at, "member", marketing, "en");
        FactWriter facts = new WriterFunctions(ddb, ZONE, new MutableClock(Instant.parse("2020-01-01T00:00:00Z")));
        facts.deliver(new RawLog.Delivery(at, 0, join));
        profiles.apply(join);
        facts.deliver(new RawLog.Delivery(at.plusSeconds(60), 1, new RawLog.Act(new com.fanops.engagement.domain.Interaction("app", "c-" + id, id,
                com.fanops.engagement.domain.InteractionType.COMMENT, at.plusSeconds(60), null, null, null, null))));
        facts.flush();
    }

    private long careMessages() {
        return dynamo.client().scan(b -> b.tableName("MetricsTable")).items().stream().filter(i -> i.get("pk").s().startsWith("CARE#")).count();
    }

    @Test
    void theScheduleComputesYesterdayAndTheSevenDaysBefore() throws Exception {
        Map<String, Object> answer = handler.handleRequest(fixture("scheduler-input.json"), null);
        assertEquals("2026-02-22", answer.get("from"), "00:20 on 2 March in Shanghai: yesterday is 1 March");
        assertEquals("2026-03-01", answer.get("to"));
        List<LocalDate> days = bus.of(DailyMetricsReady.class).get(0).recomputed();
        assertEquals(8, days.size());
        assertEquals(8, new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter())
                .range(LocalDate.parse("2026-02-22"), LocalDate.parse("2026-03-01")).size());
    }

    @Test
    void theSchedulersInputAndAScheduledEventRunTheSameDaysAsOfTheirOwnTime() throws Exception {
        clock.set(Instant.parse("2026-06-30T12:00:00Z")); // the wall clock must not decide the day
        Map<String, Object> scheduler = handler.handleRequest(fixture("scheduler-input.json"), null);
        Map<String, Object> event = handler.handleRequest(fixture("scheduled-event.json"), null);
        assertEquals("2026-02-22", scheduler.get("from"), "scheduled for 00:20 on 2 March in Shanghai");
        assertEquals("2026-03-01", scheduler.get("to"));
        assertEquals(List.of(scheduler.get("from"), scheduler.get("to")), List.of(event.get("from"), event.get("to")));
    }

    @Test
    void dormancyQueuesCareOnlyWithMarketingConsentAndOnlyForRecentDays() throws Exception {
        member("m_old1", LocalDate.parse("2025-12-01"), true);     // dormant on 2025-12-31: long before the run
        member("m_new1", LocalDate.parse("2026-01-30"), true);     // dormant on 2026-03-01, consent given
        member("m_new2", LocalDate.parse("2026-01-30"), false);    // dormant on 2026-03-01, no consent

        handler.handleRequest(fixture("backfill-invoke.json"), null);
        handler.handleRequest(fixture("scheduler-input.json"), null);
        handler.handleRequest(fixture("scheduler-input.json"), null); // fired twice

        assertEquals(List.of(new MemberDormant("m_old1", LocalDate.parse("2025-12-31"), LocalDate.parse("2025-12-01"), false),
                new MemberDormant("m_new1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-01-30"), true),
                new MemberDormant("m_new2", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-01-30"), false)),
                bus.of(MemberDormant.class), "once per episode; care only for a recent episode with consent");
        assertEquals(1, careMessages());
        var asked = dynamo.client().getItem(b -> b.tableName("MetricsTable").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CARE#2026-03-01"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("m_new1")))).item();
        assertTrue(asked != null && !asked.isEmpty(), "care asked for m_new1 (the event above carries it to messaging)");
        var snapshot = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter()).get(LocalDate.parse("2026-03-01")).orElseThrow();
        assertEquals(2, snapshot.care().newlyDormant());
        assertEquals(1, snapshot.care().careSent());
        assertEquals(3, snapshot.care().dormant());
        assertEquals(2, snapshot.runs());
    }

    @Test
    void aBackfillRequestOnTheBusRecomputesItsRangeAndRefusesWhatCannotBeDone() throws Exception {
        Map<String, Object> answer = handler.handleRequest(fixture("backfill-requested.json"), null);
        assertEquals("2026-02-20", answer.get("from"));
        assertEquals(9, answer.get("days"));
        Map<String, Object> future = fixture("backfill-requested.json");
        future.put("detail", Map.of("from", "2026-02-20", "to", "2026-03-01"));
        assertTrue(String.valueOf(handler.handleRequest(future, null).get("refused")).contains("on or before 2026-02-28"),
                "the event's time is 16:00 on 1 March in Shanghai: 1 March is not over");
        Map<String, Object> garbled = fixture("backfill-requested.json");
        garbled.put("detail", Map.of("from", "soon"));
        assertTrue(handler.handleRequest(garbled, null).containsKey("refused"), "dropped, not retried into the DLQ");
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("from", "2024-01-01", "to", "2026-02-01"), null),
                "an operator's direct invoke sees the error: more than 400 days");
        assertEquals(Map.of("ignored", "Something Else"), handler.handleRequest(Map.of("detail-type", "Something Else", "id", "x"), null));
    }

    @Test
    void theDaysSnapshotCarriesTheMessagesSentByKindAndTheDeliveryAndUnsubscribeRates() throws Exception {
        DeliveryLog log = new DeliveryLog(dynamo.client(), "MessagesTable", ZONE, new CapacityMeter());
        Instant day = Instant.parse("2026-03-01T04:00:00Z");
        List<String> delivered = List.of("m_01", "m_02");
        for (String m : List.of("m_01", "m_02", "m_03")) {
            Message queued = log.open(new MessageRequest(m, "care", "dormant:2026-03-01", Map.of(), day), day);
            Message claimed = log.claim(queued, "email", 0, "en", new ConsentBasis("marketing", true, 1, day), "idx", null, List.of(), day);
            log.sent(claimed, "ses-" + m, "s", "b", day);
            if (delivered.contains(m)) {
                log.reported(log.find(queued.messageId()).orElseThrow(), DeliveryStatus.DELIVERED, null, day);
            }
        }
        log.open(new MessageRequest("m_04", "welcome", "joined", Map.of(), day), day);
        log.unsubscribed(day);
        MetricsDailyHandler withMessages = new MetricsDailyHandler(dynamo.client(), WriterFunctions.TABLES,
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, 30, 30, new MessageFiguresFromLog(log), clock);
        withMessages.handleRequest(fixture("scheduler-input.json"), null);
        var snapshot = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter()).get(LocalDate.parse("2026-03-01")).orElseThrow();
        assertEquals(3L, snapshot.messages().sentByKind().get("care"));
        assertEquals(0L, snapshot.messages().sentByKind().get("welcome"), "requested is not sent");
        assertEquals(3L, snapshot.messages().sent());
        assertEquals(2.0 / 3, snapshot.messages().deliveryRate(), 1e-9);
        assertEquals(1L, snapshot.messages().unsubscribed());
        assertEquals(1.0 / 3, snapshot.messages().unsubscribeRate(), 1e-9);
    }

    @Test
    void theSnapshotsCsatIsTheAverageSurveyScoreOfTheLast30DaysAndFeedsTheSatisfactionKpi() throws Exception {
        com.fanops.complaints.store.TicketStore tickets = new com.fanops.complaints.store.TicketStore(dynamo.client(), "ComplaintsTable");
        Instant at = Instant.parse("2026-03-01T04:00:00Z");
        int n = 0;
        for (Object[] answer : new Object[][] {{"2026-03-01", 5}, {"2026-03-01", 4}, {"2026-02-05", 3}, {"2026-01-15", 1}}) {
            var survey = new com.fanops.complaints.store.TicketStore.Survey(String.format("t_%024d", n++), (Integer) answer[1], null, at,
                    LocalDate.parse((String) answer[0]));
            dynamo.client().transactWriteItems(b -> b.transactItems(tickets.surveyWrites(survey)));
        }
        MetricsDailyHandler withCsat = new MetricsDailyHandler(dynamo.client(), WriterFunctions.TABLES,
                new EventOutbox(dynamo.client(), "EventOutboxTable", bus, clock), ZONE, 30, 30, com.fanops.metrics.app.MetricsJob.MessageFigures.NONE,
                new SatisfactionFromSurveys(tickets), clock);
        withCsat.handleRequest(fixture("scheduler-input.json"), null);
        var snapshot = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter()).get(LocalDate.parse("2026-03-01")).orElseThrow();
        assertEquals(4.0, snapshot.csat(), 1e-9, "(5 + 4 + 3) / 3: the answer of 15 January is outside the 30 days");
        var kpi = snapshot.kpis().stream().filter(k -> k.kpi().equals("satisfaction")).findFirst().orElseThrow();
        assertEquals(4.0, kpi.actual(), 1e-9);
        assertEquals(Boolean.FALSE, kpi.met(), "below the plan's 4.5");
        var before = new SnapshotStore(dynamo.client(), "MetricsTable", new CapacityMeter()).get(LocalDate.parse("2026-02-22")).orElseThrow();
        assertEquals(3.0, before.csat(), 1e-9);
    }
}
