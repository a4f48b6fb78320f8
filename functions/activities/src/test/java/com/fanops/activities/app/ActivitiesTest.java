package com.fanops.activities.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.store.ActivityStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Definitions: every bad field named with nothing written, places not double-booked, versions, the budget reserved once. */
class ActivitiesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    private static LocalDynamo dynamo;
    private static ActivityStore store;
    private static Activities activities;
    private static final Map<String, Long> LEFT = new HashMap<>();
    private static final Map<String, Long> RESERVED = new HashMap<>();

    /** The rewards budgets as the port sees them (the adapter over rewards' BudgetStore is tested with the function). */
    private static final Activities.BudgetLedger LEDGER = new Activities.BudgetLedger() {
        @Override
        public synchronized boolean reserve(String budgetId, String activityId, long amount, Instant at) {
            if (RESERVED.containsKey(activityId)) {
                return true;
            }
            Long left = LEFT.get(budgetId);
            if (left == null || left < amount) {
                return false;
            }
            LEFT.put(budgetId, left - amount);
            RESERVED.put(activityId, amount);
            return true;
        }

        @Override
        public synchronized void release(String budgetId, String activityId, Instant at) {
            Long amount = RESERVED.remove(activityId);
            if (amount != null) {
                LEFT.merge(budgetId, amount, Long::sum);
            }
        }

        @Override
        public synchronized long available(String budgetId) {
            return LEFT.getOrDefault(budgetId, -1L);
        }
    };

    /** The rewards catalogue as the admin API sees it: a mug, a poster withdrawn from it, nothing else. */
    private static final Activities.PrizeCatalogue CATALOGUE = itemIds -> {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        itemIds.forEach(id -> {
            if (id.equals("poster")) {
                out.put(id, "the catalogue item poster is withdrawn");
            } else if (!id.equals("mug")) {
                out.put(id, "no item " + id + " in the rewards catalogue");
            }
        });
        return out;
    };

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        store = new ActivityStore(dynamo.client(), "ActivitiesTable");
        activities = new Activities(store, LEDGER, CATALOGUE, new AuditLog(dynamo.client(), "AuditTable", new MutableClock(NOW)), new MutableClock(NOW));
        LEFT.put("spring", 50_000L);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static ActivityDraft draft(String place, String starts, String ends) {
        return new ActivityDraft("Spring meetup", "Tea and a talk", "offline", place, Instant.parse(starts), Instant.parse(ends),
                NOW, Instant.parse(starts), 50, 20, new ActivityDraft.AudienceDraft("everyone", null), "spring", 30_000L,
                new Activity.Goals(40L, 0.7, null, 4.2, 2.0), "Li Na", List.of(new Activity.Prize("mug", 3)), 1_000, null,
                List.of(new Activity.Task("Book the hall", "Wang Wei", java.time.LocalDate.parse("2026-06-05"), false)));
    }

    private static long count() {
        return dynamo.client().scan(s -> s.tableName("ActivitiesTable")).count();
    }

    private static void refused(String field, UnaryOperator<ActivityDraft> change) {
        long before = count();
        ProblemException e = assertThrows(ProblemException.class,
                () -> activities.create("manager", change.apply(draft("Hall Z", "2027-01-10T10:00:00Z", "2027-01-10T12:00:00Z"))));
        assertEquals(400, e.problem().status(), field);
        List<FieldError> errors = e.problem().errors();
        assertNotNull(errors, field);
        assertTrue(errors.stream().anyMatch(f -> f.field().equals(field)), field + " not named in " + errors);
        assertEquals(before, count(), "nothing written for a bad " + field);
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsWritten() {
        refused("theme", d -> new ActivityDraft("\u200b", d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("type", d -> new ActivityDraft(d.theme(), d.description(), "hybrid", d.place(), d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("place", d -> new ActivityDraft(d.theme(), d.description(), d.type(), null, d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("endsAt", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.startsAt(), d.registrationOpensAt(),
                d.startsAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("registrationClosesAt", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.endsAt().plusSeconds(1), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("capacity", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), 0, d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("audience.value", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), new ActivityDraft.AudienceDraft("tier", "gold tier!"),
                d.budgetId(), d.budgetAmount(), d.goals(), d.owner(), d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("holdoutBp", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(), d.registrationOpensAt(),
                d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(), d.goals(), d.owner(),
                d.prizes(), 9_000, d.evaluateAfterDays(), d.tasks()));
        refused("goals.attendanceRate", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                new Activity.Goals(null, 1.5, null, null, null), d.owner(), d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("prizes[0].topN", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), List.of(new Activity.Prize("mug", 0)), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        // Beyond 1,000 the ranking would not fit one event (EventBridge: 256 KB).
        refused("prizes[0].topN", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), List.of(new Activity.Prize("mug", Activities.MAX_TOP_N + 1)), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        // A prize names an item of the rewards catalogue, not withdrawn: checked on saving, each refused row named.
        refused("prizes[1].itemId", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), List.of(new Activity.Prize("mug", 3), new Activity.Prize("no-such-item", 10)), d.holdoutBp(),
                d.evaluateAfterDays(), d.tasks()));
        refused("prizes[0].itemId", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), List.of(new Activity.Prize("poster", 3)), d.holdoutBp(), d.evaluateAfterDays(), d.tasks()));
        refused("tasks[0].due", d -> new ActivityDraft(d.theme(), d.description(), d.type(), d.place(), d.startsAt(), d.endsAt(),
                d.registrationOpensAt(), d.registrationClosesAt(), d.capacity(), d.waitingLimit(), d.audience(), d.budgetId(), d.budgetAmount(),
                d.goals(), d.owner(), d.prizes(), d.holdoutBp(), d.evaluateAfterDays(), List.of(new Activity.Task("Posters", "Li", null, false))));
    }

    @Test
    void aPlaceIsNotBookedTwiceAtOnce() {
        Activity first = activities.create("manager", draft("Hall B", "2026-07-01T10:00:00Z", "2026-07-01T13:00:00Z"));
        long before = count();
        ProblemException e = assertThrows(ProblemException.class,
                () -> activities.create("manager", draft("hall b", "2026-07-01T12:00:00Z", "2026-07-01T15:00:00Z")));
        assertEquals(409, e.problem().status());
        assertTrue(e.problem().detail().contains(first.activityId()));
        assertEquals(before, count());
        // back to back is no overlap; another place at the same time is none either
        assertNotNull(activities.create("manager", draft("Hall B", "2026-07-01T13:00:00Z", "2026-07-01T15:00:00Z")));
        assertNotNull(activities.create("manager", draft("Hall C", "2026-07-01T12:00:00Z", "2026-07-01T15:00:00Z")));
    }

    @Test
    void aStaleSaveIsRefusedAndApprovalReservesTheBudgetOnce() {
        Activity a = activities.create("manager", draft("Hall D", "2026-08-01T10:00:00Z", "2026-08-01T13:00:00Z"));
        Activity saved = activities.save("manager", a.activityId(), a.version(), draft("Hall D", "2026-08-01T10:00:00Z", "2026-08-01T14:00:00Z"));
        assertEquals(2, saved.version());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> activities.save("manager", a.activityId(), 1, draft("Hall D", "2026-08-01T10:00:00Z", "2026-08-01T12:00:00Z"))).problem().status());

        Activity approved = activities.transition("manager", a.activityId(), saved.version(), ActivityStatus.APPROVED);
        assertEquals(ActivityStatus.APPROVED, approved.status());
        assertEquals(20_000L, LEDGER.available("spring"));
        // a second activity asking 30,000 of the 20,000 left is refused, and stays a draft
        Activity b = activities.create("manager", draft("Hall E", "2026-08-02T10:00:00Z", "2026-08-02T13:00:00Z"));
        ProblemException over = assertThrows(ProblemException.class,
                () -> activities.transition("manager", b.activityId(), b.version(), ActivityStatus.APPROVED));
        assertEquals(422, over.problem().status());
        assertTrue(over.problem().detail().contains("20000"));
        assertEquals(ActivityStatus.DRAFT, activities.get(b.activityId()).activity().status());
        // the approved budget is fixed: a save asking another amount or budget is refused, naming the field; the same budget saves
        ActivityDraft same = draft("Hall D", "2026-08-01T10:00:00Z", "2026-08-01T14:00:00Z");
        ActivityDraft more = new ActivityDraft(same.theme(), same.description(), same.type(), same.place(), same.startsAt(), same.endsAt(),
                same.registrationOpensAt(), same.registrationClosesAt(), same.capacity(), same.waitingLimit(), same.audience(), "autumn",
                40_000L, same.goals(), same.owner(), same.prizes(), same.holdoutBp(), same.evaluateAfterDays(), same.tasks());
        ProblemException fixed = assertThrows(ProblemException.class, () -> activities.save("manager", a.activityId(), approved.version(), more));
        assertEquals(409, fixed.problem().status());
        assertTrue(fixed.problem().type().endsWith("/budget-approved"), fixed.problem().type());
        assertEquals(List.of("budgetId", "budgetAmount"), fixed.problem().errors().stream().map(e -> e.field()).toList());
        assertEquals(approved.version(), activities.get(a.activityId()).activity().version(), "nothing written");
        assertEquals(20_000L, LEDGER.available("spring"));
        Activity resaved = activities.save("manager", a.activityId(), approved.version(), same);
        assertEquals(ActivityStatus.APPROVED, resaved.status());
        long approvedVersion = resaved.version();
        // publication locks a check-in key and a holdout seed; withdrawing releases the budget
        Activity published = activities.transition("manager", a.activityId(), approvedVersion, ActivityStatus.PUBLISHED);
        ActivityStore.Stored stored = activities.get(a.activityId());
        assertEquals(32, stored.checkInKey().length);
        assertEquals(32, stored.holdoutSeed().length);
        assertEquals(409, assertThrows(ProblemException.class,
                () -> activities.transition("manager", a.activityId(), published.version(), ActivityStatus.EVALUATED)).problem().status());
        activities.transition("manager", a.activityId(), published.version(), ActivityStatus.CANCELLED);
        assertEquals(50_000L, LEDGER.available("spring"));
    }
}
