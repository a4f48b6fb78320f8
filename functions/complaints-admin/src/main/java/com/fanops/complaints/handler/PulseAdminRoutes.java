package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.Pulses;
import com.fanops.complaints.domain.Pulse;
import com.fanops.complaints.store.PulseStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The community pulse for operators: managers and admins start one (drawn by the sweep; 202 with its id), all four
 * roles read the list and a pulse's results. Starting is audited ({@code complaints.pulse.start}, the pulse id).
 */
final class PulseAdminRoutes {

    private static final int MAX_BODY = 8 * 1024;
    private static final Role[] STARTERS = {Role.ADMIN, Role.MANAGER};
    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};

    private final Pulses pulses;
    private final AuditLog audit;

    PulseAdminRoutes(Pulses pulses, AuditLog audit) {
        this.pulses = pulses;
        this.audit = audit;
    }

    void register(BiConsumer<String, ApiHandler.Route> route) {
        route.accept("POST /v1/admin/pulses", this::start);
        route.accept("GET /v1/admin/pulses", this::list);
        route.accept("GET /v1/admin/pulses/{pulseId}", this::one);
    }

    private APIGatewayV2HTTPResponse start(ApiRequest req) {
        Caller caller = req.caller().requireAny(STARTERS);
        Pulse p = pulses.start(req.bodyAs(Pulses.Start.class, MAX_BODY), caller.username(), req.header("idempotency-key"));
        audit.record(caller.username(), "complaints.pulse.start", p.pulseId(), null);
        return ApiResponse.json(202, pulses.view(p));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest req) {
        req.caller().requireAny(READERS);
        PulseStore.Page page = pulses.list(req.queryCursor("cursor"), req.queryInt("limit", 1, 100, 20));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(pulses::view).toList());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse one(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, pulses.view(pulses.get(req.pathParam("pulseId", Pulse.ID))));
    }
}
