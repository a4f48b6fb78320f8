package com.fanops.local.apigw;

import java.util.List;

/** A JWT authorizer as declared on the HTTP API, issuer and audience resolved. */
public record JwtAuthorizerConfig(String name, String issuer, List<String> audience, String identitySource) {
}
