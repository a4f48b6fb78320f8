package com.fanops.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions against one deployment's names and parameter values. Supports what
 * SAM templates use for wiring (Ref, GetAtt, Sub, Join, Select, Split, If/Equals/Not/And/Or, Base64);
 * anything else fails loudly rather than producing a wrong value.
 */
public final class Resolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Names names;
    private final Map<String, String> parameters;
    private final Map<String, String> pseudo;

    public Resolver(Template template, Names names, Map<String, String> parameterOverrides, String region, String accountId,
                    String stackName) {
        this.template = template;
        this.names = names;
        this.parameters = new LinkedHashMap<>(template.parameterDefaults());
        this.parameters.putAll(parameterOverrides);
        this.pseudo = Map.of(
                "AWS::Region", region,
                "AWS::AccountId", accountId,
                "AWS::StackName", stackName,
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com",
                "AWS::NoValue", "");
    }

    /**
     * Gives a parameter left empty (its default and not overridden) a value only the local runtime knows once it has
     * started something, such as the dashboard's address for {@code PublicSiteUrl}.
     */
    public void defaultParameter(String name, String value) {
        if (parameters.getOrDefault(name, "").isEmpty()) {
            parameters.put(name, value);
        }
    }

    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    /** Resolves to a String. */
    public String string(Object raw) {
        Object value = resolve(raw);
        return value == null ? null : String.valueOf(value);
    }

    /** Resolves recursively: maps and lists keep their shape, intrinsics become values. */
    public Object resolve(Object raw) {
        if (raw instanceof Intrinsic intrinsic) {
            return evaluate(intrinsic);
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
            return out;
        }
        if (raw instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolve(item)));
            return out;
        }
        return raw;
    }

    private Object evaluate(Intrinsic fn) {
        Object arg = fn.argument();
        switch (fn.function()) {
            case "Ref":
                return ref(fn.refTarget());
            case "Fn::GetAtt": {
                List<String> parts = fn.getAttParts();
                return names.getAtt(template.resource(parts.get(0)), parts.get(1));
            }
            case "Fn::Sub":
                return sub(arg);
            case "Fn::Join": {
                List<?> a = (List<?>) arg;
                List<?> items = (List<?>) resolve(a.get(1));
                return String.join(string(a.get(0)), items.stream().map(String::valueOf).toList());
            }
            case "Fn::Select": {
                List<?> a = (List<?>) arg;
                int index = Integer.parseInt(string(a.get(0)));
                return ((List<?>) resolve(a.get(1))).get(index);
            }
            case "Fn::Split": {
                List<?> a = (List<?>) arg;
                return List.of(string(a.get(1)).split(Pattern.quote(string(a.get(0))), -1));
            }
            case "Fn::If": {
                List<?> a = (List<?>) arg;
                return condition(String.valueOf(a.get(0))) ? resolve(a.get(1)) : resolve(a.get(2));
            }
            case "Fn::Equals": {
                List<?> a = (List<?>) arg;
                return String.valueOf(resolve(a.get(0))).equals(String.valueOf(resolve(a.get(1))));
            }
            case "Fn::Not":
                return !truth(((List<?>) arg).get(0));
            case "Fn::And":
                return ((List<?>) arg).stream().allMatch(this::truth);
            case "Fn::Or":
                return ((List<?>) arg).stream().anyMatch(this::truth);
            case "Condition":
                return condition(String.valueOf(arg));
            case "Fn::Base64":
                return java.util.Base64.getEncoder().encodeToString(string(arg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default:
                throw new TemplateException(fn.function() + " is not supported by the local resolver");
        }
    }

    private boolean truth(Object raw) {
        return Boolean.parseBoolean(String.valueOf(resolve(raw)));
    }

    private boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException("unknown condition " + name);
        }
        return truth(definition);
    }

    private String ref(String target) {
        if (pseudo.containsKey(target)) {
            return pseudo.get(target);
        }
        if (parameters.containsKey(target)) {
            return parameters.get(target);
        }
        if (template.parameterNames().contains(target)) {
            throw new TemplateException("parameter " + target + " has no default and no value");
        }
        return names.ref(template.resource(target));
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) list.get(1);
            variables = vars;
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (variables.containsKey(name)) {
                value = string(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = names.getAtt(template.resource(name.substring(0, dot)), name.substring(dot + 1));
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        // "${!Literal}" is CloudFormation's escape for a literal "${Literal}".
        return out.toString().replace("${!", "${");
    }

    /** Every logical id that {@code raw} refers to (Ref, GetAtt, and ${...} inside Sub), for consistency checks. */
    public static List<String> referencedNames(Object raw) {
        List<String> out = new ArrayList<>();
        collect(raw, out);
        return out;
    }

    private static void collect(Object raw, List<String> out) {
        if (raw instanceof Intrinsic fn) {
            switch (fn.function()) {
                case "Ref" -> out.add(fn.refTarget());
                case "Fn::GetAtt" -> out.add(fn.getAttParts().get(0));
                case "Fn::Sub" -> {
                    Object arg = fn.argument();
                    String text = arg instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(arg);
                    java.util.Set<String> local = arg instanceof List<?> l && l.get(1) instanceof Map<?, ?> vars
                            ? vars.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet())
                            : java.util.Set.of();
                    Matcher m = SUB_VARIABLE.matcher(text);
                    while (m.find()) {
                        String name = m.group(1).trim();
                        if (!local.contains(name)) {
                            out.add(name.contains(".") && !name.startsWith("AWS::") ? name.substring(0, name.indexOf('.')) : name);
                        }
                    }
                    if (arg instanceof List<?> l) {
                        collect(l.get(1), out);
                    }
                }
                default -> collect(fn.argument(), out);
            }
        } else if (raw instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (raw instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }
}
