package com.fanops.platform.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fanops.platform.http.ProblemException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Who is calling, from the JWT claims API Gateway's authorizer verified and passed in the request context. */
public record Caller(String subject, String username, Set<Role> roles) {

    public static final Caller ANONYMOUS = new Caller(null, null, Set.of());

    public static Caller fromEvent(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return ANONYMOUS;
        }
        return fromClaims(context.getAuthorizer().getJwt().getClaims());
    }

    public static Caller fromClaims(Map<String, String> claims) {
        String subject = claims.get("sub");
        if (subject == null) {
            return ANONYMOUS;
        }
        String username = claims.getOrDefault("email", claims.getOrDefault("cognito:username", claims.get("username")));
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups(claims.get("cognito:groups"))) {
            Role.ofGroup(group).ifPresent(roles::add);
        }
        return new Caller(subject, username, Set.copyOf(roles));
    }

    /** HTTP APIs pass array claims as "[a b]"; also accept a JSON array and a comma list. */
    static String[] groups(String raw) {
        if (raw == null || raw.isBlank()) {
            return new String[0];
        }
        String inner = raw.trim();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Arrays.stream(inner.split("[\\s,]+")).map(g -> g.replace("\"", "")).filter(g -> !g.isBlank())
                .toArray(String[]::new);
    }

    public boolean anonymous() {
        return subject == null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** 401 for an anonymous caller, 403 when none of the roles is held. */
    public Caller requireAny(Role... allowed) {
        if (anonymous()) {
            throw ProblemException.unauthorized("Sign in to use this route.");
        }
        for (Role role : allowed) {
            if (roles.contains(role)) {
                return this;
            }
        }
        throw ProblemException.forbidden("This needs one of the roles " + Arrays.toString(allowed).toLowerCase(java.util.Locale.ROOT) + ".");
    }

    /** Analysts work on aggregates: they never see decrypted personal data. */
    public boolean seesPersonalData() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.MANAGER) || roles.contains(Role.AGENT);
    }
}
