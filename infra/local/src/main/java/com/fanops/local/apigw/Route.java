package com.fanops.local.apigw;

/** A route of the HTTP API: method (or ANY), path template ({@code {param}}, {@code {proxy+}}), function, authorizer or null. */
public record Route(String method, String path, String functionName, String authorizer) {
    public String routeKey() {
        return method + " " + path;
    }
}
