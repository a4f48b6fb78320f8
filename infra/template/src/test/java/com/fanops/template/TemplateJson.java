package com.fanops.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The template as CloudFormation's JSON form, which both schemas describe: every intrinsic, short
 * ({@code !GetAtt Q.Arn}) or long, becomes its long form ({@code {"Fn::GetAtt": ["Q", "Arn"]}}).
 * Input is what {@link YamlReader} reads: maps, lists, scalars and {@link Intrinsic}.
 */
final class TemplateJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TemplateJson() {
    }

    static JsonNode of(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return longForm(intrinsic);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), of(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(of(item)));
            return array;
        }
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof String s) {
            return JSON.textNode(s);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return JSON.numberNode(big);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Date date) {
            // An unquoted 2012-10-17 is a YAML timestamp; CloudFormation reads it as the text it was.
            return JSON.textNode(date.toInstant().toString().substring(0, 10));
        }
        return JSON.textNode(String.valueOf(value));
    }

    private static JsonNode longForm(Intrinsic intrinsic) {
        JsonNode argument = intrinsic.function().equals("Fn::GetAtt") && intrinsic.argument() instanceof String
                ? of(intrinsic.getAttParts())
                : of(intrinsic.argument());
        return JSON.objectNode().set(intrinsic.function(), argument);
    }

    /** A long-form intrinsic: a one-key object whose key is {@code Ref}, {@code Condition} or {@code Fn::...}. */
    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        return name.equals("Ref") || name.equals("Condition") || name.startsWith("Fn::");
    }
}
