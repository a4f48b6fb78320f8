package com.fanops.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks {@code Globals} and every {@code AWS::Serverless::*} resource against AWS's published SAM schema
 * (src/test/resources/sam-schema, see its README). Each resource is validated against the definition of its own
 * type rather than the schema's root {@code anyOf} over all types, so a misspelling is reported as such.
 * The schema describes the properties SAM passes through to CloudFormation ({@code Timeout}, {@code MemorySize},
 * {@code CorsConfiguration}, ...) as {@code PassThroughProp}, the empty schema: their names are checked, their values are not.
 */
final class SamSchemaCheck {

    private static final String SCHEMA = "/sam-schema/sam.schema.json";
    private static final String GLOBALS_DEFINITION = "__main____Globals";

    private final JsonNode document;
    private final Map<String, String> definitionByType = new HashMap<>();
    private final Map<String, Schema> schemaByDefinition = new HashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    SamSchemaCheck() {
        try (InputStream in = SamSchemaCheck.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the test classpath");
            }
            document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A resource definition is the one whose Type is a single-value enum: {"Type": {"enum": ["AWS::Serverless::Function"]}}.
        document.get("definitions").fields().forEachRemaining(definition -> {
            JsonNode types = definition.getValue().path("properties").path("Type").path("enum");
            if (types.size() == 1 && types.get(0).asText().startsWith("AWS::Serverless::")) {
                definitionByType.put(types.get(0).asText(), definition.getKey());
            }
        });
    }

    List<Finding> check(JsonNode template) {
        List<Finding> findings = new ArrayList<>();
        if (template.has("Globals")) {
            findings.addAll(validate("Globals", GLOBALS_DEFINITION, template.get("Globals")));
        }
        template.path("Resources").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            if (!type.startsWith("AWS::Serverless::")) {
                return;
            }
            String definition = definitionByType.get(type);
            if (definition == null) {
                findings.add(new Finding(entry.getKey(), "Type", "unknown SAM resource type " + type));
            } else {
                findings.addAll(validate(entry.getKey(), definition, entry.getValue()));
            }
        });
        return findings;
    }

    private List<Finding> validate(String resource, String definition, JsonNode node) {
        List<Error> errors = schema(definition).validate(node);
        return closestBranches(errors, 0).stream().map(error -> finding(resource, error)).distinct().toList();
    }

    /** A draft-04 schema that is the named definition, with every definition beside it for its $refs. */
    private Schema schema(String definition) {
        return schemaByDefinition.computeIfAbsent(definition, name -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("$schema", document.get("$schema"));
            root.set("definitions", document.get("definitions"));
            root.put("$ref", "#/definitions/" + name);
            return registry.getSchema(root);
        });
    }

    /**
     * The schema writes unions as {@code anyOf} (an event is S3 or SNS or ... or HttpApi), and a value that fits none
     * fails every branch. Of each union, keep the errors of the branch the value was meant for: the one whose
     * {@code Type} matches, then the one with the fewest errors once its own inner unions are reduced the same way.
     */
    private static List<Error> closestBranches(List<Error> errors, int from) {
        List<Error> kept = new ArrayList<>();
        Map<String, Map<Integer, List<Error>>> branchesByUnion = new LinkedHashMap<>();
        Map<String, Integer> unionDepth = new HashMap<>();
        for (Error error : errors) {
            NodePath path = error.getEvaluationPath();
            int union = firstUnion(path, from);
            if (union < 0) {
                kept.add(error);
                continue;
            }
            String unionKey = prefix(path, union);
            unionDepth.put(unionKey, union);
            branchesByUnion.computeIfAbsent(unionKey, key -> new TreeMap<>())
                    .computeIfAbsent((Integer) path.getElement(union + 1), branch -> new ArrayList<>()).add(error);
        }
        branchesByUnion.forEach((union, branches) -> kept.addAll(branches.values().stream()
                .map(branch -> closestBranches(branch, unionDepth.get(union) + 2))
                .min(Comparator.comparing(SamSchemaCheck::typeMismatch).thenComparing(List::size))
                .orElseThrow()));
        return kept;
    }

    private static int firstUnion(NodePath path, int from) {
        for (int i = from; i < path.getNameCount() - 1; i++) {
            Object element = path.getElement(i);
            if (("anyOf".equals(element) || "oneOf".equals(element)) && path.getElement(i + 1) instanceof Integer) {
                return i;
            }
        }
        return -1;
    }

    private static String prefix(NodePath path, int length) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i <= length; i++) {
            prefix.append('/').append(path.getElement(i));
        }
        return prefix.toString();
    }

    /** The branch is for another kind of thing: its {@code Type} enum does not match the value's. */
    private static boolean typeMismatch(List<Error> branch) {
        return branch.stream().anyMatch(error -> "enum".equals(error.getKeyword())
                && error.getInstanceLocation().getNameCount() > 0
                && "Type".equals(error.getInstanceLocation().getElement(error.getInstanceLocation().getNameCount() - 1)));
    }

    private static Finding finding(String resource, Error error) {
        StringBuilder path = new StringBuilder(pathOf(error.getInstanceLocation()));
        // additionalProperties and required report the object; the property they are about comes separately.
        if (error.getProperty() != null) {
            path.append(path.isEmpty() ? "" : ".").append(error.getProperty());
        }
        return new Finding(resource, path.isEmpty() ? "(resource)" : path.toString(), error.getMessage());
    }

    private static String pathOf(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }
}
