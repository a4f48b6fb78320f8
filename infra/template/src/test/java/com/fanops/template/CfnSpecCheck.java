package com.fanops.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every resource that is not {@code AWS::Serverless::*} against the CloudFormation resource specification
 * ({@code spec/specification.json} of the npm package {@code @aws-cdk/cfnspec}, installed by {@code npm ci} in
 * infra/template): the type is known, every property name is known, every required property is present, and
 * literal values have the declared shape and primitive type. An intrinsic function stands for any value.
 * Hand-written because no library on Maven Central reads this specification; cfn-lint, which does, is Python.
 * Properties newer than the pinned spec (its package is no longer released) come from {@value #SUPPLEMENT}, each
 * naming its CloudFormation reference page; {@link #supplementedEntriesTheSpecKnows()} says when one can go.
 */
final class CfnSpecCheck {

    static final String SPEC_PROPERTY = "cfnspec.file";
    private static final Path DEFAULT_SPEC = Path.of("node_modules/@aws-cdk/cfnspec/spec/specification.json");
    static final String SUPPLEMENT = "/cfnspec-supplement.json";

    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final JsonNode resourceTypes;
    private final JsonNode propertyTypes;
    private final List<String> supplementedEntriesTheSpecKnows = new ArrayList<>();

    private CfnSpecCheck(JsonNode spec, JsonNode supplement) {
        this.resourceTypes = spec.get("ResourceTypes");
        this.propertyTypes = spec.get("PropertyTypes");
        supplement.path("PropertyTypes").fields().forEachRemaining(type -> {
            JsonNode known = propertyTypes.get(type.getKey());
            if (known == null) {
                ((ObjectNode) propertyTypes).set(type.getKey(), type.getValue());
                return;
            }
            type.getValue().path("Properties").fields().forEachRemaining(property -> {
                if (known.path("Properties").has(property.getKey())) {
                    supplementedEntriesTheSpecKnows.add(type.getKey() + "." + property.getKey());
                } else {
                    ((ObjectNode) known.get("Properties")).set(property.getKey(), property.getValue());
                }
            });
        });
    }

    /** Supplement entries the pinned specification defines itself: they should be removed from the supplement. */
    List<String> supplementedEntriesTheSpecKnows() {
        return supplementedEntriesTheSpecKnows;
    }

    /** Reads the specification named by the system property {@value #SPEC_PROPERTY} (surefire sets it). */
    static CfnSpecCheck load() {
        Path file = Path.of(System.getProperty(SPEC_PROPERTY, DEFAULT_SPEC.toString()));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("CloudFormation resource specification not found at " + file.toAbsolutePath()
                    + ": run `npm ci` in infra/template (mvn does it in generate-test-resources when it is missing)");
        }
        ObjectMapper json = new ObjectMapper();
        try (var supplement = CfnSpecCheck.class.getResourceAsStream(SUPPLEMENT)) {
            return new CfnSpecCheck(json.readTree(file.toFile()), json.readTree(supplement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Finding> check(JsonNode template) {
        List<Finding> findings = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            // SAM resources are the SAM schema's; Custom:: resources take whatever their provider accepts.
            if (!type.startsWith("AWS::Serverless::") && !type.startsWith("Custom::")) {
                new ResourceCheck(entry.getKey(), type, findings).check(entry.getValue());
            }
        });
        return findings;
    }

    /** Walks one resource, adding a finding per problem, with the property's path in the resource. */
    private final class ResourceCheck {
        private final String logicalId;
        private final String type;
        private final List<Finding> findings;

        ResourceCheck(String logicalId, String type, List<Finding> findings) {
            this.logicalId = logicalId;
            this.type = type;
            this.findings = findings;
        }

        void check(JsonNode resource) {
            resource.fieldNames().forEachRemaining(attribute -> {
                if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                    report(attribute, "unknown resource attribute");
                }
            });
            JsonNode spec = resourceTypes.get(type);
            if (spec == null) {
                report("Type", "unknown resource type " + type);
                return;
            }
            JsonNode properties = resource.path("Properties");
            if (!properties.isMissingNode() && !properties.isObject()) {
                report("Properties", "expected an object");
                return;
            }
            checkObject("", properties, spec.path("Properties"), type);
        }

        /** An object whose property names and required properties the spec lists ({@code described} names it). */
        private void checkObject(String path, JsonNode value, JsonNode specProperties, String described) {
            value.fields().forEachRemaining(property -> {
                JsonNode propertySpec = specProperties.get(property.getKey());
                String propertyPath = join(path, property.getKey());
                if (propertySpec == null) {
                    report(propertyPath, "unknown property of " + described);
                } else {
                    checkValue(propertyPath, property.getValue(), propertySpec);
                }
            });
            specProperties.fields().forEachRemaining(property -> {
                if (property.getValue().path("Required").asBoolean() && !value.has(property.getKey())) {
                    report(join(path, property.getKey()), "required property of " + described + " is missing");
                }
            });
        }

        /** A value against a property's spec: PrimitiveType, Type List / Map of items, or Type naming a property type. */
        private void checkValue(String path, JsonNode value, JsonNode spec) {
            if (TemplateJson.isIntrinsic(value)) {
                return;
            }
            if (spec.has("PrimitiveType")) {
                checkPrimitive(path, value, spec.get("PrimitiveType").asText());
            } else if (spec.has("Type")) {
                String typeName = spec.get("Type").asText();
                switch (typeName) {
                    case "List" -> checkItems(path, value, spec, true);
                    case "Map" -> checkItems(path, value, spec, false);
                    default -> checkPropertyType(path, value, typeName);
                }
            }
            // Otherwise a union (PrimitiveTypes/Types): only SAM's own entries use them, and SAM is checked by its schema.
        }

        private void checkItems(String path, JsonNode value, JsonNode spec, boolean list) {
            if (list ? !value.isArray() : !value.isObject()) {
                report(path, "expected " + (list ? "a list" : "a map") + ", found " + describe(value));
                return;
            }
            if (list) {
                for (int i = 0; i < value.size(); i++) {
                    checkItem(path + "[" + i + "]", value.get(i), spec);
                }
            } else {
                value.fields().forEachRemaining(entry -> checkItem(join(path, entry.getKey()), entry.getValue(), spec));
            }
        }

        private void checkItem(String path, JsonNode item, JsonNode spec) {
            if (TemplateJson.isIntrinsic(item)) {
                return;
            }
            if (spec.has("PrimitiveItemType")) {
                checkPrimitive(path, item, spec.get("PrimitiveItemType").asText());
            } else if (spec.has("ItemType")) {
                checkPropertyType(path, item, spec.get("ItemType").asText());
            }
        }

        /** A property type is looked up as {@code <ResourceType>.<Name>}, then as a shared name such as {@code Tag}. */
        private void checkPropertyType(String path, JsonNode value, String typeName) {
            JsonNode propertyType = propertyTypes.has(type + "." + typeName)
                    ? propertyTypes.get(type + "." + typeName)
                    : propertyTypes.get(typeName);
            if (propertyType == null) {
                return; // the spec names a type it does not define: nothing to check against
            }
            if (!propertyType.has("Properties")) {
                checkValue(path, value, propertyType); // a few property types are aliases of a list or a primitive
                return;
            }
            if (!value.isObject()) {
                report(path, "expected an object (" + typeName + "), found " + describe(value));
                return;
            }
            checkObject(path, value, propertyType.get("Properties"), typeName);
        }

        /** CloudFormation converts scalars: a number or boolean is a valid String, "30" a valid Integer. */
        private void checkPrimitive(String path, JsonNode value, String primitive) {
            boolean ok = switch (primitive) {
                case "String" -> value.isValueNode() && !value.isNull();
                case "Integer", "Long" -> value.isIntegralNumber() || value.isTextual() && INTEGER.matcher(value.asText()).matches();
                case "Double" -> value.isNumber() || value.isTextual() && NUMBER.matcher(value.asText()).matches();
                case "Boolean" -> value.isBoolean() || value.isTextual() && Set.of("true", "false").contains(value.asText());
                case "Json" -> value.isObject() || value.isTextual();
                case "Timestamp" -> value.isTextual();
                default -> true;
            };
            if (!ok) {
                report(path, "expected " + primitive + ", found " + describe(value));
            }
        }

        private void report(String property, String message) {
            findings.add(new Finding(logicalId, property, message));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isNull() ? "null" : value.getNodeType().name().toLowerCase() + " " + value;
    }
}
