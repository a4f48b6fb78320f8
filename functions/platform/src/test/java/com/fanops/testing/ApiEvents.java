package com.fanops.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds API Gateway HTTP API (payload 2.0) events as the front sends them, for handler tests. */
public final class ApiEvents {

    private final String method;
    private final String pathTemplate;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String body;
    private Map<String, String> claims;
    private String sourceIp = "127.0.0.1";

    private ApiEvents(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    public static ApiEvents request(String method, String pathTemplate, String... pathValues) {
        ApiEvents events = new ApiEvents(method, pathTemplate);
        Matcher m = Pattern.compile("\\{([^}+]+)\\+?}").matcher(pathTemplate);
        int i = 0;
        while (m.find()) {
            events.pathParameters.put(m.group(1), pathValues[i++]);
        }
        return events;
    }

    public ApiEvents json(String json) {
        this.body = json;
        headers.put("content-type", "application/json");
        return this;
    }

    public ApiEvents header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public ApiEvents query(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** The client address API Gateway saw (requestContext.http.sourceIp); 127.0.0.1 unless set. */
    public ApiEvents sourceIp(String ip) {
        this.sourceIp = ip;
        return this;
    }

    /** JWT claims as HTTP APIs pass them: strings, with groups as "[a b]". */
    public ApiEvents operator(String username, List<String> groups) {
        claims = new HashMap<>();
        claims.put("sub", "sub-" + username);
        claims.put("email", username);
        claims.put("cognito:groups", "[" + String.join(" ", groups) + "]");
        return this;
    }

    public APIGatewayV2HTTPEvent build() {
        String rawPath = pathTemplate;
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            rawPath = rawPath.replaceFirst("\\{" + Pattern.quote(p.getKey()) + "\\+?}", Matcher.quoteReplacement(p.getValue()));
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp(sourceIp).withUserAgent("test").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRequestId("req-" + System.nanoTime())
                .withRouteKey(method + " " + pathTemplate).withStage("$default");
        if (claims != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build());
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + pathTemplate).withRawPath(rawPath)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(context.build()).build();
    }
}
