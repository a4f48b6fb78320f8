package com.fanops.metrics.handler;

import com.fanops.platform.events.EventPublisher;
import com.fanops.platform.events.RawEventSink;
import com.fanops.platform.json.Json;
import com.fanops.template.FunctionSpec;
import com.fanops.template.Template;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.event.ruler.Machine;

/**
 * The event bus as template.yaml wires it for the metrics: every event put on it - by an {@code EventOutbox} (the
 * scorer's and the engagement job's standing events) or on behalf of the members functions - is matched with Event
 * Ruler against the {@code MetricsEventsFunction}'s rules, and a match is handed to the real {@link MetricsEventsHandler}
 * as EventBridge delivers to a Lambda target. The invocation is asynchronous in AWS: a failure is retried twice with
 * the same envelope, then the event is a dead letter (the test asserts there is none). Here it runs at once, so every
 * event published before a scheduled run has been applied when the run starts. Every fifth matched event is delivered
 * a second time with the same envelope id, as Lambda may after a timeout.
 */
final class MetricsEventsRoute implements RawEventSink {

    private static final TypeReference<Map<String, Object>> ENVELOPE = new TypeReference<>() { };

    private final Machine rules = new Machine();
    private final MetricsEventsHandler function;
    private final Map<String, Integer> published = new TreeMap<>();
    private final Map<String, Integer> delivered = new TreeMap<>();
    private final List<String> deadLetters = new ArrayList<>();
    private int matched;

    MetricsEventsRoute(Path template, MetricsEventsHandler function) {
        this.function = function;
        FunctionSpec spec = Template.load(template).functions().stream()
                .filter(f -> f.handlerClass().equals(MetricsEventsHandler.class.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no function runs " + MetricsEventsHandler.class.getName()));
        try {
            for (FunctionSpec.BusRule rule : spec.busRules()) {
                rules.addRule(rule.ruleName(), Json.mapper().writeValueAsString(rule.pattern()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the template's metrics-events rules do not compile", e);
        }
    }

    /** An event of one of the shared event records (MemberJoined, MemberStatusChanged, ...), as its producer puts it. */
    void publish(String source, Object detail, Instant time) {
        try {
            publish(source, EventPublisher.detailType(detail.getClass()), Json.mapper().writeValueAsString(detail), time);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public synchronized void publish(String source, String detailType, String detail, Instant time) {
        published.merge(detailType, 1, Integer::sum);
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", "000000000000");
        envelope.put("time", time.toString());
        envelope.put("region", "us-east-1");
        envelope.putArray("resources");
        try {
            envelope.set("detail", Json.mapper().readTree(detail));
            if (rules.rulesForJSONEvent(envelope.toString()).isEmpty()) {
                return;
            }
        } catch (Exception e) {
            throw new IllegalStateException("event not matchable: " + detailType, e);
        }
        Map<String, Object> input = Json.mapper().convertValue(envelope, ENVELOPE);
        invoke(input, detailType);
        if (++matched % 5 == 0) {
            invoke(input, detailType);
        }
    }

    private void invoke(Map<String, Object> input, String detailType) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                function.handleRequest(input, null);
                delivered.merge(detailType, 1, Integer::sum);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        deadLetters.add(detailType + " " + input.get("detail") + ": " + last);
    }

    /** Events put on the bus, by detail-type. */
    synchronized Map<String, Integer> published() {
        return new TreeMap<>(published);
    }

    /** Invocations of the metrics-events function that succeeded, by detail-type (retried deliveries included). */
    synchronized Map<String, Integer> delivered() {
        return new TreeMap<>(delivered);
    }

    /** Events the function failed three times on: in AWS, the contents of MetricsEventsDLQ. */
    synchronized List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
