package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.members.domain.ConsentChanged;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.Corrections;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.domain.MemberStatusChanged;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.MemberViews;
import com.fanops.members.domain.Notice;
import com.fanops.members.store.NoticeStore;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Operator actions and the status each leads to. */
    private static final Map<String, String> ACTIONS = Map.of("warn", "warned", "mute", "muted", "remove", "removed",
            "restore", "active", "approve", "active", "reject", "rejected");
    private static final Set<String> ADMISSION_ACTIONS = Set.of("approve", "reject");
    private static final Set<String> ENDED = Set.of("left", "removed", "erased", "rejected");
    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};

    private final MemberStore members;
    private final DataRequestStore requests;
    private final NoticeStore notices;
    private final FieldCipher cipher;
    private final MemberViews views;
    private final AuditLog audit;
    private final com.fanops.members.store.MemberSettingsStore settings;
    private final EventOutbox outbox;
    private static final String SOURCE = "fanops.members";
    private final Clock clock;

    public AdminMembersHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("AUDIT_TABLE"),
                Env.require("EVENT_OUTBOX_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Clock.systemUTC());
    }

    public AdminMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String auditTable, String outboxTable,
                               DataKeyService keys, RawEventSink events, Clock clock) {
        this.members = new MemberStore(ddb, membersTable);
        this.requests = new DataRequestStore(ddb, membersTable);
        this.notices = new NoticeStore(ddb, configTable, clock);
        this.cipher = new FieldCipher(new Keyring(ddb, configTable, keys, clock));
        this.views = new MemberViews(cipher);
        this.audit = new AuditLog(ddb, auditTable, clock);
        this.settings = new com.fanops.members.store.MemberSettingsStore(ddb, configTable, clock);
        this.outbox = new EventOutbox(ddb, outboxTable, events, clock);
        this.clock = clock;
        route("GET /v1/admin/members", this::search);
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
    }

    private APIGatewayV2HTTPResponse search(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        List<MemberStore.Profile> found = new ArrayList<>();
        String contact = req.query("contact");
        if (contact != null) {
            if (!caller.seesPersonalData()) {
                throw ProblemException.forbidden("Searching by contact needs a role that may see personal data.");
            }
            Contact normalised = contact.contains("@") ? Contact.email(contact) : Contact.phone(contact);
            if (normalised == null) {
                throw ProblemException.invalidField("contact", "is not a valid e-mail address or phone number");
            }
            members.memberIdByContact(cipher.blindIndex(normalised.indexInput())).flatMap(members::profile).ifPresent(found::add);
        } else if (req.query("id") != null) {
            members.profile(req.query("id")).ifPresent(found::add);
        } else {
            String status = req.query("status") == null ? "active" : req.query("status");
            int limit = req.query("limit") == null ? 50 : Math.max(1, Math.min(200, Integer.parseInt(req.query("limit"))));
            found.addAll(members.byStatus(status, null, limit).items());
        }
        String channel = req.query("channel");
        List<Map<String, Object>> out = found.stream().filter(p -> channel == null || channel.equals(p.channel()))
                .map(p -> views.forCaller(p, caller)).toList();
        audit.record(caller.username(), "members.search", "members", null);
        return ApiResponse.json(200, Map.of("members", out));
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
        Map<String, Object> result = new MemberImport(members, cipher, outbox).run(rows, caller.username());
        audit.record(caller.username(), "members.import", "rows:" + rows.size(), "created " + result.get("created"));
        return ApiResponse.json(200, result);
    }

    private APIGatewayV2HTTPResponse detail(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        MemberStore.Profile profile = members.profile(req.pathParam("memberId")).orElseThrow(() -> ProblemException.notFound("Member"));
        Map<String, Object> out = new LinkedHashMap<>(views.forCaller(profile, caller));
        out.put("consentLedger", members.ledger(profile.memberId()));
        List<Map<String, String>> history = new ArrayList<>();
        members.statusHistory(profile.memberId()).forEach(i -> {
            Map<String, String> line = new LinkedHashMap<>();
            for (String k : List.of("from", "to", "reason", "evidence", "actor")) {
                if (i.containsKey(k)) {
                    line.put(k, i.get(k).s());
                }
            }
            line.put("at", i.get("sk").s().substring("STATUS#".length(), i.get("sk").s().lastIndexOf('#')));
            history.add(line);
        });
        out.put("statusHistory", history);
        out.put("dataRequests", requests.ofMember(profile.memberId()));
        audit.record(caller.username(), "members.view", profile.memberId(), null);
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse changeStatus(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        StatusChange change = req.bodyAs(StatusChange.class, 8 * 1024);
        List<FieldError> errors = new ArrayList<>();
        String to = change.action() == null ? null : ACTIONS.get(change.action());
        if (to == null) {
            errors.add(new FieldError("action", "must be one of approve, reject, warn, mute, remove, restore"));
        }
        if (change.reason() == null || change.reason().isBlank() || change.reason().length() > 500) {
            errors.add(new FieldError("reason", "is required (up to 500 characters)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MemberStore.Profile profile = members.profile(req.pathParam("memberId")).orElseThrow(() -> ProblemException.notFound("Member"));
        if (ENDED.contains(profile.status())) {
            throw ProblemException.conflict("membership-ended", "Membership ended", "The member has " + profile.status() + ".");
        }
        if (ADMISSION_ACTIONS.contains(change.action()) != profile.status().equals("pending")) {
            throw ProblemException.conflict("wrong-status", "Not possible now", profile.status().equals("pending")
                    ? "The member awaits admission: approve or reject first." : "Only pending members can be approved or rejected.");
        }
        var now = clock.instant();
        List<EventOutbox.Staged> staged = new ArrayList<>();
        staged.add(outbox.stage(SOURCE, new MemberStatusChanged(profile.memberId(), profile.status(), to, now, caller.username())));
        if (change.action().equals("approve")) {
            staged.add(outbox.stage(SOURCE, new com.fanops.members.domain.MemberJoined(profile.memberId(), profile.channel(), profile.locale(),
                    now, profile.raw().containsKey("referralCode") ? profile.raw().get("referralCode").s() : null, profile.kind().key(), false)));
        }
        try {
            members.changeStatus(profile, to, change.reason().strip(), change.evidence(), caller.username(), now, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload the member and try again.");
        }
        outbox.flush(staged);
        audit.record(caller.username(), "members.status." + change.action(), profile.memberId(), change.reason());
        return ApiResponse.json(200, Map.of("memberId", profile.memberId(), "status", to));
    }

    /** A withdrawal (or grant) the member gave another way - by phone, in a store - recorded by an operator. */
    private APIGatewayV2HTTPResponse recordConsent(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER, Role.AGENT);
        OperatorConsent body = req.bodyAs(OperatorConsent.class, 8 * 1024);
        Purpose purpose = body.purpose() == null ? null : Purpose.of(body.purpose()).orElse(null);
        if (purpose == null || purpose == Purpose.MEMBERSHIP) {
            throw ProblemException.invalidField("purpose", "must be marketing or personalisation");
        }
        if (body.granted() == null || body.reason() == null || body.reason().isBlank()) {
            throw ProblemException.invalidField(body.granted() == null ? "granted" : "reason", "is required");
        }
        MemberStore.Profile profile = members.profile(req.pathParam("memberId")).orElseThrow(() -> ProblemException.notFound("Member"));
        if (ENDED.contains(profile.status())) {
            throw ProblemException.conflict("membership-ended", "Membership ended", "The member has " + profile.status() + ".");
        }
        Notice notice = notices.current().get(purpose);
        var now = clock.instant();
        ConsentEntry entry = new ConsentEntry(profile.memberId(), purpose, notice.version(), body.granted(), now, profile.revision() + 1,
                profile.channel(), profile.locale(), notice.proofHash(profile.locale()), "operator", caller.username(), null);
        var staged = List.of(outbox.stage(SOURCE, new ConsentChanged(profile.memberId(), purpose.key(), body.granted(), notice.version(),
                now, "operator")));
        try {
            members.recordConsents(profile, List.of(entry), outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload the member and try again.");
        }
        outbox.flush(staged);
        audit.record(caller.username(), "members.consent." + (body.granted() ? "grant" : "withdraw"), profile.memberId(), body.reason());
        return ApiResponse.json(200, Map.of("memberId", profile.memberId(), "purpose", purpose.key(), "granted", body.granted()));
    }

    private APIGatewayV2HTTPResponse listNotices(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, Map.of("notices", notices.current().values()));
    }

    private APIGatewayV2HTTPResponse publishNotice(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        NoticeDraft draft = req.bodyAs(NoticeDraft.class, 64 * 1024);
        Purpose purpose = draft.purpose() == null ? null : Purpose.of(draft.purpose()).orElse(null);
        if (purpose == null) {
            throw ProblemException.invalidField("purpose", "must be one of membership, marketing, personalisation");
        }
        if (draft.texts() == null || !draft.texts().keySet().equals(SignUp.LOCALES)
                || draft.texts().values().stream().anyMatch(t -> t == null || t.isBlank())) {
            throw ProblemException.invalidField("texts", "give the text in zh-CN and en");
        }
        Notice published = notices.next(purpose, draft.texts(), caller.username());
        var staged = List.of(outbox.stage(SOURCE, new com.fanops.members.domain.NoticePublished(purpose.key(), published.version(),
                published.publishedAt())));
        try {
            notices.publish(published, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Published meanwhile", "Another version was just published; reload.");
        }
        outbox.flush(staged);
        audit.record(caller.username(), "notices.publish", purpose.key() + "#" + published.version(), null);
        return ApiResponse.created("/v1/admin/notices", published);
    }

    public record SettingsChange(String admission) {
    }

    private APIGatewayV2HTTPResponse getSettings(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        return ApiResponse.json(200, Map.of("current", settings.current(), "history", settings.history()));
    }

    private APIGatewayV2HTTPResponse putSettings(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        SettingsChange change = req.bodyAs(SettingsChange.class, 4 * 1024);
        if (change.admission() == null || !com.fanops.members.store.MemberSettingsStore.ADMISSION.contains(change.admission())) {
            throw ProblemException.invalidField("admission", "must be auto or review");
        }
        com.fanops.members.store.MemberSettingsStore.Settings saved;
        try {
            saved = settings.change(change.admission(), caller.username());
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload the settings and try again.");
        }
        audit.record(caller.username(), "settings.members", "v" + saved.version(), "admission=" + saved.admission());
        return ApiResponse.json(200, saved);
    }

    private APIGatewayV2HTTPResponse requestQueue(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        String status = req.query("status") == null ? "OPEN" : req.query("status").toUpperCase(java.util.Locale.ROOT);
        DataRequest.Status wanted;
        try {
            wanted = DataRequest.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be open, completed or refused");
        }
        var now = clock.instant();
        List<Map<String, Object>> out = requests.queue(wanted, 100).stream().map(r -> {
            Map<String, Object> line = new LinkedHashMap<>(Json.mapper().convertValue(r, Map.class));
            line.remove("correctionsEnc");
            line.put("overdue", r.overdue(now));
            return line;
        }).toList();
        return ApiResponse.json(200, Map.of("requests", out));
    }

    private APIGatewayV2HTTPResponse decideRequest(ApiRequest req) throws Exception {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        Decision decision = req.bodyAs(Decision.class, 8 * 1024);
        if (!"complete".equals(decision.decision()) && !"refuse".equals(decision.decision())) {
            throw ProblemException.invalidField("decision", "must be complete or refuse");
        }
        DataRequest request = requests.find(req.pathParam("requestId")).orElseThrow(() -> ProblemException.notFound("Request"));
        var now = clock.instant();
        DataRequest decided;
        try {
            decided = request.decide("complete".equals(decision.decision()) ? DataRequest.Status.COMPLETED : DataRequest.Status.REFUSED,
                    caller.username(), decision.reason(), now);
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("already-decided", "Already decided", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("reason", "a refusal needs a reason");
        }
        if (decided.status() == DataRequest.Status.COMPLETED) {
            carryOut(request, caller, now);
        }
        requests.save(decided, DataRequest.Status.OPEN);
        audit.record(caller.username(), "requests." + decision.decision() + "." + request.type().name().toLowerCase(java.util.Locale.ROOT),
                request.requestId(), decision.reason());
        return ApiResponse.json(200, decided);
    }

    private void carryOut(DataRequest request, Caller caller, java.time.Instant now) throws Exception {
        MemberStore.Profile profile = members.profile(request.memberId()).orElseThrow(() -> ProblemException.notFound("Member"));
        switch (request.type()) {
            case ERASURE -> {
                if (!profile.status().equals("erased")) {
                    var staged = List.of(
                            outbox.stage(SOURCE, new MemberStatusChanged(profile.memberId(), profile.status(), "erased", now, caller.username())),
                            outbox.stage(SOURCE, new com.fanops.members.domain.MemberErased(profile.memberId(), now)));
                    members.erase(profile, caller.username(), now, outbox.writes(staged));
                    outbox.flush(staged);
                    // Other open requests may hold personal data (a correction's new values): close them, which drops it.
                    for (DataRequest other : requests.ofMember(profile.memberId())) {
                        if (!other.requestId().equals(request.requestId()) && other.status() == DataRequest.Status.OPEN) {
                            requests.save(other.decide(DataRequest.Status.REFUSED, caller.username(), "the member's data was erased", now),
                                    DataRequest.Status.OPEN);
                        }
                    }
                }
            }
            case CORRECTION -> {
                Corrections c = Json.mapper().readValue(cipher.decrypt(profile.memberId(), "corrections", request.correctionsEnc()),
                        Corrections.class);
                members.correct(profile,
                        c.nickname() == null ? null : cipher.encrypt(profile.memberId(), "nickname", c.nickname().strip()),
                        c.region() == null ? null : c.region().strip(),
                        c.birthday() == null ? null : cipher.encrypt(profile.memberId(), "birthday", c.birthday().toString()),
                        c.interests() == null ? null : cipher.encrypt(profile.memberId(), "interests", String.join("\n", c.interests())));
            }
            case EXPORT -> {
                // Exports are answered to the member at once; nothing to carry out here.
            }
        }
    }
}
