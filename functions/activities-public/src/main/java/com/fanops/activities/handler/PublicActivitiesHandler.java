package com.fanops.activities.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.activities.app.ActivityViews;
import com.fanops.activities.app.Registrations;
import com.fanops.activities.app.Surveys;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.activities.domain.CheckInCodes;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.messaging.store.MessageRequests;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.DataKeyService;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Activities for members: anyone reads the published activities (the public page); a member, with the member token from
 * sign-up ({@code Authorization: Bearer}, as the rewards member routes), registers or joins the waiting list, cancels,
 * lists their activities, shows the rotating check-in code and answers the post-activity survey - also without the member
 * token, through the survey link the daily job sent ({@code POST /v1/activities/{activityId}/survey}, the link's own token). Confirmations and
 * promotions go out through messaging ({@link QueuedNotices}).
 */
public final class PublicActivitiesHandler extends ApiHandler {

    static final Pattern ACTIVITY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_BODY = 4 * 1024;
    /** The public list: activities that started up to 31 days ago (the longest) or start within a year. */
    private static final Duration LIST_BACK = Duration.ofDays(31);
    private static final Duration LIST_AHEAD = Duration.ofDays(366);

    /** The tables the function reads and writes. */
    public record Tables(String activities, String members, String interactions, String config, String directory) {
    }

    public record Answer(Integer score, String comment) {
    }

    private final ActivityStore activities;
    private final RegistrationStore registrationStore;
    private final Registrations registrations;
    private final Surveys surveys;
    private final MemberAudience members;
    private final Clock clock;

    public PublicActivitiesHandler() {
        this(AwsClients.dynamoDb(), new Tables(Env.require("ACTIVITIES_TABLE"), Env.require("MEMBERS_TABLE"), Env.require("INTERACTIONS_TABLE"),
                        Env.require("CONFIG_TABLE"), Env.require("MEMBER_DIRECTORY_TABLE")),
                AwsClients.sqs(), Env.require("MESSAGE_REQUESTS_QUEUE_URL"), new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("ACTIVITIES_TABLE")));
    }

    public PublicActivitiesHandler(DynamoDbClient ddb, Tables tables, SqsClient sqs, String messageRequestsQueueUrl, DataKeyService keys,
                                   ZoneId zone, Clock clock) {
        this.clock = clock;
        this.activities = new ActivityStore(ddb, tables.activities());
        this.registrationStore = new RegistrationStore(ddb, tables.activities());
        this.members = new MemberAudience(new MemberStore(ddb, tables.members()), new StandingStore(ddb, tables.interactions(), new CapacityMeter()),
                new SegmentStore(ddb, tables.config()), new MemberDirectoryStore(ddb, tables.directory(), zone), zone);
        this.registrations = new Registrations(activities, registrationStore, members, (eventId, activityId, memberId, at) -> {
            throw new IllegalStateException("members check no one in: the staff's route does");
        }, new QueuedNotices(new MessageRequests(sqs, messageRequestsQueueUrl), registrationStore, zone, clock), clock);
        this.surveys = new Surveys(activities, registrationStore, new SurveyStore(ddb, tables.activities()),
                new FieldCipher(new Keyring(ddb, tables.config(), keys, clock)), clock);
        route("GET /v1/activities", this::list);
        route("GET /v1/activities/{activityId}", req -> ApiResponse.json(200, ActivityViews.open(visible(activityId(req)))));
        route("POST /v1/members/{memberId}/activities/{activityId}/registration", this::register);
        route("DELETE /v1/members/{memberId}/activities/{activityId}/registration", this::cancel);
        route("GET /v1/members/{memberId}/activities", req -> {
            String memberId = member(req);
            return ApiResponse.json(200, Map.of("items", ActivityViews.ofMember(registrationStore.ofMember(memberId, 200), activities::get)));
        });
        route("GET /v1/members/{memberId}/activities/{activityId}/code", this::code);
        route("POST /v1/members/{memberId}/activities/{activityId}/survey", this::answer);
        route("POST /v1/activities/{activityId}/survey", this::answerByLink);
    }

    private static String activityId(ApiRequest req) {
        return req.pathParam("activityId", ACTIVITY);
    }

    private String member(ApiRequest req) {
        return members.authorise(req.pathParam("memberId", MemberIds.MEMBER), req.header("authorization"));
    }

    private ActivityStore.Stored visible(String activityId) {
        return activities.get(activityId).filter(s -> ActivityViews.publiclyVisible(s.activity().status()))
                .orElseThrow(() -> ProblemException.notFound("Activity " + activityId));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest req) {
        Instant now = clock.instant();
        List<Map<String, Object>> items = activities.calendar(now.minus(LIST_BACK), now.plus(LIST_AHEAD)).stream()
                .filter(s -> s.activity().status() == ActivityStatus.PUBLISHED || s.activity().status() == ActivityStatus.RUNNING)
                .map(ActivityViews::open).toList();
        return ApiResponse.json(200, Map.of("items", items));
    }

    /** 201 with the seat or the place on the waiting list; a repeat answers 200 with the same. */
    private APIGatewayV2HTTPResponse register(ApiRequest req) {
        String m = member(req);
        String id = activityId(req);
        RegistrationStore.Outcome out = registrations.register(m, id);
        RegistrationStore.Registration r = out.registration();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activityId", id);
        body.put("status", ActivityViews.key(r.status()));
        body.put("no", r.no());
        if (r.status() == RegistrationStore.Status.WAITING) {
            int position = registrationStore.waitingList(id).indexOf(m);
            body.put("position", position < 0 ? null : position + 1);
        }
        return out.result() == RegistrationStore.Result.ALREADY ? ApiResponse.json(200, body)
                : ApiResponse.created("/v1/members/" + m + "/activities/" + id + "/registration", body);
    }

    private APIGatewayV2HTTPResponse cancel(ApiRequest req) {
        String m = member(req);
        RegistrationStore.Outcome out = registrations.cancel(m, activityId(req));
        return ApiResponse.json(200, Map.of("status", "cancelled", "promoted", out.promoted().size()));
    }

    private APIGatewayV2HTTPResponse code(ApiRequest req) {
        String m = member(req);
        CheckInCodes.Code c = registrations.code(m, activityId(req));
        return ApiResponse.json(200, Map.of("code", c.text(), "refreshAt", c.refreshAt().toString(), "validUntil", c.validUntil().toString()));
    }

    /** The survey link's own credential ({@code Authorization: Bearer <memberId>.<tag>}) instead of the member token. */
    private APIGatewayV2HTTPResponse answerByLink(ApiRequest req) {
        String id = activityId(req);
        String authorization = req.header("authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        Answer body = req.bodyAs(Answer.class, MAX_BODY);
        SurveyStore.Answer a = surveys.answerByLink(id, token, body.score(), body.comment());
        return ApiResponse.created("/v1/activities/" + id + "/survey", Map.of("activityId", id, "score", a.score(), "answeredAt", a.answeredAt().toString()));
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest req) {
        String m = member(req);
        String id = activityId(req);
        Answer body = req.bodyAs(Answer.class, MAX_BODY);
        SurveyStore.Answer a = surveys.answer(m, id, body.score(), body.comment());
        return ApiResponse.created("/v1/members/" + m + "/activities/" + id + "/survey",
                Map.of("activityId", id, "score", a.score(), "answeredAt", a.answeredAt().toString()));
    }
}
