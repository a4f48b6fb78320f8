package com.fanops.metrics.handler;

import com.fanops.platform.json.Json;
import com.fanops.metrics.domain.DailySnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Compares snapshots figure by figure and names the paths that differ. */
final class Snapshots {

    private Snapshots() {
    }

    static List<String> differences(DailySnapshot expected, DailySnapshot actual) {
        List<String> out = new ArrayList<>();
        diff("", Json.mapper().valueToTree(expected.figuresOnly()), Json.mapper().valueToTree(actual.figuresOnly()), out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            out.add(path + ": expected " + a + " but was " + b);
        } else if (a.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path + "." + n, a.get(n), b.get(n), out);
            }
        } else if (a.isArray()) {
            if (a.size() != b.size()) {
                out.add(path + ": expected " + a.size() + " elements but was " + b.size());
                return;
            }
            Iterator<JsonNode> x = a.elements();
            Iterator<JsonNode> y = b.elements();
            for (int i = 0; x.hasNext(); i++) {
                diff(path + "[" + i + "]", x.next(), y.next(), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + ": expected " + a + " but was " + b);
        }
    }
}
