package com.fanops.local.fuzz;

import com.fanops.template.FunctionSpec;
import com.fanops.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP API route of a template, as the fuzzer sees it: method, path template, whether it needs a JWT. */
record FuzzRoute(String method, String path, String function, boolean jwt) {

    private static final Pattern PARAM = Pattern.compile("\\{([^}+]+)\\+?}");

    /** Every route of every function in the template: a route added there is fuzzed without touching the fuzzer. */
    static List<FuzzRoute> of(Template template) {
        List<FuzzRoute> routes = new ArrayList<>();
        for (FunctionSpec fn : template.functions()) {
            for (FunctionSpec.HttpRoute r : fn.httpRoutes()) {
                routes.add(new FuzzRoute(r.method().toUpperCase(java.util.Locale.ROOT), r.path(), fn.logicalId(), r.authorizer() != null));
            }
        }
        return routes;
    }

    String key() {
        return method + " " + path;
    }

    List<String> params() {
        List<String> out = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The path with each parameter replaced by its (already percent-encoded) value. */
    String fill(java.util.function.Function<String, String> encodedValue) {
        Matcher m = PARAM.matcher(path);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(encodedValue.apply(m.group(1))));
        }
        return m.appendTail(b).toString();
    }

    boolean sendsBody() {
        return !method.equals("GET") && !method.equals("DELETE");
    }
}
