package com.fanops.template;

import java.util.List;
import java.util.Map;

/** An AWS::Serverless::HttpApi: its JWT authorizers, CORS and default throttling. */
/** Throttling values stay raw: they are often parameters. */
public record HttpApiSpec(String logicalId, Map<String, Authorizer> authorizers, Cors cors, Object throttlingRateLimit,
                          Object throttlingBurstLimit) {

    /** Issuer and audience stay raw: they usually refer to the user pool and its client. */
    public record Authorizer(String name, String identitySource, Object issuer, Object audience) {
    }

    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    }

    static HttpApiSpec of(Resource r) {
        Map<String, Authorizer> authorizers = new java.util.LinkedHashMap<>();
        Template.asMap(r.map("Auth").get("Authorizers")).forEach((name, def) -> {
            Map<String, Object> d = Template.asMap(def);
            Map<String, Object> jwt = Template.asMap(d.get("JwtConfiguration"));
            authorizers.put(name, new Authorizer(name, String.valueOf(d.getOrDefault("IdentitySource", "$request.header.Authorization")),
                    jwt.get("issuer"), jwt.get("audience")));
        });
        Cors cors = null;
        Object rawCors = r.property("CorsConfiguration");
        if (rawCors instanceof Map<?, ?> c) {
            Map<String, Object> m = Template.asMap(c);
            cors = new Cors(strings(m.get("AllowOrigins")), strings(m.get("AllowMethods")), strings(m.get("AllowHeaders")),
                    strings(m.get("ExposeHeaders")), m.get("MaxAge") == null ? null : QueueSpec.intOf(m.get("MaxAge"), 0),
                    Boolean.parseBoolean(String.valueOf(m.get("AllowCredentials"))));
        }
        Map<String, Object> route = r.map("DefaultRouteSettings");
        return new HttpApiSpec(r.logicalId(), authorizers, cors, route.get("ThrottlingRateLimit"),
                route.get("ThrottlingBurstLimit"));
    }

    private static List<String> strings(Object raw) {
        return Template.asList(raw).stream().map(String::valueOf).toList();
    }
}
