package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MemberDirectory;
import com.fanops.members.app.MemberLimits;
import com.fanops.members.app.MembershipService;
import com.fanops.members.app.SignUpService;
import com.fanops.members.domain.Corrections;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.Notice;
import com.fanops.members.domain.SignUp;
import com.fanops.members.domain.SignUpRequest;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.store.MemberSettingsStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.NoticeStore;
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
import com.fanops.platform.limits.ClientAddress;
import com.fanops.platform.limits.ProofOfWork;
import com.fanops.platform.limits.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Public member forms: the notices to show, sign-up with per-purpose consent (idempotent with an
 * {@code Idempotency-Key}), and the member's own consent history and changes, requests and leaving (authorised by the
 * member token handed out once at sign-up).
 */
public final class PublicMembersHandler extends ApiHandler {

    private static final int MAX_BODY = 16 * 1024;
    private static final List<String> LOCALES = SignUp.LOCALES.stream().sorted().toList();
    /** How long a sign-up's Idempotency-Key is remembered. */
    private static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** How long a proof-of-work challenge may be solved and used. */
    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

    /** Body of a consent change: one or more decisions against the current notices. */
    public record ConsentChange(List<SignUpRequest.ConsentDecision> decisions) {
    }

    /** Body of a data-subject request. */
    public record RequestBody(String type, Corrections corrections) {
    }

    private final SignUpService signUps;
    private final MembershipService membership;
    private final MemberDirectory directory;
    private final NoticeStore notices;
    private final int minorAge;
    private final String edgeSecret;

    /**
     * The abuse defences of a deployment: the limits table and the limits in force, the proof-of-work difficulty in bits
     * (0: no challenge) and the secret CloudFront adds when it fronts the API (empty: no front).
     */
    public record Abuse(String limitsTable, MemberLimits.Config limits, int challengeBits, String edgeSecret) {

        public static Abuse fromEnvironment() {
            return new Abuse(Env.require("LIMITS_TABLE"), MemberLimits.Config.of(Env.require("SIGNUP_LIMIT_PER_CLIENT"),
                    Env.require("SIGNUP_LIMIT_PER_CONTACT"), Env.require("REQUEST_LIMIT_PER_CLIENT"), Env.require("REQUEST_LIMIT_PER_CONTACT"),
                    Env.require("CONSENT_LIMIT_PER_CLIENT"), Env.require("CONSENT_LIMIT_PER_CONTACT")),
                    "on".equals(Env.optional("SIGNUP_CHALLENGE", "off")) ? Env.optionalInt("SIGNUP_CHALLENGE_BITS", 16) : 0,
                    Env.optional("EDGE_ORIGIN_SECRET", ""));
        }

        /** No limits, no challenge (tests of everything else). */
        public static Abuse none() {
            return new Abuse("LimitsTable", MemberLimits.Config.none(), 0, "");
        }
    }

    public PublicMembersHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("EVENT_OUTBOX_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Clock.systemUTC(), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Env.optionalInt("MINOR_AGE", 14),
                Env.optionalInt("DATA_REQUEST_DAYS", 15), Abuse.fromEnvironment());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public PublicMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String outboxTable, DataKeyService keys,
                                RawEventSink events, Clock clock, ZoneId zone, int minorAge, int requestDays) {
        this(ddb, membersTable, configTable, outboxTable, keys, events, clock, zone, minorAge, requestDays, Abuse.none());
    }

    public PublicMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String outboxTable, DataKeyService keys,
                                RawEventSink events, Clock clock, ZoneId zone, int minorAge, int requestDays, Abuse abuse) {
        MemberStore members = new MemberStore(ddb, membersTable);
        DataRequestStore requests = new DataRequestStore(ddb, membersTable);
        Keyring keyring = new Keyring(ddb, configTable, keys, clock);
        FieldCipher cipher = new FieldCipher(keyring);
        EventOutbox outbox = new EventOutbox(ddb, outboxTable, events, clock);
        RateLimiter limiter = new RateLimiter(ddb, abuse.limitsTable(), clock);
        MemberLimits limits = new MemberLimits(limiter, cipher, abuse.limits());
        ProofOfWork challenge = abuse.challengeBits() == 0 ? null
                : new ProofOfWork(() -> keyring.key(keyring.activeKeyId("challenge")), limiter, clock, abuse.challengeBits(), CHALLENGE_LIFETIME);
        this.notices = new NoticeStore(ddb, configTable, clock);
        this.signUps = new SignUpService(members, notices, new MemberSettingsStore(ddb, configTable, clock), cipher, outbox, clock, zone,
                minorAge, KEY_LIFETIME, limits, challenge);
        // Members' own actions are not operator actions: nothing to audit.
        this.membership = new MembershipService(members, requests, notices, cipher, outbox, null, clock, zone, Duration.ofDays(requestDays),
                limits);
        this.directory = new MemberDirectory(members, requests, cipher, null, clock);
        this.minorAge = minorAge;
        this.edgeSecret = abuse.edgeSecret();
        route("GET /v1/challenge", this::challenge);
        route("GET /v1/notices", this::notices);
        route("POST /v1/members", this::signUp);
        route("GET /v1/members/{memberId}/consents", this::consents);
        route("POST /v1/members/{memberId}/consents", this::changeConsents);
        route("POST /v1/members/{memberId}/requests", this::fileRequest);
        route("GET /v1/members/{memberId}/requests/{requestId}", this::getRequest);
        route("POST /v1/members/{memberId}/leave", this::leave);
    }

    private APIGatewayV2HTTPResponse notices(ApiRequest req) {
        String asked = req.queryOneOf("locale", LOCALES);
        String locale = asked == null ? Notice.DEFAULT_LOCALE : asked;
        List<Map<String, Object>> out = new ArrayList<>();
        notices.current().forEach((purpose, n) -> out.add(Map.of("purpose", purpose.key(), "version", n.version(),
                "required", purpose.required(), "text", n.text(locale))));
        return ApiResponse.json(200, Map.of("locale", locale, "minorAge", minorAge, "notices", out));
    }

    /** The puzzle a sign-up must carry solved, when this deployment asks for one. */
    private APIGatewayV2HTTPResponse challenge(ApiRequest req) {
        return ApiResponse.json(200, signUps.challenge().<Map<String, Object>>map(c -> Map.of("required", true, "token", c.token(),
                "difficulty", c.difficulty(), "expiresAt", c.expiresAt().toString(), "header", ProofOfWork.HEADER))
                .orElse(Map.of("required", false)));
    }

    private APIGatewayV2HTTPResponse signUp(ApiRequest req) {
        String key = req.header("idempotency-key");
        SignUpService.checkKey(key);
        var result = signUps.signUp(req.bodyAs(SignUpRequest.class, MAX_BODY), key, req.sourceIp(), ClientAddress.of(req, edgeSecret),
                req.header(ProofOfWork.HEADER));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", result.memberId());
        out.put("status", result.status().key());
        out.put("memberToken", result.memberToken());
        return ApiResponse.created("/v1/members/" + result.memberId(), out);
    }

    private APIGatewayV2HTTPResponse consents(ApiRequest req) {
        MemberProfile profile = member(req);
        return ApiResponse.json(200, directory.consents(profile.memberId()));
    }

    private APIGatewayV2HTTPResponse changeConsents(ApiRequest req) {
        MemberProfile profile = member(req);
        membership.changeConsents(profile, () -> req.bodyAs(ConsentChange.class, MAX_BODY).decisions(), req.sourceIp(),
                ClientAddress.of(req, edgeSecret), req.header("idempotency-key"));
        return ApiResponse.json(200, directory.consents(profile.memberId()));
    }

    /** Export is answered at once; correction and erasure wait for an operator's decision before the deadline. */
    private APIGatewayV2HTTPResponse fileRequest(ApiRequest req) {
        MemberProfile profile = member(req);
        RequestBody body = req.bodyAs(RequestBody.class, MAX_BODY);
        DataRequest request = membership.file(profile, body.type(), body.corrections(), ClientAddress.of(req, edgeSecret));
        if (request.type() == DataRequest.Type.EXPORT) {
            return ApiResponse.created("/v1/members/" + profile.memberId() + "/requests/" + request.requestId(),
                    directory.export(profile, request));
        }
        return ApiResponse.json(202, request);
    }

    private APIGatewayV2HTTPResponse getRequest(ApiRequest req) {
        return ApiResponse.json(200, membership.request(member(req), req.pathParam("requestId", MemberIds.REQUEST)));
    }

    private APIGatewayV2HTTPResponse leave(ApiRequest req) {
        MemberProfile profile = member(req);
        return ApiResponse.json(200, Map.of("memberId", profile.memberId(), "status", membership.leave(profile).key()));
    }

    private MemberProfile member(ApiRequest req) {
        return membership.authorise(req.pathParam("memberId", MemberIds.MEMBER), req.header("authorization"));
    }
}
