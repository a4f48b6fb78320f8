package com.fanops.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * template.yaml as read, with SAM's {@code Globals} merged into each function. Values keep their
 * intrinsics; a {@link Resolver} turns them into one deployment's values.
 */
public final class Template {

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    private Template(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
        Map<String, Object> raw = section("Resources");
        Map<String, Object> functionGlobals = asMap(section("Globals").get("Function"));
        raw.forEach((id, value) -> {
            Map<String, Object> body = asMap(value);
            String type = String.valueOf(body.get("Type"));
            Map<String, Object> properties = asMap(body.get("Properties"));
            if (type.equals("AWS::Serverless::Function")) {
                properties = Globals.merge(functionGlobals, properties);
            }
            resources.put(id, new Resource(id, type, properties));
        });
    }

    public static Template load(Path file) {
        return new Template(file.toAbsolutePath().normalize(), YamlReader.read(file));
    }

    /** The folder CodeUri paths are relative to. */
    public Path baseDir() {
        return file.getParent();
    }

    public Path file() {
        return file;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("no resource named " + logicalId + " in " + file.getFileName());
        }
        return resource;
    }

    public List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.is(type)).toList();
    }

    public Set<String> parameterNames() {
        return section("Parameters").keySet();
    }

    public Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        section("Parameters").forEach((name, def) -> {
            Object dflt = asMap(def).get("Default");
            if (dflt != null) {
                out.put(name, String.valueOf(dflt));
            }
        });
        return out;
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    public Map<String, Object> outputs() {
        return section("Outputs");
    }

    public List<TableSpec> tables() {
        return ofType("AWS::DynamoDB::Table").stream().map(TableSpec::of).toList();
    }

    public List<QueueSpec> queues() {
        return ofType("AWS::SQS::Queue").stream().map(QueueSpec::of).toList();
    }

    public List<FunctionSpec> functions() {
        return ofType("AWS::Serverless::Function").stream().map(r -> FunctionSpec.of(r, baseDir())).toList();
    }

    public List<HttpApiSpec> httpApis() {
        return ofType("AWS::Serverless::HttpApi").stream().map(HttpApiSpec::of).toList();
    }

    /** Every raw value anywhere in the template that is an intrinsic, with where it sits (for consistency checks). */
    public List<Map.Entry<String, Object>> allValues() {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        walk("Resources", section("Resources"), out);
        walk("Outputs", section("Outputs"), out);
        walk("Globals", section("Globals"), out);
        walk("Conditions", section("Conditions"), out);
        return out;
    }

    private static void walk(String where, Object value, List<Map.Entry<String, Object>> out) {
        if (value instanceof Intrinsic) {
            out.add(Map.entry(where, value));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(where + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(where + "[" + i + "]", list.get(i), out);
            }
        }
    }

    private Map<String, Object> section(String name) {
        return asMap(root.get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
