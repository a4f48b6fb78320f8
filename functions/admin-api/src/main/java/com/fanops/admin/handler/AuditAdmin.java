package com.fanops.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.audit.AuditReasons;
import com.fanops.platform.audit.AuditTrail;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Dates;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The audit log viewer (admins only): who did what, when, to what, newest first, over business days in
 * {@code BUSINESS_TIME_ZONE}, filtered by exact actor, action prefix and exact target. Free-text reasons are withheld
 * ({@link AuditReasons}).
 */
final class AuditAdmin {

    /** A line as the viewer shows it; {@code reasonWithheld} says a reason exists but is the operator's free text. */
    public record Shown(String at, String actor, String action, String target, String reason, boolean reasonWithheld) {
    }

    static final int MAX_DAYS = 92;
    static final int DEFAULT_DAYS = 7;
    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;
    private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    private final AuditTrail trail;
    private final ZoneId zone;
    private final Clock clock;

    AuditAdmin(DynamoDbClient ddb, String auditTable, ZoneId zone, Clock clock) {
        this.trail = new AuditTrail(ddb, auditTable);
        this.zone = zone;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse lines(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate to = req.queryDate("to", Dates.MIN, Dates.MAX, today);
        LocalDate from = req.queryDate("from", Dates.MIN, Dates.MAX, to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.invalidField("from", "must be at most " + MAX_DAYS + " days before to, both included");
        }
        AuditTrail.Filter filter = new AuditTrail.Filter(req.queryText("actor", 200), req.queryMatching("action", ACTION),
                req.queryText("target", 200));
        String cursor = req.queryCursor("cursor");
        int limit = req.queryInt("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        AuditTrail.Page page = trail.read(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), filter,
                cursor, limit);
        List<Shown> items = page.lines().stream().map(l -> AuditReasons.shown(l.action())
                ? new Shown(l.at(), l.actor(), l.action(), l.target(), l.reason(), false)
                : new Shown(l.at(), l.actor(), l.action(), l.target(), null, l.reason() != null)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("items", items);
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return ApiResponse.json(200, body);
    }
}
