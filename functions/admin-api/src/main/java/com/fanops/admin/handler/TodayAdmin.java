package com.fanops.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.engagement.store.StandingWork;
import com.fanops.members.domain.MemberStatus;
import com.fanops.metrics.domain.MetricsCalendar;
import com.fanops.metrics.store.CareAudience;
import com.fanops.metrics.store.SnapshotStore;
import com.fanops.metrics.store.TodayFacts;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Area;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operators' Today page, the part this function's tables hold (docs/metrics.md, "Today"):
 * {@code GET /v1/admin/metrics/today} - members active so far today, for the metrics area's roles, the dashboard asking
 * again every minute - and {@code GET /v1/admin/today/engagement} - announced downgrades, points lots expiring in the
 * next 7 days, and the latest dormant members with marketing consent not cared for - for admins and managers, audited.
 * Both answers are kept per container for a minute: the figures move by the day, and the counts read whole partitions.
 */
final class TodayAdmin {

    static final Duration KEPT = Duration.ofSeconds(60);
    static final int FIRST = 5;
    /** Consents read per look at the dormant members not cared for (one BatchGetItem per 100). */
    static final int CONSENTS_CHECKED = 100;
    static final int EXPIRING_DAYS = 7;
    private static final Role[] READERS = Arrays.stream(Role.values()).filter(r -> Area.METRICS.openTo(Set.of(r))).toArray(Role[]::new);

    private record Kept(Instant at, LocalDate day, Map<String, Object> body) {
    }

    private final TodayFacts facts;
    private final CareAudience audience;
    private final StandingWork standing;
    private final SnapshotStore snapshots;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;
    private volatile Kept active;
    private volatile Kept engagement;

    TodayAdmin(DynamoDbClient ddb, String metricsTable, String membersTable, String interactionsTable, AuditLog audit, ZoneId zone,
               Clock clock) {
        CapacityMeter meter = new CapacityMeter();
        this.facts = new TodayFacts(ddb, metricsTable, meter);
        this.audience = new CareAudience(ddb, membersTable, meter);
        this.standing = new StandingWork(ddb, interactionsTable, meter);
        this.snapshots = new SnapshotStore(ddb, metricsTable, meter);
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse activeToday(ApiRequest req) {
        req.caller().requireAny(READERS);
        active = fresh(active, () -> {
            LocalDate day = today();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("day", day);
            body.put("activeMembers", facts.activeMembers(day));
            return body;
        });
        return ApiResponse.json(200, answer(active));
    }

    APIGatewayV2HTTPResponse engagementWork(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN, Role.MANAGER);
        engagement = fresh(engagement, () -> {
            LocalDate day = today();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("day", day);
            // A downgrade due yesterday is still pending when today's review has not run yet.
            StandingWork.Downgrades downgrades = standing.downgradesFrom(day.minusDays(1), FIRST);
            body.put("downgrades", Map.of("count", downgrades.count(), "first", downgrades.first()));
            LocalDate until = day.plusDays(EXPIRING_DAYS);
            body.put("expiringPoints", Map.of("from", day.plusDays(1), "to", until, "lots", standing.lotsExpiring(day.plusDays(1), until)));
            body.put("dormant", dormant());
            return body;
        });
        audit.record(caller.username(), "today.read", "engagement", null);
        return ApiResponse.json(200, answer(engagement));
    }

    /** The newest computed day's episodes (the daily run writes the day just ended): those with consent and no care. */
    private Map<String, Object> dormant() {
        LocalDate last = MetricsCalendar.lastWholeDay(clock.instant(), zone);
        LocalDate day = snapshots.get(last).isPresent() ? last : last.minusDays(1);
        TodayFacts.Dormancy d = facts.dormancy(day);
        List<String> checked = d.notCared().stream().limit(CONSENTS_CHECKED).toList();
        var recipients = audience.of(checked);
        List<String> withConsent = checked.stream().filter(id -> {
            CareAudience.Recipient r = recipients.get(id);
            return r != null && r.marketing() && r.status() != null && MemberStatus.of(r.status()).map(s -> !s.ended()).orElse(false);
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day);
        out.put("episodes", d.episodes());
        out.put("cared", d.cared());
        out.put("notCared", d.notCared().size());
        out.put("checked", checked.size());
        out.put("withConsent", withConsent.size());
        out.put("first", withConsent.stream().limit(FIRST).toList());
        return out;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private Kept fresh(Kept kept, Supplier<Map<String, Object>> read) {
        Instant now = clock.instant();
        if (kept != null && kept.day().equals(today()) && now.isBefore(kept.at().plus(KEPT))) {
            return kept;
        }
        return new Kept(now, today(), read.get());
    }

    private static Map<String, Object> answer(Kept kept) {
        Map<String, Object> out = new LinkedHashMap<>(kept.body());
        out.put("countedAt", kept.at());
        out.put("refreshSeconds", KEPT.toSeconds());
        return out;
    }
}
