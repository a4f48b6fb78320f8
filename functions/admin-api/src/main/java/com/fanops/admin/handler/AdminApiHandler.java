package com.fanops.admin.handler;

import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Area;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.EventSink;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.engagement.domain.ChannelKeyRequest;
import com.fanops.engagement.store.ChannelKeys;
import com.fanops.metrics.app.MetricsJob;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's session (who is signed in, roles, the dashboard areas they may open) and platform
 * administration: channel API keys for the interaction ingestion API (shown once, stored as hashes), engagement
 * administration ({@link EngagementAdmin}: member standing, timeline, points, rules) and retention metrics
 * ({@link MetricsAdmin}: snapshots, cohorts, reports, KPI targets, backfills), the audit log viewer ({@link AuditAdmin}) and
 * the Today page's counts of this function's tables ({@link TodayAdmin}).
 */
public final class AdminApiHandler extends ApiHandler {

    public record Me(String subject, String username, List<String> roles, List<String> areas, boolean seesPersonalData) {
    }

    public record NewKey(String channel, String name) {
    }

    /** The bus client is built on the first backfill request, not at cold start: most calls never publish. */
    private static final class Bus {
        static final EventPublisher PUBLISHER = new EventPublisher(AwsClients.eventBridge(), Env.require("EVENT_BUS_NAME"),
                MetricsJob.SOURCE, Clock.systemUTC());
    }

    public AdminApiHandler() {
        this(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"), Env.require("AUDIT_TABLE"), Env.require("INTERACTIONS_TABLE"),
                Env.require("MEMBERS_TABLE"), Env.require("METRICS_TABLE"), detail -> Bus.PUBLISHER.publish(detail),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")), Clock.systemUTC());
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public AdminApiHandler(DynamoDbClient ddb, String configTable, String auditTable, String interactionsTable, String membersTable,
                           String metricsTable, EventSink bus, ZoneId zone, Clock clock) {
        ChannelKeys keys = new ChannelKeys(ddb, configTable, clock);
        AuditLog audit = new AuditLog(ddb, auditTable, clock);
        EngagementAdmin engagement = new EngagementAdmin(ddb, interactionsTable, membersTable, configTable, audit, zone, clock);
        MetricsAdmin metrics = new MetricsAdmin(ddb, metricsTable, configTable, audit, bus, zone, clock);
        AuditAdmin auditLog = new AuditAdmin(ddb, auditTable, zone, clock);
        route("GET /v1/admin/audit", auditLog::lines);
        TodayAdmin today = new TodayAdmin(ddb, metricsTable, membersTable, interactionsTable, audit, zone, clock);
        route("GET /v1/admin/metrics/today", today::activeToday);
        route("GET /v1/admin/today/engagement", today::engagementWork);
        route("GET /v1/admin/metrics/daily", metrics::daily);
        route("GET /v1/admin/metrics/daily/{day}", metrics::day);
        route("GET /v1/admin/metrics/cohorts", metrics::cohorts);
        route("GET /v1/admin/metrics/reports/{period}", metrics::report);
        route("GET /v1/admin/metrics/targets", metrics::currentTargets);
        route("PUT /v1/admin/metrics/targets", metrics::changeTargets);
        route("GET /v1/admin/metrics/targets/history", metrics::targetsHistory);
        route("POST /v1/admin/metrics/backfill", metrics::backfill);
        route("GET /v1/admin/members/{memberId}/engagement", engagement::engagement);
        route("GET /v1/admin/members/{memberId}/interactions", engagement::interactions);
        route("GET /v1/admin/members/{memberId}/points", engagement::points);
        route("POST /v1/admin/members/{memberId}/points/adjustments", engagement::adjust);
        route("GET /v1/admin/members/{memberId}/tier-history", engagement::tierHistory);
        route("GET /v1/admin/engagement/rules", engagement::currentRules);
        route("PUT /v1/admin/engagement/rules", engagement::changeRules);
        route("GET /v1/admin/engagement/rules/history", engagement::rulesHistory);
        route("GET /v1/admin/me", req -> {
            Caller caller = req.caller().requireAny(Role.values());
            List<String> roles = caller.roles().stream().sorted().map(Role::group).toList();
            List<String> areas = Arrays.stream(Area.values()).filter(a -> a.openTo(caller.roles())).map(Area::key).toList();
            return ApiResponse.json(200, new Me(caller.subject(), caller.username(), roles, areas, caller.seesPersonalData()));
        });
        route("GET /v1/admin/channel-keys", req -> {
            req.caller().requireAny(Role.ADMIN);
            return ApiResponse.json(200, Map.of("items", keys.list()));
        });
        route("POST /v1/admin/channel-keys", req -> {
            Caller caller = req.caller().requireAny(Role.ADMIN);
            NewKey body = req.bodyAs(NewKey.class, 4 * 1024);
            ChannelKeyRequest asked = ChannelKeyRequest.of(body.channel(), body.name());
            ChannelKeys.Created created = keys.create(asked.channel(), asked.name(), caller.username());
            audit.record(caller.username(), "channel-keys.create", created.keyId(), asked.channel());
            return ApiResponse.created("/v1/admin/channel-keys/" + created.keyId(), created);
        });
        route("DELETE /v1/admin/channel-keys/{keyId}", req -> {
            Caller caller = req.caller().requireAny(Role.ADMIN);
            String keyId = req.pathParam("keyId", ChannelKeys.KEY_ID);
            if (!keys.revoke(keyId)) {
                throw ProblemException.notFound("Channel key");
            }
            audit.record(caller.username(), "channel-keys.revoke", keyId, null);
            return ApiResponse.json(200, Map.of("keyId", keyId, "revoked", true));
        });
    }
}
