package com.fanops.activities.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.activities.app.Activities;
import com.fanops.activities.app.ActivityDraft;
import com.fanops.activities.app.ActivityViews;
import com.fanops.activities.app.Registrations;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.YearPlan;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.EvaluationStore;
import com.fanops.activities.store.QueuedAttendance;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.CatalogueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The activities admin API (routes under {@code /v1/admin/activities} and a member's activities under
 * {@code /v1/admin/members}): managers and admins plan, approve (the budget is allocated from its rewards budget), publish
 * and withdraw activities; managers, admins and agents see the registrations (analysts without names) and check members
 * in with their code; managers, admins and analysts read the evaluation report and the year's plan. Each route: roles,
 * input, one service call, the answer (docs/activities.md, "The HTTP contract").
 */
public final class ActivitiesAdminHandler extends ApiHandler {

    static final Pattern ACTIVITY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_DAYS = 400;
    private static final Role[] ALL = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};
    private static final Role[] EDIT = {Role.ADMIN, Role.MANAGER};
    private static final Role[] STAFF = {Role.ADMIN, Role.MANAGER, Role.AGENT};
    private static final Role[] FIGURES = {Role.ADMIN, Role.MANAGER, Role.ANALYST};

    /** The tables the function reads and writes. */
    public record Tables(String activities, String rewards, String members, String config, String audit) {
    }

    /** The body of a create or a save: the definition ({@link ActivityDraft}) and, for a save, the version read. */
    public record DraftBody(String theme, String description, String type, String place, Instant startsAt, Instant endsAt,
                            Instant registrationOpensAt, Instant registrationClosesAt, Integer capacity, Integer waitingLimit,
                            ActivityDraft.AudienceDraft audience, String budgetId, Long budgetAmount, Activity.Goals goals, String owner,
                            List<Activity.Prize> prizes, Integer holdoutBp, Integer evaluateAfterDays, List<Activity.Task> tasks,
                            Long version) {
        ActivityDraft draft() {
            return new ActivityDraft(theme, description, type, place, startsAt, endsAt, registrationOpensAt, registrationClosesAt, capacity,
                    waitingLimit, audience, budgetId, budgetAmount, goals, owner, prizes, holdoutBp, evaluateAfterDays, tasks);
        }
    }

    public record Move(String to, Long version) {
    }

    public record Scan(String code) {
    }

    private final Activities activities;
    private final Registrations registrations;
    private final ActivityStore activityStore;
    private final RegistrationStore registrationStore;
    private final EvaluationStore evaluations;
    private final BudgetStore budgets;
    private final MemberNames names;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    public ActivitiesAdminHandler() {
        this(AwsClients.dynamoDb(), new Tables(Env.require("ACTIVITIES_TABLE"), Env.require("REWARDS_TABLE"), Env.require("MEMBERS_TABLE"),
                        Env.require("CONFIG_TABLE"), Env.require("AUDIT_TABLE")),
                AwsClients.sqs(), Env.require("INTERACTIONS_QUEUE_URL"), new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE")));
    }

    public ActivitiesAdminHandler(DynamoDbClient ddb, Tables tables, SqsClient sqs, String interactionsQueueUrl, DataKeyService keys,
                                  ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
        this.audit = new AuditLog(ddb, tables.audit(), clock);
        this.activityStore = new ActivityStore(ddb, tables.activities());
        this.registrationStore = new RegistrationStore(ddb, tables.activities());
        this.evaluations = new EvaluationStore(ddb, tables.activities());
        this.budgets = new BudgetStore(ddb, tables.rewards());
        this.names = new MemberNames(new MemberStore(ddb, tables.members()), new FieldCipher(new Keyring(ddb, tables.config(), keys, clock)));
        this.activities = new Activities(activityStore, new RewardsBudgetLedger(budgets),
                new RewardsPrizeCatalogue(new CatalogueStore(ddb, tables.config(), clock, Duration.ZERO)), audit, clock);
        // Operators register and cancel no one here: those ports are the member API's.
        this.registrations = new Registrations(activityStore, registrationStore, id -> {
            throw new IllegalStateException("the admin API registers no one");
        }, new QueuedAttendance(sqs, interactionsQueueUrl), new Registrations.Notices() {
            public void registered(Activity a, String memberId, boolean waiting) {
                throw new IllegalStateException("the admin API registers no one");
            }

            public void promoted(Activity a, String memberId) {
                throw new IllegalStateException("the admin API cancels no registration");
            }
        }, clock);
        route("GET /v1/admin/activities", this::list);
        route("POST /v1/admin/activities", this::create);
        route("GET /v1/admin/activities/plan", this::plan);
        route("GET /v1/admin/activities/{activityId}", req -> {
            req.caller().requireAny(ALL);
            return ApiResponse.json(200, ActivityViews.operator(activities.get(activityId(req))));
        });
        route("PUT /v1/admin/activities/{activityId}", this::save);
        route("POST /v1/admin/activities/{activityId}/status", this::move);
        route("GET /v1/admin/activities/{activityId}/registrations", this::registrations);
        route("POST /v1/admin/activities/{activityId}/check-ins", this::checkIn);
        route("GET /v1/admin/activities/{activityId}/evaluation", this::evaluation);
        route("GET /v1/admin/members/{memberId}/activities", req -> {
            req.caller().requireAny(ALL);
            String memberId = req.pathParam("memberId", MemberIds.MEMBER);
            return ApiResponse.json(200, Map.of("items", ActivityViews.ofMember(registrationStore.ofMember(memberId, 200), activityStore::get)));
        });
    }

    private static String activityId(ApiRequest req) {
        return req.pathParam("activityId", ACTIVITY);
    }

    /** Activities starting in [from, to] (business days; default the month before this one to the month after), by start. */
    private APIGatewayV2HTTPResponse list(ApiRequest req) {
        req.caller().requireAny(ALL);
        LocalDate month = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1);
        LocalDate from = req.queryDate("from", LocalDate.of(2000, 1, 1), LocalDate.of(2100, 12, 31), month.minusMonths(1));
        LocalDate to = req.queryDate("to", LocalDate.of(2000, 1, 1), LocalDate.of(2100, 12, 31), month.plusMonths(2).minusDays(1));
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw ProblemException.invalidField("to", "on or after from, at most " + MAX_DAYS + " days later");
        }
        Optional<ActivityStatus> status = Optional.ofNullable(req.queryOneOf("status", ActivityViews.statusKeys())).flatMap(ActivityViews::status);
        List<Map<String, Object>> items = activityStore.calendar(from.atStartOfDay(zone).toInstant(),
                        to.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1)).stream()
                .filter(s -> status.isEmpty() || s.activity().status() == status.get()).map(ActivityViews::operator).toList();
        return ApiResponse.json(200, Map.of("items", items));
    }

    private APIGatewayV2HTTPResponse create(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        Activity a = activities.create(caller.username(), req.bodyAs(DraftBody.class, MAX_BODY).draft());
        return ApiResponse.created("/v1/admin/activities/" + a.activityId(), ActivityViews.operator(activities.get(a.activityId())));
    }

    private APIGatewayV2HTTPResponse save(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String id = activityId(req);
        DraftBody body = req.bodyAs(DraftBody.class, MAX_BODY);
        if (body.version() == null) {
            throw ProblemException.invalidField("version", "is required: the version read");
        }
        activities.save(caller.username(), id, body.version(), body.draft());
        return ApiResponse.json(200, ActivityViews.operator(activities.get(id)));
    }

    private APIGatewayV2HTTPResponse move(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String id = activityId(req);
        Move body = req.bodyAs(Move.class, MAX_BODY);
        ActivityStatus to = Optional.ofNullable(body.to()).flatMap(ActivityViews::status)
                .orElseThrow(() -> ProblemException.invalidField("to", "one of " + String.join(", ", ActivityViews.statusKeys())));
        if (body.version() == null) {
            throw ProblemException.invalidField("version", "is required: the version read");
        }
        activities.transition(caller.username(), id, body.version(), to);
        return ApiResponse.json(200, ActivityViews.operator(activities.get(id)));
    }

    /** A page of registrations; analysts see member ids only. */
    private APIGatewayV2HTTPResponse registrations(ApiRequest req) {
        Caller caller = req.caller().requireAny(ALL);
        String id = activityId(req);
        activities.get(id);
        String status = req.queryOneOf("status", List.of("registered", "waiting", "cancelled"));
        String after = cursor(req.queryCursor("cursor"));
        RegistrationStore.Page page = registrationStore.page(id, status == null ? null : RegistrationStore.Status.valueOf(status.toUpperCase()),
                after, req.queryInt("limit", 1, 200, 50));
        Map<String, String> shown = caller.seesPersonalData()
                ? names.of(page.items().stream().map(RegistrationStore.Registration::memberId).toList()) : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(r -> ActivityViews.registration(r, shown.get(r.memberId()))).toList());
        out.put("next", page.after() == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(page.after().getBytes(StandardCharsets.UTF_8)));
        return ApiResponse.json(200, out);
    }

    private static String cursor(String given) {
        if (given == null) {
            return null;
        }
        String memberId;
        try {
            memberId = new String(Base64.getUrlDecoder().decode(given), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API gave out");
        }
        if (!MemberIds.MEMBER.matcher(memberId).matches()) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API gave out");
        }
        return memberId;
    }

    /** The staff's scan or typed code: the first check-in counts (one attendance interaction); a second answers the first. */
    private APIGatewayV2HTTPResponse checkIn(ApiRequest req) {
        Caller caller = req.caller().requireAny(STAFF);
        String id = activityId(req);
        Scan body = req.bodyAs(Scan.class, MAX_BODY);
        RegistrationStore.CheckIn done = registrations.checkIn(caller.username(), id, body.code());
        RegistrationStore.Registration r = done.registration();
        if (done.first()) {
            audit.record(caller.username(), "activities.check_in", id + ":" + r.memberId(), null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", r.memberId());
        out.put("displayName", caller.seesPersonalData() ? names.of(r.memberId()) : null);
        out.put("no", r.no());
        out.put("checkedInAt", r.checkedInAt().toString());
        out.put("checkedInBy", r.checkedInBy());
        out.put("first", done.first());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse evaluation(ApiRequest req) {
        req.caller().requireAny(FIGURES);
        String id = activityId(req);
        String format = req.queryOneOf("format", List.of("json", "csv"));
        Activity a = activities.get(id).activity();
        EvaluationStore.Report report = evaluations.get(id).orElseThrow(() -> new ProblemException(new Problem(Problem.BASE + "not-evaluated",
                "Not evaluated yet", 404, "The report is computed " + a.evaluateAfterDays() + " days after the activity ends.", null, null, null)));
        if ("csv".equals(format)) {
            APIGatewayV2HTTPResponse response = ApiResponse.text(200, "text/csv; charset=utf-8", EvaluationCsv.of(a, report));
            response.getHeaders().put("content-disposition", "attachment; filename=\"evaluation-" + id + ".csv\"");
            return response;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("activityId", id);
        out.put("theme", a.theme());
        out.put("computedAt", report.computedAt().toString());
        out.put("asOf", report.asOf().toString());
        out.put("final", report.isFinal());
        out.put("report", report.evaluation());
        return ApiResponse.json(200, out);
    }

    /** The business year's plan: activities per month against the target, the budget planned against what was spent. */
    private APIGatewayV2HTTPResponse plan(ApiRequest req) {
        req.caller().requireAny(FIGURES);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        int year = req.queryInt("year", 2000, 2100, today.getYear());
        List<Activity> all = activityStore.startingBetween(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant(),
                LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant().minusMillis(1));
        Map<String, Long> spent = new HashMap<>();
        for (Activity a : all) {
            budgets.allocation(a.activityId()).ifPresent(x -> spent.put(a.activityId(), x.spent()));
        }
        YearPlan p = YearPlan.of(year, YearPlan.DEFAULT_TARGET, all, spent, zone, today);
        List<Map<String, Object>> months = new ArrayList<>();
        for (YearPlan.Month m : p.months()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("month", m.month().toString());
            line.put("planned", m.planned());
            line.put("held", m.held());
            line.put("budgetPlanned", m.budgetPlanned());
            line.put("spent", m.budgetSpent());
            months.add(line);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", p.year());
        out.put("target", p.target());
        out.put("planned", p.planned());
        out.put("held", p.held());
        out.put("budgetPlanned", p.budgetPlanned());
        out.put("spent", p.budgetSpent());
        out.put("months", months);
        out.put("onTrack", p.onTrack());
        return ApiResponse.json(200, out);
    }
}
