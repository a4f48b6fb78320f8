package com.fanops.members.handler;

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
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.members.domain.ConsentChanged;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.store.MemberStore;
import com.fanops.members.domain.Notice;
import com.fanops.members.store.NoticeStore;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import com.fanops.members.domain.SignUpRequest;
import com.fanops.platform.log.Log;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Public member forms: the notices to show, sign-up with per-purpose consent, and the member's own consent
 * history and changes (authorised by the member token handed out once at sign-up).
 */
public final class PublicMembersHandler extends ApiHandler {

    private static final int MAX_BODY = 16 * 1024;
    private static final String SOURCE = "fanops.members";
    private static final Log LOG = Log.get(PublicMembersHandler.class);

    /** Body of a consent change: one or more decisions against the current notices. */
    public record ConsentChange(List<SignUpRequest.ConsentDecision> decisions) {
    }

    /** Body of a data-subject request. */
    public record RequestBody(String type, com.fanops.members.domain.Corrections corrections) {
    }

    private static final java.util.Set<String> CAN_CHANGE_CONSENT = java.util.Set.of("pending", "active", "warned", "muted");

    private final MemberStore members;
    private final com.fanops.members.store.DataRequestStore requests;
    private final com.fanops.members.store.MemberViews views;
    private final java.time.Duration requestDeadline;
    private final NoticeStore notices;
    private final com.fanops.members.store.MemberSettingsStore settings;
    private final FieldCipher cipher;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final int minorAge;
    private final SecureRandom random = new SecureRandom();

    public PublicMembersHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("EVENT_OUTBOX_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Clock.systemUTC(), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Env.optionalInt("MINOR_AGE", 14),
                Env.optionalInt("DATA_REQUEST_DAYS", 15));
    }

    public PublicMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String outboxTable, DataKeyService keys,
                                RawEventSink events,
                                Clock clock, ZoneId zone, int minorAge, int requestDays) {
        this.members = new MemberStore(ddb, membersTable);
        this.requests = new com.fanops.members.store.DataRequestStore(ddb, membersTable);
        this.requestDeadline = java.time.Duration.ofDays(requestDays);
        this.notices = new NoticeStore(ddb, configTable, clock);
        this.settings = new com.fanops.members.store.MemberSettingsStore(ddb, configTable, clock);
        this.cipher = new FieldCipher(new Keyring(ddb, configTable, keys, clock));
        this.views = new com.fanops.members.store.MemberViews(cipher);
        this.outbox = new EventOutbox(ddb, outboxTable, events, clock);
        this.clock = clock;
        this.zone = zone;
        this.minorAge = minorAge;
        route("GET /v1/notices", this::notices);
        route("POST /v1/members", this::signUp);
        route("GET /v1/members/{memberId}/consents", this::consents);
        route("POST /v1/members/{memberId}/consents", this::changeConsents);
        route("POST /v1/members/{memberId}/requests", this::fileRequest);
        route("GET /v1/members/{memberId}/requests/{requestId}", this::getRequest);
        route("POST /v1/members/{memberId}/leave", this::leave);
    }

    /** Export is answered at once; correction and erasure wait for an operator's decision before the deadline. */
    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse fileRequest(ApiRequest req) throws Exception {
        MemberStore.Profile profile = authorisedMember(req);
        RequestBody body = req.bodyAs(RequestBody.class, MAX_BODY);
        var type = body.type() == null ? null : com.fanops.members.domain.DataRequest.Type.of(body.type()).orElse(null);
        if (type == null) {
            throw ProblemException.invalidField("type", "must be export, correction or erasure");
        }
        var now = clock.instant();
        String corrections = null;
        if (type == com.fanops.members.domain.DataRequest.Type.CORRECTION) {
            if (body.corrections() == null) {
                throw ProblemException.invalidField("corrections", "is required for a correction");
            }
            body.corrections().validate(java.time.LocalDate.now(clock.withZone(zone)));
            corrections = cipher.encrypt(profile.memberId(), "corrections", com.fanops.platform.json.Json.mapper().writeValueAsString(body.corrections()));
        } else if (body.corrections() != null) {
            throw ProblemException.invalidField("corrections", "only for a correction");
        }
        var request = com.fanops.members.domain.DataRequest.file(profile.memberId(), type, now, requestDeadline, corrections);
        if (type == com.fanops.members.domain.DataRequest.Type.EXPORT) {
            request = request.decide(com.fanops.members.domain.DataRequest.Status.COMPLETED, "member", null, now);
            requests.save(request, null);
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("request", request);
            export.put("member", views.full(profile));
            export.put("consentLedger", members.ledger(profile.memberId()));
            List<Map<String, String>> history = new ArrayList<>();
            members.statusHistory(profile.memberId()).forEach(i -> {
                Map<String, String> line = new LinkedHashMap<>();
                i.forEach((k, v) -> {
                    if (!k.equals("pk") && v.s() != null) {
                        line.put(k, v.s());
                    }
                });
                history.add(line);
            });
            export.put("statusHistory", history);
            export.put("requests", requests.ofMember(profile.memberId()));
            return ApiResponse.created("/v1/members/" + profile.memberId() + "/requests/" + request.requestId(), export);
        }
        requests.save(request, null);
        return ApiResponse.json(202, request);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse getRequest(ApiRequest req) {
        MemberStore.Profile profile = authorisedMember(req);
        var request = requests.find(req.pathParam("requestId")).filter(r -> r.memberId().equals(profile.memberId()))
                .orElseThrow(() -> ProblemException.notFound("Request"));
        return ApiResponse.json(200, request);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse leave(ApiRequest req) {
        MemberStore.Profile profile = authorisedMember(req);
        if (!CAN_CHANGE_CONSENT.contains(profile.status())) {
            throw ProblemException.conflict("not-a-member", "Not a member", "This membership has already ended.");
        }
        var now = clock.instant();
        var staged = List.of(outbox.stage(SOURCE, new com.fanops.members.domain.MemberStatusChanged(profile.memberId(), profile.status(),
                "left", now, "member")));
        try {
            members.changeStatus(profile, "left", "member left", null, "member", now, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload and try again.");
        }
        outbox.flush(staged);
        return ApiResponse.json(200, Map.of("memberId", profile.memberId(), "status", "left"));
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse notices(ApiRequest req) {
        String locale = req.query("locale") == null ? Notice.DEFAULT_LOCALE : req.query("locale");
        if (!SignUp.LOCALES.contains(locale)) {
            throw ProblemException.invalidField("locale", "must be zh-CN or en");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        notices.current().forEach((purpose, n) -> out.add(Map.of("purpose", purpose.key(), "version", n.version(),
                "required", purpose.required(), "text", n.text(locale))));
        return ApiResponse.json(200, Map.of("locale", locale, "minorAge", minorAge, "notices", out));
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse signUp(ApiRequest req) {
        SignUpRequest body = req.bodyAs(SignUpRequest.class, MAX_BODY);
        Map<Purpose, Notice> current = notices.current();
        SignUp.Valid valid = SignUp.validate(body, current, clock, zone, minorAge);
        String memberId = "m_" + UUID.randomUUID().toString().replace("-", "");
        // With admission review on, a new member waits for an operator; MemberJoined comes with the approval.
        String status = settings.current().review() ? "pending" : "active";
        String token = newToken();
        var now = clock.instant();
        List<ConsentEntry> ledger = new ArrayList<>();
        String origin = "ip:" + cipher.blindIndex("ip:" + req.sourceIp());
        valid.decisions().forEach((purpose, d) -> ledger.add(new ConsentEntry(memberId, purpose, d.noticeVersion(), d.granted(), now, 1,
                valid.channel().key(), valid.locale(), current.get(purpose).proofHash(valid.locale()), "form", "member", origin)));
        if (valid.minor()) {
            // The guardian's consent to membership, recorded as its own ledger line.
            ledger.add(new ConsentEntry(memberId, Purpose.MEMBERSHIP, current.get(Purpose.MEMBERSHIP).version(), true, now, 1,
                    valid.channel().key(), valid.locale(), current.get(Purpose.MEMBERSHIP).proofHash(valid.locale()), "form",
                    "guardian", origin));
        }
        List<EventOutbox.Staged> staged = status.equals("active")
                ? List.of(outbox.stage(SOURCE, new MemberJoined(memberId, valid.channel().key(), valid.locale(), now, body.referralCode())))
                : List.of();
        try {
            members.signUp(new MemberStore.NewMember(memberId, status, valid.channel().key(), body.region().strip(), valid.locale(), now,
                    valid.contact().type().name().toLowerCase(java.util.Locale.ROOT), cipher.blindIndex(valid.contact().indexInput()),
                    cipher.encrypt(memberId, "nickname", body.nickname().strip()), cipher.encrypt(memberId, "contact", valid.contact().value()),
                    body.birthday() == null ? null : cipher.encrypt(memberId, "birthday", body.birthday().toString()),
                    body.interests() == null ? null : cipher.encrypt(memberId, "interests", String.join("\n", body.interests())),
                    valid.guardianContact() == null ? null : cipher.encrypt(memberId, "guardian",
                            body.guardian().name().strip() + "\n" + valid.guardianContact().value()),
                    body.referralCode(), sha256(token)), ledger, outbox.writes(staged));
        } catch (MemberStore.DuplicateContactException e) {
            throw ProblemException.conflict("duplicate-contact", "Cannot sign up with this contact",
                    "This contact cannot be used for a new membership. If you are already a member, use your member link instead.");
        }
        outbox.flush(staged);
        LOG.info("member signed up", "memberId", memberId, "channel", valid.channel().key(), "minor", valid.minor(), "status", status);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", memberId);
        out.put("status", status);
        out.put("memberToken", token);
        return ApiResponse.created("/v1/members/" + memberId, out);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse consents(ApiRequest req) {
        MemberStore.Profile profile = authorisedMember(req);
        List<ConsentEntry> ledger = members.ledger(profile.memberId());
        Map<String, Object> state = new LinkedHashMap<>();
        ConsentState.derive(ledger).decisions().forEach((p, d) -> state.put(p.key(), d));
        return ApiResponse.json(200, Map.of("memberId", profile.memberId(), "current", state, "ledger", ledger));
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse changeConsents(ApiRequest req) {
        MemberStore.Profile profile = authorisedMember(req);
        if (!CAN_CHANGE_CONSENT.contains(profile.status())) {
            throw ProblemException.conflict("not-a-member", "Not a member", "This membership has ended; there is nothing to consent to.");
        }
        ConsentChange change = req.bodyAs(ConsentChange.class, MAX_BODY);
        if (change.decisions() == null || change.decisions().isEmpty()) {
            throw ProblemException.invalidField("decisions", "at least one decision is required");
        }
        Map<Purpose, SignUpRequest.ConsentDecision> decisions = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < change.decisions().size(); i++) {
            SignUpRequest.ConsentDecision d = change.decisions().get(i);
            Purpose purpose = d == null || d.purpose() == null ? null : Purpose.of(d.purpose()).orElse(null);
            if (purpose == null) {
                errors.add(new FieldError("decisions[" + i + "].purpose", "must be one of membership, marketing, personalisation"));
            } else if (purpose == Purpose.MEMBERSHIP && Boolean.FALSE.equals(d.granted())) {
                errors.add(new FieldError("decisions[" + i + "].purpose", "withdrawing membership consent is leaving: use /leave"));
            } else if (d.granted() == null || d.noticeVersion() == null) {
                errors.add(new FieldError("decisions[" + i + "]", "granted and noticeVersion are required"));
            } else {
                decisions.put(purpose, d);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Map<Purpose, Notice> current = notices.current();
        SignUp.checkVersions(decisions, current);
        var now = clock.instant();
        List<ConsentEntry> entries = new ArrayList<>();
        decisions.forEach((purpose, d) -> entries.add(new ConsentEntry(profile.memberId(), purpose, d.noticeVersion(), d.granted(), now,
                profile.revision() + 1, profile.channel(), profile.locale(), current.get(purpose).proofHash(profile.locale()), "member", "member",
                "ip:" + cipher.blindIndex("ip:" + req.sourceIp()))));
        List<EventOutbox.Staged> staged = entries.stream().map(e -> outbox.stage(SOURCE, new ConsentChanged(e.memberId(),
                e.purpose().key(), e.granted(), e.noticeVersion(), e.at(), "member"))).toList();
        try {
            members.recordConsents(profile, entries, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Your consent changed meanwhile; reload and try again.");
        }
        outbox.flush(staged);
        return consents(req);
    }

    /** The member's bearer token, compared in constant time; unknown members look exactly like wrong tokens. */
    private MemberStore.Profile authorisedMember(ApiRequest req) {
        String header = req.header("authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        var profile = members.profile(req.pathParam("memberId"));
        if (token == null || profile.isEmpty() || !MessageDigest.isEqual(sha256(token).getBytes(StandardCharsets.UTF_8),
                profile.get().tokenHash().getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.unauthorized("Use the member link you received at sign-up.");
        }
        return profile.get();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
