package com.fanops.template;

import java.util.List;
import java.util.Map;

/** One entry of the template's Resources: logical id, type and raw (unresolved) properties. */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Object property(String name) {
        return properties.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object value = properties.get(name);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = properties.get(name);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public boolean is(String resourceType) {
        return type.equals(resourceType);
    }
}
