package com.fanops.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * An EventBridge-compatible endpoint (AWS JSON 1.1, {@code AWSEvents.*}) whose pattern matching is AWS's
 * own Event Ruler, so patterns behave as in EventBridge; no emulator with rules and targets installs here.
 * Buses, rules (patterns and schedules) and targets; deliveries are asynchronous, as in EventBridge.
 */
public final class EventBridgeServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final String region;
    private final String account;
    private final TargetDispatcher dispatcher;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService http = Executors.newCachedThreadPool(daemon("eventbridge-http"));
    private final ExecutorService deliveries = Executors.newFixedThreadPool(4, daemon("eventbridge-delivery"));
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private final AtomicLong schedulePasses = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, daemon("eventbridge-schedules"));
    private final Map<String, Map<String, Rule>> buses = new ConcurrentHashMap<>();
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();

    public EventBridgeServer(int port, String region, String accountId, TargetDispatcher dispatcher, Clock clock) throws IOException {
        this.region = region;
        this.account = accountId;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(http);
        server.createContext("/", this::handle);
        buses.put("default", new ConcurrentHashMap<>());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void start() {
        server.start();
        timer.scheduleWithFixedDelay(this::fireDueSchedules, 1, 1, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ protocol

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith("AWSEvents.")) {
                reply(exchange, 400, error("UnknownOperationException", "expected POST with X-Amz-Target: AWSEvents.<Operation>"));
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (request == null || request.isMissingNode()) {
                request = JSON.createObjectNode();
            }
            try {
                reply(exchange, 200, operation(target.substring("AWSEvents.".length()), request));
            } catch (ApiError e) {
                reply(exchange, 400, error(e.type, e.getMessage()));
            } catch (RuntimeException e) {
                System.err.println("[local] EventBridge stand-in failed: " + e);
                reply(exchange, 500, error("InternalException", String.valueOf(e)));
            }
        }
    }

    private JsonNode operation(String name, JsonNode r) {
        return switch (name) {
            case "PutEvents" -> putEvents(r);
            case "CreateEventBus" -> createBus(text(r, "Name"));
            case "DeleteEventBus" -> deleteBus(text(r, "Name"));
            case "DescribeEventBus" -> describeBus(r.path("Name").asText("default"));
            case "ListEventBuses" -> listBuses(r.path("NamePrefix").asText(""));
            case "PutRule" -> putRule(r);
            case "DescribeRule" -> describeRule(rule(r));
            case "ListRules" -> listRules(r);
            case "DeleteRule" -> deleteRule(rule(r));
            case "EnableRule" -> setState(rule(r), true);
            case "DisableRule" -> setState(rule(r), false);
            case "PutTargets" -> putTargets(rule(r), r.path("Targets"));
            case "RemoveTargets" -> removeTargets(rule(r), r.path("Ids"));
            case "ListTargetsByRule" -> listTargets(rule(r));
            case "TestEventPattern" -> testPattern(text(r, "EventPattern"), text(r, "Event"));
            default -> throw new ApiError("UnknownOperationException", name + " is not supported by the local EventBridge");
        };
    }

    private JsonNode createBus(String name) {
        if (buses.putIfAbsent(name, new ConcurrentHashMap<>()) != null) {
            throw new ApiError("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
        }
        return JSON.createObjectNode().put("EventBusArn", busArn(name));
    }

    private JsonNode deleteBus(String name) {
        if (!name.equals("default")) {
            Map<String, Rule> rules = buses.get(name);
            if (rules != null && !rules.isEmpty()) {
                throw new ApiError("ValidationException", "Cannot delete event bus " + name + " while it has rules.");
            }
            buses.remove(name);
        }
        return JSON.createObjectNode();
    }

    private JsonNode describeBus(String nameOrArn) {
        String name = busName(nameOrArn);
        if (!buses.containsKey(name)) {
            throw new ApiError("ResourceNotFoundException", "Event bus " + name + " does not exist.");
        }
        return JSON.createObjectNode().put("Name", name).put("Arn", busArn(name));
    }

    private JsonNode listBuses(String prefix) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("EventBuses");
        buses.keySet().stream().sorted().filter(n -> n.startsWith(prefix))
                .forEach(n -> list.addObject().put("Name", n).put("Arn", busArn(n)));
        return out;
    }

    private JsonNode putRule(JsonNode r) {
        String name = text(r, "Name");
        String bus = busName(r.path("EventBusName").asText("default"));
        Map<String, Rule> rules = existingBus(bus);
        String pattern = r.hasNonNull("EventPattern") ? r.get("EventPattern").asText() : null;
        String schedule = r.hasNonNull("ScheduleExpression") ? r.get("ScheduleExpression").asText() : null;
        if (pattern == null && schedule == null) {
            throw new ApiError("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule != null && !bus.equals("default")) {
            throw new ApiError("ValidationException", "ScheduleExpression is supported only on the default event bus.");
        }
        if (pattern != null) {
            String problem = RuleCompiler.check(pattern);
            if (problem != null) {
                throw new ApiError("InvalidEventPatternException", "Event pattern is not valid. Reason: " + problem);
            }
        }
        ScheduleExpression parsed;
        try {
            parsed = schedule == null ? null : ScheduleExpression.parse(schedule, clock.instant().truncatedTo(ChronoUnit.MINUTES));
        } catch (IllegalArgumentException e) {
            throw new ApiError("ValidationException", e.getMessage());
        }
        Rule rule = rules.computeIfAbsent(name, n -> new Rule(n, bus, ruleArn(bus, n)));
        rule.pattern = pattern;
        rule.scheduleExpression = schedule;
        rule.schedule = parsed;
        rule.nextFire = parsed == null ? null : parsed.next(clock.instant()).orElse(null);
        rule.enabled = !"DISABLED".equals(r.path("State").asText("ENABLED"));
        rule.description = r.path("Description").asText(null);
        rebuild(bus);
        return JSON.createObjectNode().put("RuleArn", rule.arn);
    }

    private JsonNode describeRule(Rule rule) {
        ObjectNode out = JSON.createObjectNode().put("Name", rule.name).put("Arn", rule.arn).put("EventBusName", rule.bus)
                .put("State", rule.enabled ? "ENABLED" : "DISABLED");
        if (rule.pattern != null) {
            out.put("EventPattern", rule.pattern);
        }
        if (rule.scheduleExpression != null) {
            out.put("ScheduleExpression", rule.scheduleExpression);
        }
        if (rule.description != null) {
            out.put("Description", rule.description);
        }
        return out;
    }

    private JsonNode listRules(JsonNode r) {
        String bus = busName(r.path("EventBusName").asText("default"));
        String prefix = r.path("NamePrefix").asText("");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Rules");
        existingBus(bus).values().stream().filter(rule -> rule.name.startsWith(prefix)).sorted((a, b) -> a.name.compareTo(b.name))
                .forEach(rule -> list.add(describeRule(rule)));
        return out;
    }

    private JsonNode deleteRule(Rule rule) {
        synchronized (rule.targets) {
            if (!rule.targets.isEmpty()) {
                throw new ApiError("ValidationException", "Rule can't be deleted since it has targets.");
            }
        }
        existingBus(rule.bus).remove(rule.name);
        rebuild(rule.bus);
        return JSON.createObjectNode();
    }

    private JsonNode setState(Rule rule, boolean enabled) {
        rule.enabled = enabled;
        rebuild(rule.bus);
        return JSON.createObjectNode();
    }

    private JsonNode putTargets(Rule rule, JsonNode targets) {
        synchronized (rule.targets) {
            for (JsonNode t : targets) {
                rule.targets.put(text(t, "Id"), new Rule.Target(text(t, "Id"), text(t, "Arn"),
                        t.hasNonNull("Input") ? t.get("Input").asText() : null,
                        t.hasNonNull("InputPath") ? t.get("InputPath").asText() : null));
            }
        }
        return JSON.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", JSON.createArrayNode());
    }

    private JsonNode removeTargets(Rule rule, JsonNode ids) {
        synchronized (rule.targets) {
            ids.forEach(id -> rule.targets.remove(id.asText()));
        }
        return JSON.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", JSON.createArrayNode());
    }

    private JsonNode listTargets(Rule rule) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Targets");
        synchronized (rule.targets) {
            for (Rule.Target t : rule.targets.values()) {
                ObjectNode node = list.addObject().put("Id", t.id()).put("Arn", t.arn());
                if (t.input() != null) {
                    node.put("Input", t.input());
                }
                if (t.inputPath() != null) {
                    node.put("InputPath", t.inputPath());
                }
            }
        }
        return out;
    }

    private JsonNode testPattern(String pattern, String event) {
        String problem = RuleCompiler.check(pattern);
        if (problem != null) {
            throw new ApiError("InvalidEventPatternException", "Event pattern is not valid. Reason: " + problem);
        }
        try {
            Machine machine = new Machine();
            machine.addRule("test", pattern);
            return JSON.createObjectNode().put("Result", !machine.rulesForJSONEvent(event).isEmpty());
        } catch (Exception e) {
            throw new ApiError("ValidationException", "Event is not valid JSON: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ events

    private JsonNode putEvents(JsonNode r) {
        JsonNode entries = r.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw new ApiError("ValidationException", "Entries must hold between 1 and 10 events.");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : entries) {
            String problem = invalid(entry);
            if (problem != null) {
                failed++;
                results.addObject().put("ErrorCode", problem.substring(0, problem.indexOf(':')))
                        .put("ErrorMessage", problem.substring(problem.indexOf(':') + 2));
                continue;
            }
            String bus = busName(entry.path("EventBusName").asText("default"));
            String id = UUID.randomUUID().toString();
            Instant time = entry.hasNonNull("Time") ? parseTime(entry.get("Time")) : clock.instant();
            ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", id)
                    .put("detail-type", entry.get("DetailType").asText()).put("source", entry.get("Source").asText())
                    .put("account", account).put("time", time.truncatedTo(ChronoUnit.SECONDS).toString()).put("region", region);
            ArrayNode resources = event.putArray("resources");
            entry.path("Resources").forEach(resources::add);
            try {
                event.set("detail", JSON.readTree(entry.get("Detail").asText()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            route(bus, event);
            results.addObject().put("EventId", id);
        }
        out.put("FailedEntryCount", failed);
        return out;
    }

    private String invalid(JsonNode entry) {
        String bus = busName(entry.path("EventBusName").asText("default"));
        if (!buses.containsKey(bus)) {
            return "ResourceNotFoundException: Event bus " + bus + " does not exist.";
        }
        if (!entry.hasNonNull("Source") || !entry.hasNonNull("DetailType") || !entry.hasNonNull("Detail")) {
            return "InvalidArgument: Parameters Source, DetailType and Detail are required.";
        }
        if (entry.toString().getBytes(StandardCharsets.UTF_8).length > MAX_ENTRY_BYTES) {
            return "InvalidArgument: Total size of the entries in the request is over the limit.";
        }
        try {
            JsonNode detail = JSON.readTree(entry.get("Detail").asText());
            if (detail == null || !detail.isObject()) {
                return "MalformedDetail: Detail is malformed.";
            }
        } catch (IOException e) {
            return "MalformedDetail: Detail is malformed.";
        }
        return null;
    }

    private void route(String bus, ObjectNode event) {
        Machine machine = machines.get(bus);
        if (machine == null) {
            return;
        }
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(event.toString());
        } catch (Exception e) {
            throw new IllegalStateException("event not matchable", e);
        }
        Map<String, Rule> rules = buses.get(bus);
        for (String name : matched.stream().distinct().toList()) {
            Rule rule = rules.get(name);
            if (rule != null && rule.enabled) {
                deliverToTargets(rule, event, false);
            }
        }
    }

    private int deliverToTargets(Rule rule, ObjectNode event, boolean synchronous) {
        List<Rule.Target> targets;
        synchronized (rule.targets) {
            targets = new ArrayList<>(rule.targets.values());
        }
        for (Rule.Target target : targets) {
            String input = input(target, event);
            if (synchronous) {
                dispatch(target.arn(), input);
            } else {
                pendingDeliveries.incrementAndGet();
                deliveries.execute(() -> {
                    try {
                        dispatch(target.arn(), input);
                    } finally {
                        pendingDeliveries.decrementAndGet();
                    }
                });
            }
        }
        return targets.size();
    }

    /** EventBridge retries failed deliveries for up to 24 h; locally a few quick retries, then the failure is logged. */
    private void dispatch(String arn, String input) {
        for (int attempt = 1; ; attempt++) {
            try {
                dispatcher.deliver(arn, input);
                return;
            } catch (Exception e) {
                if (attempt == 3) {
                    System.err.println("[local] EventBridge gave up delivering to " + arn + ": " + e);
                    return;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String input(Rule.Target target, JsonNode event) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            return jsonPath(event, target.inputPath()).toString();
        }
        return event.toString();
    }

    /** The simple JSONPath EventBridge accepts in InputPath: $, $.a.b, $.a[0]. */
    static JsonNode jsonPath(JsonNode root, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("InputPath must start with $");
        }
        JsonNode node = root;
        for (String part : path.substring(1).split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            int bracket = part.indexOf('[');
            String field = bracket < 0 ? part : part.substring(0, bracket);
            if (!field.isEmpty()) {
                node = node.path(field);
            }
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(part.substring(bracket + 1, part.indexOf(']'))));
            }
        }
        return node;
    }

    // ------------------------------------------------------------------ schedules

    /** Deliveries accepted (PutEvents, schedules) and not yet handed to their target or given up: tests wait for 0. */
    public int pendingDeliveries() {
        return pendingDeliveries.get();
    }

    /** How many times the schedules have been checked against the clock: a test waits for one more pass. */
    public long schedulePasses() {
        return schedulePasses.get();
    }

    /** Holds every schedule rule (as if disabled) while true; see {@link LocalScheduler#held(boolean)}. */
    public void schedulesHeld(boolean held) {
        this.schedulesHeld = held;
    }

    private volatile boolean schedulesHeld;

    private void fireDueSchedules() {
        try {
            fireDueSchedulesNow();
        } finally {
            schedulePasses.incrementAndGet();
        }
    }

    private void fireDueSchedulesNow() {
        Instant now = clock.instant();
        for (Map<String, Rule> rules : buses.values()) {
            for (Rule rule : rules.values()) {
                Instant due = rule.nextFire;
                if (rule.schedule != null && due != null && !due.isAfter(now)) {
                    rule.nextFire = rule.schedule.next(due).orElse(null);
                    if (rule.enabled && !schedulesHeld) {
                        deliverToTargets(rule, scheduledEvent(rule, due), false);
                    }
                }
            }
        }
    }

    /** Delivers a schedule's event now, as if fired at {@code eventTime}; returns the number of targets reached. */
    public int fireSchedule(String ruleName, Instant eventTime) {
        Rule rule = buses.get("default").get(ruleName);
        if (rule == null || rule.schedule == null) {
            throw new IllegalArgumentException("no schedule rule named " + ruleName);
        }
        return deliverToTargets(rule, scheduledEvent(rule, eventTime), true);
    }

    public List<String> scheduleRuleNames() {
        return buses.get("default").values().stream().filter(r -> r.schedule != null).map(r -> r.name).sorted().toList();
    }

    public Optional<Instant> nextFireTime(String ruleName, Instant after) {
        Rule rule = buses.get("default").get(ruleName);
        return rule == null || rule.schedule == null ? Optional.empty() : rule.schedule.next(after);
    }

    private ObjectNode scheduledEvent(Rule rule, Instant time) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", account)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString()).put("region", region);
        event.putArray("resources").add(rule.arn);
        event.putObject("detail");
        return event;
    }

    // ------------------------------------------------------------------ helpers

    private void rebuild(String bus) {
        Machine machine = new Machine();
        for (Rule rule : existingBus(bus).values()) {
            if (rule.pattern != null) {
                try {
                    machine.addRule(rule.name, rule.pattern);
                } catch (IOException e) {
                    throw new ApiError("InvalidEventPatternException", e.getMessage());
                }
            }
        }
        machines.put(bus, machine);
    }

    private Rule rule(JsonNode r) {
        String bus = busName(r.path("EventBusName").asText("default"));
        Rule rule = existingBus(bus).get(r.has("Rule") ? text(r, "Rule") : text(r, "Name"));
        if (rule == null) {
            throw new ApiError("ResourceNotFoundException", "Rule " + r.path("Rule").asText(r.path("Name").asText())
                    + " does not exist on EventBus " + bus + ".");
        }
        return rule;
    }

    private Map<String, Rule> existingBus(String name) {
        Map<String, Rule> rules = buses.get(name);
        if (rules == null) {
            throw new ApiError("ResourceNotFoundException", "Event bus " + name + " does not exist.");
        }
        return rules;
    }

    private static String busName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return nameOrArn.startsWith("arn:") && slash > 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }

    private String busArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
    }

    private String ruleArn(String bus, String name) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + (bus.equals("default") ? "" : bus + "/") + name;
    }

    private static Instant parseTime(JsonNode time) {
        return time.isNumber() ? Instant.ofEpochMilli((long) (time.asDouble() * 1000)) : Instant.parse(time.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new ApiError("ValidationException", "Parameter " + field + " is required.");
        }
        return value.asText();
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop(0);
        http.shutdownNow();
        deliveries.shutdownNow();
    }

    private static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
