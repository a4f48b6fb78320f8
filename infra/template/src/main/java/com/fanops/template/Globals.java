package com.fanops.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** SAM's Globals rule: maps merge (the function's keys win), scalars and lists are overridden by the function. */
final class Globals {

    private Globals() {
    }

    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = out.get(key);
            if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v) {
                out.put(key, merge(Template.asMap(g), Template.asMap(v)));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
