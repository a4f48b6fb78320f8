package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MemberDirectory;
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

    public PublicMembersHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("CONFIG_TABLE"), Env.require("EVENT_OUTBOX_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"), "fanops.members", Clock.systemUTC()),
                Clock.systemUTC(), ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Env.optionalInt("MINOR_AGE", 14),
                Env.optionalInt("DATA_REQUEST_DAYS", 15));
    }

    public PublicMembersHandler(DynamoDbClient ddb, String membersTable, String configTable, String outboxTable, DataKeyService keys,
                                RawEventSink events, Clock clock, ZoneId zone, int minorAge, int requestDays) {
        MemberStore members = new MemberStore(ddb, membersTable);
        DataRequestStore requests = new DataRequestStore(ddb, membersTable);
        FieldCipher cipher = new FieldCipher(new Keyring(ddb, configTable, keys, clock));
        EventOutbox outbox = new EventOutbox(ddb, outboxTable, events, clock);
        this.notices = new NoticeStore(ddb, configTable, clock);
        this.signUps = new SignUpService(members, notices, new MemberSettingsStore(ddb, configTable, clock), cipher, outbox, clock, zone,
                minorAge, KEY_LIFETIME);
        // Members' own actions are not operator actions: nothing to audit.
        this.membership = new MembershipService(members, requests, notices, cipher, outbox, null, clock, zone, Duration.ofDays(requestDays));
        this.directory = new MemberDirectory(members, requests, cipher, null, clock);
        this.minorAge = minorAge;
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

    private APIGatewayV2HTTPResponse signUp(ApiRequest req) {
        String key = req.header("idempotency-key");
        SignUpService.checkKey(key);
        var result = signUps.signUp(req.bodyAs(SignUpRequest.class, MAX_BODY), key, req.sourceIp());
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
        membership.changeConsents(profile, () -> req.bodyAs(ConsentChange.class, MAX_BODY).decisions(), req.sourceIp());
        return ApiResponse.json(200, directory.consents(profile.memberId()));
    }

    /** Export is answered at once; correction and erasure wait for an operator's decision before the deadline. */
    private APIGatewayV2HTTPResponse fileRequest(ApiRequest req) {
        MemberProfile profile = member(req);
        RequestBody body = req.bodyAs(RequestBody.class, MAX_BODY);
        DataRequest request = membership.file(profile, body.type(), body.corrections());
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
