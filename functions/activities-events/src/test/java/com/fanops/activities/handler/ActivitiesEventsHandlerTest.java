package com.fanops.activities.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fanops.activities.app.Activities;
import com.fanops.activities.app.ActivityDraft;
import com.fanops.activities.app.Registrations;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Online check-in from the scorer's {@code ActivityInteraction}: the first counted interaction during the activity checks
 * the member in once; the same event delivered twice (and a second interaction) counts one check-in, and every attendance
 * sent carries the one event id the scorer counts once. Before the start, for an offline activity or without a seat:
 * nobody is checked in.
 */
class ActivitiesEventsHandlerTest {

    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    static final Instant STARTS = Instant.parse("2026-06-20T10:00:00Z");
    static final Instant ENDS = Instant.parse("2026-06-20T12:00:00Z");
    static final String MEMBER = "m_00112233445566778899aabbccddeeff";
    static final String OTHER = "m_ffeeddccbbaa99887766554433221100";

    private static LocalDynamo dynamo;
    private static MutableClock clock;
    private static Activities activities;
    private static Registrations registrations;
    private static RegistrationStore store;
    private static ActivitiesEventsHandler handler;
    private static final List<String> ATTENDED = new ArrayList<>();

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        clock = new MutableClock(NOW);
        ActivityStore activityStore = new ActivityStore(dynamo.client(), "ActivitiesTable");
        store = new RegistrationStore(dynamo.client(), "ActivitiesTable");
        Activities.BudgetLedger unlimited = new Activities.BudgetLedger() {
            public boolean reserve(String b, String a, long amount, Instant at) { return true; }
            public void release(String b, String a, Instant at) { }
            public long available(String b) { return Long.MAX_VALUE; }
        };
        activities = new Activities(activityStore, unlimited, itemIds -> java.util.Map.of(), new AuditLog(dynamo.client(), "AuditTable", clock), clock);
        registrations = new Registrations(activityStore, store, id -> Optional.of(new Registrations.Member(id, true, "gold", List.of())),
                (eventId, activityId, memberId, at) -> { }, new Registrations.Notices() {
                    public void registered(Activity a, String m, boolean waiting) { }
                    public void promoted(Activity a, String m) { }
                }, clock);
        handler = new ActivitiesEventsHandler(dynamo.client(), "ActivitiesTable",
                (eventId, activityId, memberId, at) -> ATTENDED.add(eventId), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static Activity published(String type, String place) {
        clock.set(NOW);
        Activity a = activities.create("manager", new ActivityDraft("Live Q&A", null, type, place, STARTS, ENDS, NOW, STARTS, 10, 0,
                new ActivityDraft.AudienceDraft("everyone", null), null, null, null, "Li Na", null, 0, null, null));
        a = activities.transition("manager", a.activityId(), a.version(), ActivityStatus.APPROVED);
        return activities.transition("manager", a.activityId(), a.version(), ActivityStatus.PUBLISHED);
    }

    private static Map<String, Object> interaction(String eventBusId, String activityId, String memberId, String eventId, Instant at) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("activityId", activityId);
        detail.put("memberId", memberId);
        detail.put("channel", "wechat");
        detail.put("eventId", eventId);
        detail.put("occurredAt", at.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventBusId);
        event.put("source", "fanops.interactions");
        event.put("detail-type", "ActivityInteraction");
        event.put("time", at.toString());
        event.put("detail", detail);
        return event;
    }

    @Test
    void theFirstInteractionDuringAnOnlineActivityChecksInOnceEvenDeliveredTwice() {
        Activity a = published("online", null);
        clock.set(NOW.plusSeconds(60));
        registrations.register(MEMBER, a.activityId());
        ATTENDED.clear();

        Map<String, Object> early = handler.handleRequest(interaction("e0", a.activityId(), MEMBER, "like-0", STARTS.minusSeconds(60)), null);
        assertEquals(false, early.get("checkedIn"), "before the start: not yet");

        Map<String, Object> event = interaction("e1", a.activityId(), MEMBER, "like-1", STARTS.plusSeconds(300));
        assertEquals(true, handler.handleRequest(event, null).get("first"));
        assertEquals(false, handler.handleRequest(event, null).get("first"), "the same event again: already checked in");
        handler.handleRequest(interaction("e2", a.activityId(), MEMBER, "like-2", STARTS.plusSeconds(900)), null);

        RegistrationStore.Registration r = store.get(a.activityId(), MEMBER).orElseThrow();
        assertEquals(STARTS.plusSeconds(300), r.checkedInAt(), "checked in at the first interaction");
        assertEquals("online", r.checkedInBy());
        assertEquals(1, new ActivityStore(dynamo.client(), "ActivitiesTable").get(a.activityId()).orElseThrow().checkedIn());
        assertEquals(List.of("attended:" + a.activityId() + ":" + MEMBER), ATTENDED.stream().distinct().toList(),
                "every attendance sent is the one event the scorer counts once");
    }

    @Test
    void noSeatOrAnOfflineActivityChecksNobodyIn() {
        Activity online = published("online", null);
        Map<String, Object> out = handler.handleRequest(interaction("e3", online.activityId(), OTHER, "like-3", STARTS.plusSeconds(60)), null);
        assertEquals(false, out.get("checkedIn"), "no registration, no check-in");
        assertFalse(store.get(online.activityId(), OTHER).isPresent());

        Activity offline = published("offline", "Hall " + System.nanoTime());
        clock.set(NOW.plusSeconds(60));
        registrations.register(MEMBER, offline.activityId());
        handler.handleRequest(interaction("e4", offline.activityId(), MEMBER, "like-4", STARTS.plusSeconds(60)), null);
        assertNull(store.get(offline.activityId(), MEMBER).orElseThrow().checkedInAt(), "offline activities check in at the door");
    }
}
