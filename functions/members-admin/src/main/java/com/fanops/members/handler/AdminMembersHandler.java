package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MemberDirectory;
import com.fanops.members.app.MemberImport;
import com.fanops.members.app.MembershipService;
import com.fanops.members.app.NoticeDrafts;
import com.fanops.members.app.NoticeService;
import com.fanops.members.app.OperatorRequests;
import com.fanops.members.store.NoticeDraftStore;
import com.fanops.members.domain.Channel;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.store.MemberCounts;
import com.fanops.members.domain.MemberSettings;
import com.fanops.members.store.MemberSettingsStore;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.platform.settings.VersionedSettings;
import com.fanops.members.store.MemberStore;
import com.fanops.members.app.MemberList;
import com.fanops.members.app.Segments;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.members.store.NoticeStore;
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
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Operators' member API: search (by contact through the blind index, by status and channel), member detail
 * with consent history, status changes with reason and evidence, withdrawals recorded on a member's behalf,
 * notices, and the data-subject request queue. Every change is audited; analysts never see personal data.
 */
public final class AdminMembersHandler extends ApiHandler {

    public record StatusChange(String action, String reason, String evidence) {
    }

    public record OperatorConsent(String purpose, Boolean granted, String reason) {
    }

    public record NoticeDraft(String purpose, Map<String, String> texts) {
    }

    public record Decision(String decision, String reason) {
    }

    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};

    private final MembershipService membership;
    private final MemberDirectory directory;
    private final NoticeService notices;
    private final MemberImport imports;
    private final AuditLog audit;
    private final MemberSettingsStore settings;
    private final DirectoryRoutes directoryRoutes;
    private final NoticeDrafts drafts;
    private final OperatorRequests onBehalf;
    private final NoticeStore noticeHistory;

    public AdminMembersHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("AUDIT_TABLE"),
                Env.require("EVENT_OUTBOX_TABLE"), Env.require("MEMBER_DIRECTORY_TABLE"), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    /** With the member directory table as the template names it and business days in UTC (tests). */
    public AdminMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String auditTable, String outboxTable,
                               DataKeyService keys, RawEventSink events, Clock clock) {
        this(ddb, membersTable, configTable, auditTable, outboxTable, "MemberDirectoryTable", ZoneOffset.UTC, keys, events, clock);
    }

    public AdminMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String auditTable, String outboxTable,
                               String directoryTable, ZoneId zone, DataKeyService keys, RawEventSink events, Clock clock) {
        MemberStore members = new MemberStore(ddb, membersTable);
        DataRequestStore requests = new DataRequestStore(ddb, membersTable);
        NoticeStore noticeStore = new NoticeStore(ddb, configTable, clock);
        FieldCipher cipher = new FieldCipher(new Keyring(ddb, configTable, keys, clock));
        EventOutbox outbox = new EventOutbox(ddb, outboxTable, events, clock);
        this.audit = new AuditLog(ddb, auditTable, clock);
        // Operators neither file requests nor check ages: the zone and deadline are the member side's.
        this.membership = new MembershipService(members, requests, noticeStore, cipher, outbox, audit, clock, ZoneOffset.UTC, Duration.ZERO);
        this.directory = new MemberDirectory(members, requests, cipher, audit, clock);
        this.notices = new NoticeService(noticeStore, outbox, audit);
        this.imports = new MemberImport(members, cipher, outbox);
        this.settings = new MemberSettingsStore(ddb, configTable, clock);
        route("GET /v1/admin/members", this::search);
        // The member directory (issue 15): the list, its export, segments.
        MemberDirectoryStore directoryStore = new MemberDirectoryStore(ddb, directoryTable, zone);
        this.directoryRoutes = new DirectoryRoutes(new MemberList(directoryStore, members, cipher, audit),
                new Segments(new SegmentStore(ddb, configTable), directoryStore, audit, clock));
        route("GET /v1/admin/members/export", directoryRoutes::export);
        route("GET /v1/admin/segments", directoryRoutes::listSegments);
        route("POST /v1/admin/segments", directoryRoutes::createSegment);
        route("GET /v1/admin/segments/{segmentId}", directoryRoutes::getSegment);
        route("PUT /v1/admin/segments/{segmentId}", directoryRoutes::changeSegment);
        route("DELETE /v1/admin/segments/{segmentId}", directoryRoutes::deleteSegment);
        route("GET /v1/admin/segments/{segmentId}/count", directoryRoutes::countSegment);
        route("POST /v1/admin/members/import", this::importMembers);
        route("GET /v1/admin/members/{memberId}", this::detail);
        route("POST /v1/admin/members/{memberId}/status", this::changeStatus);
        route("POST /v1/admin/members/{memberId}/consents", this::recordConsent);
        route("GET /v1/admin/notices", this::listNotices);
        route("POST /v1/admin/notices", this::publishNotice);
        route("GET /v1/admin/requests", this::requestQueue);
        route("GET /v1/admin/settings/members", this::getSettings);
        route("PUT /v1/admin/settings/members", this::putSettings);
        route("POST /v1/admin/requests/{requestId}", this::decideRequest);
        // The Today page's member work (issue 15): counts only, for those who admit members and decide requests.
        MemberCounts counts = new MemberCounts(ddb, membersTable);
        route("GET /v1/admin/today/members", req -> {
            Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
            MemberCounts.Requests open = counts.openRequests(clock.instant());
            audit.record(caller.username(), "today.read", "members", null);
            return ApiResponse.json(200, Map.of("pendingSignups", counts.withStatus(MemberStatus.PENDING),
                    "requests", Map.of("open", open.open(), "overdue", open.overdue()), "countedAt", clock.instant()));
        });
        // Operator workspace (issue 15): notice drafts with the publish's reach, requests filed on a member's behalf.
        this.noticeHistory = noticeStore;
        this.drafts = new NoticeDrafts(noticeStore, new NoticeDraftStore(ddb, configTable), members.grantCounters(), audit, clock);
        this.onBehalf = new OperatorRequests(new MembershipService(members, requests, noticeStore, cipher, outbox, audit, clock,
                ZoneOffset.UTC, Duration.ofDays(Env.optionalInt("DATA_REQUEST_DAYS", 15))), audit);
        route("GET /v1/admin/notices/{purpose}/draft", this::readDraft);
        route("PUT /v1/admin/notices/{purpose}/draft", this::saveDraft);
        route("DELETE /v1/admin/notices/{purpose}/draft", this::discardDraft);
        route("POST /v1/admin/members/{memberId}/requests", this::fileOnBehalf);
        route("GET /v1/admin/notices/{purpose}/history", this::noticeHistory);
    }

    public record DraftTexts(Map<String, String> texts) {
    }

    public record OnBehalf(String type, String reason) {
    }

    private static final List<String> PURPOSES = Arrays.stream(Purpose.values()).map(Purpose::key).toList();

    /** The saved draft (or null), the version in force and how many members publishing would ask again. */
    private APIGatewayV2HTTPResponse readDraft(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        return ApiResponse.json(200, drafts.read(caller.username(), NoticeDrafts.purpose(req.pathOneOf("purpose", PURPOSES))));
    }

    private APIGatewayV2HTTPResponse saveDraft(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        var purpose = NoticeDrafts.purpose(req.pathOneOf("purpose", PURPOSES));
        DraftTexts body = req.bodyAs(DraftTexts.class, 64 * 1024);
        return ApiResponse.json(200, drafts.save(caller.username(), purpose, body.texts()));
    }

    private APIGatewayV2HTTPResponse discardDraft(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        drafts.discard(caller.username(), NoticeDrafts.purpose(req.pathOneOf("purpose", PURPOSES)));
        return ApiResponse.noContent();
    }

    /** The purpose's published versions, newest first (at most {@code limit}, default 50), for the history and its diff. */
    private APIGatewayV2HTTPResponse noticeHistory(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN);
        var purpose = NoticeDrafts.purpose(req.pathOneOf("purpose", PURPOSES));
        return ApiResponse.json(200, Map.of("items", noticeHistory.history(purpose, req.queryInt("limit", 1, 200, 50))));
    }

    /** An export or erasure the member asked for another way, filed as the member's own would be. */
    private APIGatewayV2HTTPResponse fileOnBehalf(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        OnBehalf body = req.bodyAs(OnBehalf.class, 8 * 1024);
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        var filed = onBehalf.file(caller.username(), memberId, body.type(), body.reason());
        return ApiResponse.json(202, Map.of("requestId", filed.requestId(), "type", body.type(),
                "status", filed.status().name().toLowerCase(Locale.ROOT), "deadline", filed.deadline()));
    }

    private APIGatewayV2HTTPResponse search(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        // By contact or id, and the admission queue (pending sign-ups are announced by no event): the members table.
        // Everything else is the member directory's list.
        String asked = req.queryOneOf("status", MemberIds.STATUS_KEYS);
        if (req.queryText("contact", Contact.MAX_LENGTH) == null && req.queryMatching("id", MemberIds.MEMBER) == null
                && !MemberStatus.PENDING.key().equals(asked)) {
            return directoryRoutes.list(req);
        }
        String status = req.queryOneOf("status", MemberIds.STATUS_KEYS);
        String channel = req.queryOneOf("channel", MemberIds.CHANNEL_KEYS);
        return ApiResponse.json(200, Map.of("members", directory.search(caller, req.queryText("contact", Contact.MAX_LENGTH),
                req.queryMatching("id", MemberIds.MEMBER), status == null ? null : MemberStatus.parse(status),
                channel == null ? null : Channel.of(channel).orElseThrow(), req.queryInt("limit", 1, 200, 50))));
    }

    private APIGatewayV2HTTPResponse importMembers(ApiRequest req) throws Exception {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        String type = req.header("content-type") == null ? "" : req.header("content-type").toLowerCase(java.util.Locale.ROOT);
        boolean csv = type.startsWith("text/csv");
        if (!csv && !type.startsWith("application/x-ndjson")) {
            throw ProblemException.unsupportedMediaType("application/x-ndjson or text/csv");
        }
        var rows = com.fanops.members.domain.ImportRow.parse(req.bodyText(5 * 1024 * 1024), csv);
        if (rows.isEmpty() || rows.size() > com.fanops.members.domain.ImportRow.MAX_ROWS) {
            throw ProblemException.invalidField("body", "send 1 to " + com.fanops.members.domain.ImportRow.MAX_ROWS + " rows per call");
        }
        Map<String, Object> result = imports.run(rows, caller.username());
        audit.record(caller.username(), "members.import", "rows:" + rows.size(), "created " + result.get("created"));
        return ApiResponse.json(200, result);
    }

    private APIGatewayV2HTTPResponse detail(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        return ApiResponse.json(200, directory.detail(caller, req.pathParam("memberId", MemberIds.MEMBER)));
    }

    private APIGatewayV2HTTPResponse changeStatus(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        StatusChange change = req.bodyAs(StatusChange.class, 8 * 1024);
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        var to = membership.changeStatus(caller.username(), memberId, change.action(), change.reason(), change.evidence());
        return ApiResponse.json(200, Map.of("memberId", memberId, "status", to.key()));
    }

    /** A withdrawal (or grant) the member gave another way - by phone, in a store - recorded by an operator. */
    private APIGatewayV2HTTPResponse recordConsent(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER, Role.AGENT);
        OperatorConsent body = req.bodyAs(OperatorConsent.class, 8 * 1024);
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        membership.recordForMember(caller.username(), memberId, body.purpose(), body.granted(), body.reason());
        return ApiResponse.json(200, Map.of("memberId", memberId, "purpose", body.purpose(), "granted", body.granted()));
    }

    private APIGatewayV2HTTPResponse listNotices(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, Map.of("notices", notices.current().values()));
    }

    private APIGatewayV2HTTPResponse publishNotice(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        NoticeDraft draft = req.bodyAs(NoticeDraft.class, 64 * 1024);
        return ApiResponse.created("/v1/admin/notices", notices.publish(caller.username(), draft.purpose(), draft.texts()));
    }

    public record SettingsChange(Integer basedOn, String admission) {
    }

    private APIGatewayV2HTTPResponse getSettings(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        var page = settings.history(req.queryCursor("cursor"),
                req.queryInt("limit", 1, VersionedSettings.MAX_PAGE, VersionedSettings.DEFAULT_PAGE));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("current", settings.currentVersion());
        body.put("history", page.saved());
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return ApiResponse.json(200, body);
    }

    private APIGatewayV2HTTPResponse putSettings(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        SettingsChange change = req.bodyAs(SettingsChange.class, 4 * 1024);
        SettingsVersion<MemberSettings> saved = settings.change(new MemberSettings(change.admission()), change.basedOn(), caller.username());
        audit.record(caller.username(), "settings.members", "v" + saved.version(), "admission=" + saved.value().admission());
        return ApiResponse.json(200, saved);
    }

    private APIGatewayV2HTTPResponse requestQueue(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        String status = req.queryOneOf("status", MemberIds.REQUEST_STATUS_KEYS);
        return ApiResponse.json(200, Map.of("requests", directory.queueLines(membership.queue(status == null ? null
                : DataRequest.Status.valueOf(status.toUpperCase(Locale.ROOT))))));
    }

    private APIGatewayV2HTTPResponse decideRequest(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        Decision decision = req.bodyAs(Decision.class, 8 * 1024);
        return ApiResponse.json(200, membership.decide(caller.username(), req.pathParam("requestId", MemberIds.REQUEST), decision.decision(), decision.reason()));
    }
}
