package com.fanops.template;

import java.util.List;
import java.util.Map;

/** An AWS::DynamoDB::Table: keys, attribute types, GSIs and TTL, as the local runtime creates it. */
public record TableSpec(String logicalId, Object tableName, Map<String, String> attributeTypes, List<Key> keySchema,
                        List<Index> globalSecondaryIndexes, String ttlAttribute, boolean streamEnabled) {

    public record Key(String attribute, String keyType) {
    }

    public record Index(String name, List<Key> keySchema, String projectionType, List<String> nonKeyAttributes) {
    }

    static TableSpec of(Resource r) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (Object def : r.list("AttributeDefinitions")) {
            Map<String, Object> d = Template.asMap(def);
            types.put(String.valueOf(d.get("AttributeName")), String.valueOf(d.get("AttributeType")));
        }
        List<Index> gsis = r.list("GlobalSecondaryIndexes").stream().map(Template::asMap).map(g -> {
            Map<String, Object> projection = Template.asMap(g.get("Projection"));
            return new Index(String.valueOf(g.get("IndexName")), keys(g.get("KeySchema")),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")),
                    Template.asList(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
        }).toList();
        Map<String, Object> ttl = r.map("TimeToLiveSpecification");
        String ttlAttribute = Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) ? String.valueOf(ttl.get("AttributeName")) : null;
        return new TableSpec(r.logicalId(), r.property("TableName"), types, keys(r.property("KeySchema")), gsis, ttlAttribute,
                !r.map("StreamSpecification").isEmpty());
    }

    private static List<Key> keys(Object raw) {
        return Template.asList(raw).stream().map(Template::asMap)
                .map(k -> new Key(String.valueOf(k.get("AttributeName")), String.valueOf(k.get("KeyType")))).toList();
    }
}
