package com.fanops.platform.events;

import com.fanops.platform.json.Json;
import java.time.Instant;
import java.util.Map;

/** An EventBridge event as a Lambda target receives it. */
public record BusEvent<T>(String id, String source, String detailType, Instant time, T detail) {

    @SuppressWarnings("unchecked")
    public static BusEvent<Map<String, Object>> parse(Map<String, Object> input) {
        Object time = input.get("time");
        Object detail = input.get("detail");
        return new BusEvent<>(String.valueOf(input.get("id")), String.valueOf(input.get("source")),
                String.valueOf(input.get("detail-type")), time == null ? null : Instant.parse(String.valueOf(time)),
                detail instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    public <D> D detailAs(Class<D> type) {
        return Json.mapper().convertValue(detail, type);
    }
}
