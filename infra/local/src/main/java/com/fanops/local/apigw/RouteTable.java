package com.fanops.local.apigw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API Gateway's route selection: the most specific path wins (literal, then {param}, then {proxy+}); ANY matches every method. */
final class RouteTable {

    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = new ArrayList<>(routes);
        this.routes.sort(Comparator.comparing(RouteTable::specificity).reversed());
    }

    Optional<Match> find(String method, String path) {
        for (Route route : routes) {
            if (!route.method().equals("ANY") && !route.method().equalsIgnoreCase(method)) {
                continue;
            }
            Map<String, String> params = match(route.path(), path);
            if (params != null) {
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }

    boolean anyPathMatches(String path) {
        return routes.stream().anyMatch(r -> match(r.path(), path) != null);
    }

    static Map<String, String> match(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            String segment = t[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= p.length) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 2), String.join("/", java.util.Arrays.copyOfRange(p, i, p.length)));
                return params;
            }
            if (i >= p.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), decode(p[i]));
            } else if (!segment.equals(p[i])) {
                return null;
            }
        }
        return t.length == p.length ? params : null;
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sort key: literal segments score most, greedy segments least, longer paths before shorter. */
    private static long specificity(Route route) {
        long score = 0;
        for (String segment : route.path().split("/")) {
            score = score * 4 + (segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 1 : 2);
        }
        return score * 2 + (route.method().equals("ANY") ? 0 : 1);
    }
}
