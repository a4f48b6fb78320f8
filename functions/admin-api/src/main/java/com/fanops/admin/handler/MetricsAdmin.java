package com.fanops.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Area;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.EventSink;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.metrics.domain.DailySnapshot;
import com.fanops.metrics.domain.KpiTargets;
import com.fanops.metrics.store.KpiTargetsStore;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.metrics.domain.MetricsBackfillRequested;
import com.fanops.metrics.domain.MetricsCalendar;
import com.fanops.metrics.domain.MetricsReport;
import com.fanops.metrics.domain.ReportPeriod;
import com.fanops.metrics.store.SnapshotStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin side of the retention metrics: daily snapshots, the cohort heat map, weekly/monthly/quarterly reports
 * (JSON or CSV), the versioned KPI targets and backfills. Reading is for the metrics area's roles (admin, manager,
 * analyst - aggregates only, no personal data anywhere); changing targets and asking for a backfill is for admins,
 * and both are audited.
 */
final class MetricsAdmin {

    public record TargetsChange(Integer basedOn, Targets targets) {
    }

    public record Targets(Double monthlyActiveRate, Double annualRetention, Double satisfaction, Double conversion) {
    }

    public record Backfill(LocalDate from, LocalDate to) {
    }

    static final int MAX_DAYS = 400;
    private static final Role[] READERS = Arrays.stream(Role.values()).filter(r -> Area.METRICS.openTo(Set.of(r))).toArray(Role[]::new);

    private final SnapshotStore snapshots;
    private final KpiTargetsStore targets;
    private final AuditLog audit;
    private final EventSink bus;
    private final ZoneId zone;
    private final Clock clock;

    MetricsAdmin(DynamoDbClient ddb, String metricsTable, String configTable, AuditLog audit, EventSink bus, ZoneId zone, Clock clock) {
        this.snapshots = new SnapshotStore(ddb, metricsTable, new CapacityMeter());
        this.targets = new KpiTargetsStore(ddb, configTable, clock);
        this.audit = audit;
        this.bus = bus;
        this.zone = zone;
        this.clock = clock;
    }

    private LocalDate lastWholeDay() {
        return MetricsCalendar.lastWholeDay(clock.instant(), zone);
    }

    APIGatewayV2HTTPResponse daily(ApiRequest req) {
        req.caller().requireAny(READERS);
        LocalDate to = date(req.query("to"), "to", lastWholeDay());
        LocalDate from = date(req.query("from"), "from", to.minusDays(29));
        range(from, to);
        return ApiResponse.json(200, Map.of("days", snapshots.range(from, to)));
    }

    APIGatewayV2HTTPResponse day(ApiRequest req) {
        req.caller().requireAny(READERS);
        LocalDate day = date(req.pathParam("day"), "day", null);
        return ApiResponse.json(200, snapshots.get(day).orElseThrow(() -> ProblemException.notFound("The snapshot of " + day)));
    }

    /** The 30 day cohorts before {@code to}: classic N-day counts from the snapshot of day c+N, "on or after" from {@code to}'s. */
    APIGatewayV2HTTPResponse cohorts(ApiRequest req) {
        req.caller().requireAny(READERS);
        LocalDate to = date(req.query("to"), "to", lastWholeDay());
        Map<LocalDate, DailySnapshot> byDay = new HashMap<>();
        snapshots.range(to.minusDays(29), to).forEach(s -> byDay.put(s.day(), s));
        DailySnapshot latest = byDay.get(to);
        if (latest == null) {
            throw ProblemException.notFound("The snapshot of " + to);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DailySnapshot.CohortRow row : latest.cohorts()) {
            Map<String, Long> classic = new LinkedHashMap<>();
            for (int n = 1; !row.cohortDay().plusDays(n).isAfter(to); n++) {
                String key = Integer.toString(n);
                DailySnapshot then = byDay.get(row.cohortDay().plusDays(n));
                if (then != null) {
                    then.cohorts().stream().filter(r -> r.cohortDay().equals(row.cohortDay())).findFirst()
                            .ifPresent(r -> classic.put(key, r.activeToday()));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cohortDay", row.cohortDay());
            out.put("size", row.size());
            out.put("classic", classic);
            out.put("onOrAfter", row.onOrAfter());
            rows.add(out);
        }
        return ApiResponse.json(200, Map.of("to", to, "cohorts", rows));
    }

    APIGatewayV2HTTPResponse report(ApiRequest req) {
        req.caller().requireAny(READERS);
        ReportPeriod.Kind kind = ReportPeriod.Kind.of(req.pathParam("period"))
                .orElseThrow(() -> ProblemException.invalidField("period", "one of week, month, quarter"));
        if (req.query("start") == null) {
            throw ProblemException.invalidField("start", "is required (YYYY-MM-DD, any day of the period)");
        }
        ReportPeriod period = ReportPeriod.containing(kind, date(req.query("start"), "start", null));
        LocalDate through = lastWholeDay();
        if (period.start().isAfter(through)) {
            throw ProblemException.invalidField("start", "the " + kind.key() + " " + period.label() + " has not begun");
        }
        ReportPeriod previous = period.previous();
        List<DailySnapshot> all = snapshots.range(previous.start(), period.end().isAfter(through) ? through : period.end());
        MetricsReport report = MetricsReport.of(period, all, all, through, zone.getId());
        String format = req.query("format");
        String accept = req.header("accept");
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ProblemException.invalidField("format", "csv or json");
        }
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv"));
        if (!csv) {
            return ApiResponse.json(200, report);
        }
        APIGatewayV2HTTPResponse response = ApiResponse.text(200, "text/csv; charset=utf-8", report.csv());
        response.getHeaders().put("content-disposition", "attachment; filename=\"" + report.filename() + "\"");
        return response;
    }

    APIGatewayV2HTTPResponse currentTargets(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, targets.currentVersion());
    }

    APIGatewayV2HTTPResponse targetsHistory(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, targets.history(req.query("cursor"), req.query("limit")));
    }

    APIGatewayV2HTTPResponse changeTargets(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        TargetsChange body = req.bodyAs(TargetsChange.class, 4 * 1024);
        Targets t = body.targets();
        KpiTargets proposed = t == null ? null
                : new KpiTargets(0, null, null, t.monthlyActiveRate(), t.annualRetention(), t.satisfaction(), t.conversion());
        SettingsVersion<KpiTargets> saved = targets.change(proposed, body.basedOn(), caller.username());
        audit.record(caller.username(), "kpi-targets.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/metrics/targets", saved);
    }

    APIGatewayV2HTTPResponse backfill(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        Backfill body = req.bodyAs(Backfill.class, 1024);
        if (body.from() == null) {
            throw ProblemException.invalidField("from", "is required (YYYY-MM-DD)");
        }
        if (body.to() == null) {
            throw ProblemException.invalidField("to", "is required (YYYY-MM-DD)");
        }
        range(body.from(), body.to());
        LocalDate last = lastWholeDay();
        if (body.to().isAfter(last)) {
            throw ProblemException.invalidField("to", "must be on or before " + last + ", the last whole business day");
        }
        bus.publish(new MetricsBackfillRequested(body.from(), body.to()));
        audit.record(caller.username(), "metrics.backfill", body.from() + ".." + body.to(), null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", body.from());
        out.put("to", body.to());
        out.put("days", ChronoUnit.DAYS.between(body.from(), body.to()) + 1);
        out.put("status", "accepted");
        return ApiResponse.json(202, out);
    }

    private static void range(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must be on or after from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ProblemException.invalidField("to", "at most " + MAX_DAYS + " days from from (" + from + ")");
        }
    }

    private static LocalDate date(String raw, String field, LocalDate dflt) {
        if (raw == null) {
            if (dflt == null) {
                throw ProblemException.invalidField(field, "is required (YYYY-MM-DD)");
            }
            return dflt;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "a date as YYYY-MM-DD");
        }
    }
}
