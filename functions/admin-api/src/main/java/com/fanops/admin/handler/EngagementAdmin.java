package com.fanops.admin.handler;

import com.fanops.members.domain.MemberStatuses;
import com.fanops.members.store.MemberStatusStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.PointsAdjustments;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.store.RulesStore;
import com.fanops.engagement.store.Timeline;
import com.fanops.engagement.store.PointsLedger;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.app.StandingService;
import com.fanops.engagement.store.StandingStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin side of engagement: a member's standing, interactions, points ledger and tier history; manual
 * points adjustments (audited); the versioned engagement rules. Reading a member is for the roles of the
 * members area; adjusting points for admins and managers; changing rules for admins.
 */
final class EngagementAdmin {

    public record Adjustment(Long points, String reason, String adjustmentId) {
    }

    public record RulesChange(Integer basedOn, EngagementRules rules) {
    }

    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT};

    private final MemberStatuses members;
    private final RulesStore rules;
    private final StandingService standing;
    private final StandingStore standings;
    private final PointsLedger ledger;
    private final Timeline timeline;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    EngagementAdmin(DynamoDbClient ddb, String interactionsTable, String membersTable, String configTable, AuditLog audit,
                    ZoneId zone, Clock clock) {
        var meter = new com.fanops.platform.dynamo.CapacityMeter();
        InteractionStore days = new InteractionStore(ddb, interactionsTable, zone, meter);
        this.members = new MemberStatusStore(ddb, membersTable, null);
        this.rules = new RulesStore(ddb, configTable, clock, java.time.Duration.ZERO);
        this.standings = new StandingStore(ddb, interactionsTable, meter);
        this.standing = new StandingService(days, standings, null, zone);
        this.ledger = new PointsLedger(ddb, interactionsTable, days, null, zone, clock);
        this.timeline = new Timeline(ddb, interactionsTable);
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse engagement(ApiRequest req) {
        req.caller().requireAny(READERS);
        String memberId = member(req);
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        EngagementRules inForce = rules.current();
        StandingService.Evaluation e = standing.peek(memberId, now, inForce);
        Standing s = e.standing();
        List<MemberDay> lots = ledger.lots(memberId, today);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", memberId);
        out.put("score", Math.round(e.score() * 100) / 100.0);
        out.put("activeDays", e.activeDays());
        out.put("category", s.category().key());
        out.put("categorySince", s.categorySince());
        out.put("tier", s.tier().key());
        out.put("tierSince", s.tierSince());
        out.put("holdUntil", s.holdUntil());
        out.put("downgradeOn", s.downgradeOn());
        out.put("qualifying", e.qualifying());
        out.put("qualifiesFor", e.qualifiedFor().key());
        out.put("balance", lots.stream().mapToLong(MemberDay::remaining).sum());
        out.put("lots", lots.stream().map(l -> Map.of("earnedOn", l.day().toString(), "expiresOn", l.expiresOn().toString(),
                "remaining", l.remaining())).toList());
        out.put("standingRulesVersion", s.rulesVersion());
        out.put("rulesVersion", inForce.version());
        return ApiResponse.json(200, out);
    }

    APIGatewayV2HTTPResponse interactions(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, timeline.page(member(req), Timeline.View.INTERACTIONS, req.query("cursor"), limit(req)));
    }

    APIGatewayV2HTTPResponse points(ApiRequest req) {
        req.caller().requireAny(READERS);
        String memberId = member(req);
        Timeline.Page page = timeline.page(memberId, Timeline.View.LEDGER, req.query("cursor"), limit(req));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("balance", ledger.balance(memberId, clock.instant().atZone(zone).toLocalDate()));
        out.put("items", page.items());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    APIGatewayV2HTTPResponse tierHistory(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, Map.of("items", standings.tierHistory(member(req))));
    }

    APIGatewayV2HTTPResponse adjust(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        String memberId = member(req);
        Adjustment body = req.bodyAs(Adjustment.class, 4 * 1024);
        PointsAdjustments.check(body.points()).ifPresent(error -> {
            throw ProblemException.validation(List.of(error));
        });
        if (body.reason() == null || body.reason().strip().length() < 3 || body.reason().length() > 200) {
            throw ProblemException.invalidField("reason", "is required (3 to 200 characters)");
        }
        String id = body.adjustmentId() == null ? UUID.randomUUID().toString() : body.adjustmentId();
        if (!id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw ProblemException.invalidField("adjustmentId", "1-64 letters, digits, . _ : -");
        }
        EngagementRules inForce = rules.current();
        PointsLedger.Entry entry;
        try {
            entry = ledger.adjust(memberId, body.points(), "adj-" + id, body.reason().strip(), caller.username(), inForce.version(), inForce.lotMonths());
        } catch (PointsLedger.InsufficientPointsException e) {
            throw ProblemException.unprocessable("insufficient-points", "Not enough points",
                    "The balance is " + e.balance() + "; an adjustment cannot take it below zero.");
        }
        if (!entry.repeated()) {
            audit.record(caller.username(), "points.adjust", memberId, body.points() + " " + body.reason().strip());
        }
        return ApiResponse.json(entry.repeated() ? 200 : 201, entry);
    }

    APIGatewayV2HTTPResponse currentRules(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        return ApiResponse.json(200, rules.currentVersion());
    }

    APIGatewayV2HTTPResponse rulesHistory(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        return ApiResponse.json(200, rules.history(req.query("cursor"), req.query("limit")));
    }

    APIGatewayV2HTTPResponse changeRules(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        RulesChange body = req.bodyAs(RulesChange.class, 32 * 1024);
        SettingsVersion<EngagementRules> saved = rules.change(body.rules(), body.basedOn(), caller.username());
        audit.record(caller.username(), "engagement-rules.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/engagement/rules", saved);
    }

    private String member(ApiRequest req) {
        String memberId = req.pathParam("memberId");
        if (memberId == null || !memberId.matches("m_[0-9a-f]{1,64}") || !members.of(List.of(memberId)).containsKey(memberId)) {
            throw ProblemException.notFound("Member");
        }
        return memberId;
    }

    private static int limit(ApiRequest req) {
        String raw = req.query("limit");
        try {
            int limit = raw == null ? 50 : Integer.parseInt(raw);
            if (limit < 1 || limit > 200) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", "a whole number from 1 to 200");
        }
    }
}
