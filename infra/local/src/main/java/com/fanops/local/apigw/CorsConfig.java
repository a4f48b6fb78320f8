package com.fanops.local.apigw;

import java.util.List;

/** The HTTP API's CorsConfiguration. */
public record CorsConfig(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
}
