package com.fanops.local.identity;

import com.fanops.local.apigw.JwtVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the Cognito user pool: issues RS256 id and access tokens with Cognito's claims
 * ({@code cognito:groups}, {@code token_use}, {@code client_id}) and answers Cognito's InitiateAuth
 * protocol, so the dashboard signs in with the same code as in AWS and admin routes are protected
 * by the same JWT authorizer configuration.
 */
public final class LocalIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TOKEN_SECONDS = 3600;

    private final String issuer;
    private final String clientId;
    private final Map<String, DevUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RSAKey key;

    public LocalIdentity(String issuer, String clientId, List<DevUser> users, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
        users.forEach(u -> this.users.put(u.username(), u));
        try {
            this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(String username) {
        return UUID.nameUUIDFromBytes(("fanops-local-" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String issueIdToken(String username) {
        DevUser user = user(username);
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder().subject(subject(username)).audience(clientId).issuer(issuer)
                .claim("email", user.username()).claim("email_verified", true).claim("cognito:username", user.username())
                .claim("cognito:groups", user.groups()).claim("token_use", "id").claim("auth_time", now.getEpochSecond())
                .claim("origin_jti", UUID.randomUUID().toString()).claim("event_id", UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(TOKEN_SECONDS)))
                .jwtID(UUID.randomUUID().toString()).build());
    }

    public String issueAccessToken(String username) {
        DevUser user = user(username);
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder().subject(subject(username)).issuer(issuer).claim("client_id", clientId)
                .claim("cognito:groups", user.groups()).claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin").claim("username", user.username())
                .claim("auth_time", now.getEpochSecond()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(TOKEN_SECONDS))).jwtID(UUID.randomUUID().toString()).build());
    }

    private DevUser user(String username) {
        DevUser user = users.get(username);
        if (user == null) {
            throw new IllegalArgumentException("unknown user " + username);
        }
        return user;
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** API Gateway's JWT authorizer checks: signature, issuer, expiry and not-before, and aud or client_id. */
    public JwtVerifier verifier() {
        return (token, expectedIssuer, audience) -> {
            try {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                    return Optional.empty();
                }
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                Date now = Date.from(clock.instant());
                if (!expectedIssuer.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                        || !now.before(claims.getExpirationTime()) || (claims.getNotBeforeTime() != null && now.before(claims.getNotBeforeTime()))) {
                    return Optional.empty();
                }
                Object clientIdClaim = claims.getClaim("client_id");
                boolean audienceOk = claims.getAudience().stream().anyMatch(audience::contains)
                        || (clientIdClaim != null && audience.contains(String.valueOf(clientIdClaim)));
                if (!audienceOk) {
                    return Optional.empty();
                }
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                claims.getClaims().forEach((k, v) -> out.put(k, v instanceof Date d ? d.getTime() / 1000 : v));
                if (claims.getAudience().size() == 1) {
                    out.put("aud", claims.getAudience().get(0));
                }
                return Optional.of(out);
            } catch (ParseException | JOSEException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    /** Cognito's InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) and GetUser, with CORS for the dashboard. */
    public HttpHandler cognitoEndpoint() {
        return exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("access-control-allow-origin", "*");
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    exchange.getResponseHeaders().set("access-control-allow-methods", "POST,OPTIONS");
                    exchange.getResponseHeaders().set("access-control-allow-headers", "content-type,x-amz-target,x-amz-user-agent");
                    exchange.getResponseHeaders().set("access-control-max-age", "600");
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                switch (target) {
                    case "AWSCognitoIdentityProviderService.InitiateAuth" -> initiateAuth(exchange, request);
                    case "AWSCognitoIdentityProviderService.GetUser" -> getUser(exchange, request);
                    default -> reply(exchange, 400, error("InvalidParameterException", "unsupported operation " + target));
                }
            }
        };
    }

    private void initiateAuth(HttpExchange exchange, JsonNode request) throws IOException {
        if (!clientId.equals(request.path("ClientId").asText())) {
            reply(exchange, 400, error("ResourceNotFoundException", "User pool client " + request.path("ClientId").asText() + " does not exist."));
            return;
        }
        JsonNode parameters = request.path("AuthParameters");
        String flow = request.path("AuthFlow").asText();
        String username;
        if (flow.equals("USER_PASSWORD_AUTH")) {
            username = parameters.path("USERNAME").asText();
            DevUser user = users.get(username);
            if (user == null || !constantTimeEquals(user.password(), parameters.path("PASSWORD").asText())) {
                reply(exchange, 400, error("NotAuthorizedException", "Incorrect username or password."));
                return;
            }
        } else if (flow.equals("REFRESH_TOKEN_AUTH") || flow.equals("REFRESH_TOKEN")) {
            username = refreshTokens.get(parameters.path("REFRESH_TOKEN").asText());
            if (username == null) {
                reply(exchange, 400, error("NotAuthorizedException", "Invalid Refresh Token"));
                return;
            }
        } else {
            reply(exchange, 400, error("InvalidParameterException", "AuthFlow " + flow + " is not enabled locally"));
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        ObjectNode auth = result.putObject("AuthenticationResult");
        auth.put("IdToken", issueIdToken(username)).put("AccessToken", issueAccessToken(username))
                .put("ExpiresIn", TOKEN_SECONDS).put("TokenType", "Bearer");
        if (flow.equals("USER_PASSWORD_AUTH")) {
            String refresh = UUID.randomUUID().toString();
            refreshTokens.put(refresh, username);
            auth.put("RefreshToken", refresh);
        }
        result.putObject("ChallengeParameters");
        reply(exchange, 200, result);
    }

    private void getUser(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Map<String, Object>> claims = verifier().verify(request.path("AccessToken").asText(), issuer, List.of(clientId));
        if (claims.isEmpty()) {
            reply(exchange, 400, error("NotAuthorizedException", "Invalid Access Token"));
            return;
        }
        String username = String.valueOf(claims.get().get("username"));
        ObjectNode result = JSON.createObjectNode().put("Username", username);
        result.putArray("UserAttributes").addObject().put("Name", "email").put("Value", username);
        reply(exchange, 200, result);
    }

    public HttpHandler jwksEndpoint() {
        return exchange -> {
            try (exchange) {
                byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        };
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
