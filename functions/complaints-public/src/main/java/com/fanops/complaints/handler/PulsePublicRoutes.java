package com.fanops.complaints.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.complaints.app.Pulses;
import com.fanops.complaints.domain.Pulse;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import java.util.Map;
import java.util.function.BiConsumer;

/** The community pulse for a sampled member, through the private link's token: the question, and the answer (once). */
final class PulsePublicRoutes {

    private static final int MAX_BODY = 8 * 1024;
    private final Pulses pulses;

    PulsePublicRoutes(Pulses pulses) {
        this.pulses = pulses;
    }

    void register(BiConsumer<String, ApiHandler.Route> route) {
        route.accept("GET /v1/pulses/{pulseId}", req -> ApiResponse.json(200,
                pulses.forMember(req.pathParam("pulseId", Pulse.ID), req.header("authorization"))));
        route.accept("POST /v1/pulses/{pulseId}/answers", this::answer);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest req) {
        String pulseId = req.pathParam("pulseId", Pulse.ID);
        pulses.answer(pulseId, req.header("authorization"), req.bodyAs(Pulses.Answer.class, MAX_BODY));
        return ApiResponse.json(201, Map.of("pulseId", pulseId, "answered", true));
    }
}
