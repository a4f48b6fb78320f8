package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.ComplaintSummaries;
import com.fanops.complaints.app.Complaints;
import com.fanops.complaints.app.TicketIntake;
import com.fanops.complaints.app.TicketMessages;
import com.fanops.complaints.app.TicketWork;
import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.PriorityRules;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.complaints.domain.QueueFilter;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.store.TicketQueue;
import com.fanops.complaints.store.TicketStore;
import com.fanops.members.domain.MemberIds;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.settings.SettingsValue;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Complaint work for operators: the queue with filters, a ticket (agents, managers and admins see it whole; analysts a
 * summary without personal data or free text), its transitions, assignee, investigation record, replies to the
 * complainant, internal notes, resolution and reopening (agents, managers, admins; every change audited), the day's
 * satisfaction figures, the monthly summary by category, and the SLA policy, business calendar, priority and risk rules
 * (versioned; admins change them).
 */
public final class ComplaintsAdminHandler extends ApiHandler {

    private static final int MAX_BODY = 64 * 1024;
    private static final Role[] WORKERS = {Role.ADMIN, Role.MANAGER, Role.AGENT};
    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};
    private static final List<String> SETTINGS = List.of("sla", "calendar", "priority", "risk");

    public record StatusChange(String status) {
    }

    public record Assignment(String assignee) {
    }

    public record Reply(String text) {
    }

    public record Note(String text) {
    }

    public record SlaChange(Integer basedOn, SlaPolicy policy) {
    }

    public record CalendarChange(Integer basedOn, BusinessCalendar calendar) {
    }

    public record PriorityChange(Integer basedOn, PriorityRules rules) {
    }

    public record RiskChange(Integer basedOn, RiskRules risk) {
    }

    private final Complaints complaints;
    private final AuditLog audit;
    private final ComplaintSummaries summaries;
    private final TicketQueue queue;

    public ComplaintsAdminHandler() {
        this(AwsClients.dynamoDb(), Env.require("COMPLAINTS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("AUDIT_TABLE"),
                new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                        new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC()),
                new EventOutbox(AwsClients.dynamoDb(), Env.require("EVENT_OUTBOX_TABLE"),
                        new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), TicketIntake.SOURCE, Clock.systemUTC()),
                        Clock.systemUTC()),
                new QueuedTicketMessages(new MessageRequests(AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL")), Clock.systemUTC()),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public ComplaintsAdminHandler(DynamoDbClient ddb, String complaintsTable, String configTable, String auditTable, Keyring keyring,
                                  EventOutbox outbox, TicketMessages.Outbound messages, ZoneId zone, Clock clock) {
        // No site address here (this function sits behind the API): the survey link is made by the sweep.
        this.complaints = new Complaints(ddb, complaintsTable, configTable, keyring, outbox, messages, null, zone, clock, Duration.ZERO);
        this.audit = new AuditLog(ddb, auditTable, clock);
        this.summaries = complaints.summaries(ddb);
        this.queue = new TicketQueue(ddb, complaintsTable);
        route("GET /v1/admin/complaints", this::queue);
        route("GET /v1/admin/complaints/{ticketId}", this::ticket);
        route("POST /v1/admin/complaints/{ticketId}/status", req -> work(req, "status", (t, actor) ->
                complaints.work.move(t, actor, req.bodyAs(StatusChange.class, MAX_BODY).status())));
        route("POST /v1/admin/complaints/{ticketId}/assignee", req -> work(req, "assign", (t, actor) ->
                complaints.work.assign(t, actor, req.bodyAs(Assignment.class, MAX_BODY).assignee())));
        route("POST /v1/admin/complaints/{ticketId}/record", req -> work(req, "record", (t, actor) ->
                complaints.work.record(t, actor, req.bodyAs(TicketWork.Record.class, MAX_BODY))));
        route("POST /v1/admin/complaints/{ticketId}/replies", req -> work(req, "reply", (t, actor) ->
                complaints.work.reply(t, actor, req.bodyAs(Reply.class, MAX_BODY).text())));
        route("POST /v1/admin/complaints/{ticketId}/resolve", req -> work(req, "resolve", (t, actor) ->
                complaints.work.resolve(t, actor, req.bodyAs(TicketWork.Resolution.class, MAX_BODY))));
        route("POST /v1/admin/complaints/{ticketId}/reopen", req -> work(req, "reopen", (t, actor) -> complaints.work.reopen(t, actor)));
        route("POST /v1/admin/complaints/{ticketId}/notes", req -> work(req, "note", (t, actor) ->
                complaints.work.note(t, actor, req.bodyAs(Note.class, MAX_BODY).text())));
        route("GET /v1/admin/complaint-stats", this::stats);
        route("GET /v1/admin/complaint-summary", this::summary);
        route("GET /v1/admin/complaint-settings/{name}", this::settings);
        route("PUT /v1/admin/complaint-settings/{name}", this::changeSettings);
        route("GET /v1/admin/complaint-settings/{name}/history", this::settingsHistory);
        new PulseAdminRoutes(complaints.pulses(ddb, complaintsTable, keyring, null, null), audit).register(this::route);
    }

    private interface Change {
        Ticket apply(String ticketId, String actor);
    }

    /** One change by an agent, manager or admin: the ticket must exist (404), the change is audited, the answer is the ticket. */
    private APIGatewayV2HTTPResponse work(ApiRequest req, String action, Change change) {
        Caller caller = req.caller().requireAny(WORKERS);
        String ticketId = req.pathParam("ticketId", ComplaintIds.TICKET);
        complaints.work.get(ticketId);
        Ticket after = change.apply(ticketId, caller.username());
        audit.record(caller.username(), "complaints." + action, ticketId, null);
        return ApiResponse.json(200, complaints.views.forAgent(after));
    }

    /** The queue with the operators' filters (status default open: by SLA urgency; one status: oldest first; a member's: newest first). */
    private APIGatewayV2HTTPResponse queue(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        String status = req.queryOneOf("status", QueueFilter.statusValues());
        status = status == null ? QueueFilter.OPEN : status;
        String priority = req.queryOneOf("priority", Priority.keys());
        String category = req.queryOneOf("category", Category.keys());
        QueueFilter filter = new QueueFilter(QueueFilter.statuses(status), priority == null ? null : Priority.of(priority).orElseThrow(),
                category == null ? null : Category.of(category).orElseThrow(), req.queryText("assignee", 120),
                req.queryOneOf("sla", QueueFilter.SLA_STATES), req.queryOneOf("risk", List.of("true")) != null,
                req.queryMatching("memberId", MemberIds.MEMBER));
        TicketStore.Page page = queue.page(filter, req.queryCursor("cursor"), req.queryInt("limit", 1, 200, 50));
        Function<Ticket, Map<String, Object>> line = caller.seesPersonalData() ? complaints.views::queueLine : complaints.views::summary;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("items", page.items().stream().map(line).toList());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse ticket(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        Ticket t = complaints.work.get(req.pathParam("ticketId", ComplaintIds.TICKET));
        return ApiResponse.json(200, caller.seesPersonalData() ? complaints.views.forAgent(t) : complaints.views.summary(t));
    }

    /** A business day's satisfaction answers: count, average and the spread of scores. */
    private APIGatewayV2HTTPResponse stats(ApiRequest req) {
        req.caller().requireAny(READERS);
        LocalDate today = complaints.clock.instant().atZone(complaints.zone).toLocalDate();
        LocalDate day = req.queryDate("day", LocalDate.of(2000, 1, 1), today.plusDays(1), today);
        TicketStore.Csat c = complaints.tickets.csat(day);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        out.put("answers", c.answers());
        out.put("csat", c.answers() == 0 ? null : Math.round(c.scoreSum() * 100.0 / c.answers()) / 100.0);
        Map<String, Long> by = new LinkedHashMap<>();
        for (int s = 1; s <= 5; s++) {
            by.put(String.valueOf(s), c.byScore()[s]);
        }
        out.put("byScore", by);
        return ApiResponse.json(200, out);
    }

    /** The month's (or, with {@code week}, the ISO week's) summary by category (no personal data): JSON, or CSV with {@code format=csv}. */
    private APIGatewayV2HTTPResponse summary(ApiRequest req) {
        req.caller().requireAny(READERS);
        String format = req.queryOneOf("format", List.of("json", "csv"));
        String week = req.queryText("week", 8);
        if (week != null && req.queryText("month", 7) != null) {
            throw ProblemException.invalidField("week", "give a month or a week, not both");
        }
        ComplaintSummaries.Summary s = week != null ? summaries.weekSummary(summaries.week(week))
                : summaries.summary(summaries.month(req.queryText("month", 7)));
        if (!"csv".equals(format)) {
            return ApiResponse.json(200, summaries.json(s));
        }
        APIGatewayV2HTTPResponse response = ApiResponse.text(200, "text/csv; charset=utf-8", summaries.csv(s));
        response.getHeaders().put("content-disposition", "attachment; filename=\"complaints-" + s.period() + ".csv\"");
        return response;
    }

    private APIGatewayV2HTTPResponse settings(ApiRequest req) {
        req.caller().requireAny(WORKERS);
        return switch (req.pathOneOf("name", SETTINGS)) {
            case "sla" -> ApiResponse.json(200, nested(complaints.settings.sla().currentVersion(), "policy"));
            case "calendar" -> ApiResponse.json(200, nested(complaints.settings.calendar().currentVersion(), "calendar"));
            case "risk" -> ApiResponse.json(200, nested(complaints.settings.risk().currentVersion(), "risk"));
            default -> ApiResponse.json(200, nested(complaints.settings.priority().currentVersion(), "rules"));
        };
    }

    private APIGatewayV2HTTPResponse changeSettings(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        String name = req.pathOneOf("name", SETTINGS);
        Object saved = switch (name) {
            case "sla" -> {
                SlaChange b = req.bodyAs(SlaChange.class, MAX_BODY);
                yield nested(complaints.settings.sla().change(b.policy(), b.basedOn(), caller.username()), "policy");
            }
            case "calendar" -> {
                CalendarChange b = req.bodyAs(CalendarChange.class, MAX_BODY);
                yield nested(complaints.settings.calendar().change(b.calendar(), b.basedOn(), caller.username()), "calendar");
            }
            case "risk" -> {
                RiskChange b = req.bodyAs(RiskChange.class, MAX_BODY);
                yield nested(complaints.settings.risk().change(b.risk(), b.basedOn(), caller.username()), "risk");
            }
            default -> {
                PriorityChange b = req.bodyAs(PriorityChange.class, MAX_BODY);
                yield nested(complaints.settings.priority().change(b.rules(), b.basedOn(), caller.username()), "rules");
            }
        };
        audit.record(caller.username(), "complaints.settings." + name + ".change", name, null);
        return ApiResponse.created("/v1/admin/complaint-settings/" + name, saved);
    }

    private APIGatewayV2HTTPResponse settingsHistory(ApiRequest req) {
        req.caller().requireAny(WORKERS);
        return switch (req.pathOneOf("name", SETTINGS)) {
            case "sla" -> history(req, complaints.settings.sla(), "policy");
            case "calendar" -> history(req, complaints.settings.calendar(), "calendar");
            case "risk" -> history(req, complaints.settings.risk(), "risk");
            default -> history(req, complaints.settings.priority(), "rules");
        };
    }

    private static <T extends SettingsValue<T>> APIGatewayV2HTTPResponse history(ApiRequest req, VersionedSettings<T> versions, String field) {
        VersionedSettings.Page<T> page = versions.history(req.queryCursor("cursor"),
                req.queryInt("limit", 1, VersionedSettings.MAX_PAGE, VersionedSettings.DEFAULT_PAGE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(v -> nested(v, field)).toList());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    private static Object nested(SettingsVersion<?> v, String field) {
        return new SettingsVersion<>(v.version(), v.basedOn(), v.changedBy(), v.changedAt(), Map.of(field, v.value())).json();
    }
}
