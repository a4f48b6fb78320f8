package com.fanops.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.log.Log;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of every HTTP function: dispatches on API Gateway's route key to a registered route, turns
 * {@link ProblemException} into problem+json, and any other fault into a 500 with the correlation id
 * (logged with its stack trace, never with the request body).
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse handle(ApiRequest request) throws Exception;
    }

    private static final Log LOG = Log.get(ApiHandler.class);
    private final Map<String, Route> routes = new HashMap<>();

    protected final void route(String routeKey, Route route) {
        if (routes.put(routeKey, route) != null) {
            throw new IllegalStateException("route registered twice: " + routeKey);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        Log.setCorrelationId(request.correlationId());
        APIGatewayV2HTTPResponse response;
        try {
            Route route = routes.get(event.getRouteKey());
            if (route == null) {
                throw ProblemException.notFound("Route " + event.getRouteKey());
            }
            response = route.handle(request);
        } catch (ProblemException e) {
            response = ApiResponse.problem(e.problem().withContext(event.getRawPath(), request.correlationId()));
            response.getHeaders().putAll(e.headers());
        } catch (Exception | LinkageError e) {
            LOG.error("request failed", e, "routeKey", event.getRouteKey());
            response = ApiResponse.problem(new Problem(Problem.BASE + "internal", "Internal error", 500,
                    "Something went wrong on our side and nothing was changed. Quote the correlation id if you contact support.",
                    event.getRawPath(), request.correlationId(), null));
        }
        LOG.info("request", "routeKey", event.getRouteKey(), "status", response.getStatusCode(),
                "durationMs", (System.nanoTime() - started) / 1_000_000);
        Log.clearContext();
        return response;
    }
}
