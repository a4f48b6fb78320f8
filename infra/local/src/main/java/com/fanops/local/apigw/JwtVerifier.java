package com.fanops.local.apigw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Verifies a bearer token as API Gateway's JWT authorizer does; the claims if valid. */
@FunctionalInterface
public interface JwtVerifier {
    Optional<Map<String, Object>> verify(String token, String issuer, List<String> audience);
}
