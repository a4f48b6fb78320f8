package com.fanops.local.messaging;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Local stand-in for Amazon SES v2 (REST-JSON, {@code /v2/email/...}) and AWS End User Messaging SMS
 * (AWS JSON 1.0, {@code X-Amz-Target: PinpointSMSVoiceV2.*}) on one loopback port, so the SDK's SesV2Client and
 * PinpointSmsVoiceV2Client and the AWS CLI work unchanged. Nothing leaves the machine: e-mails and texts are kept in
 * memory and shown at {@code GET /} (the local mailbox) and LocalStack's inspection endpoints ({@code /_aws/ses},
 * {@code /_aws/sns/sms-messages}). SES's mailbox simulator addresses produce their bounces and complaints, published
 * to EventBridge through the configuration set's event destinations.
 */
public final class MessagingServer implements AutoCloseable {

    static {
        // Read once by the JDK HttpServer's first use: without it every small response waits ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SES_PREFIX = "/v2/email/";
    private static final String SMS_TARGET = "PinpointSMSVoiceV2.";
    private static final Set<String> EVENT_TYPES = Set.of("SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN",
            "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION");
    /** SES only publishes to the default bus (EventBridgeDestination.EventBusArn). */
    private static final Pattern DEFAULT_BUS = Pattern.compile("arn:aws[a-z0-9-]*:events:[a-z0-9-]+:\\d{12}:event-bus/default");
    private static final Pattern CONFIGURATION_SET_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** SES v2 MessageHeader: printable ASCII names without a colon, printable ASCII values; at most 15 headers. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,126}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[ -~]{1,995}");
    /** SES message tags: names and values of ASCII letters, digits, _ and - (values also . and @), 255 at most. */
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9_.@-]{1,255}");
    private static final int MAX_RECIPIENTS = 50;
    /** E.164: a plus, a country code that does not start with 0, 15 digits at most. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern ORIGINATION_IDENTITY = Pattern.compile("[A-Za-z0-9_:/+-]{1,256}");
    private static final Pattern SMS_CONFIGURATION_SET = Pattern.compile("[A-Za-z0-9_:/-]{1,256}");

    private final String region;
    private final String account;
    private final Clock clock;
    private final SesEvents events;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "messaging-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ConfigurationSet> configurationSets = new ConcurrentHashMap<>();
    private final List<SentEmail> emails = new CopyOnWriteArrayList<>();
    private final List<SentSms> texts = new CopyOnWriteArrayList<>();

    /** A configuration set and its event destinations, as CreateConfigurationSet(EventDestination) described them. */
    private static final class ConfigurationSet {
        final String name;
        final boolean sendingEnabled;
        final Map<String, ObjectNode> destinations = Collections.synchronizedMap(new LinkedHashMap<>());

        ConfigurationSet(String name, boolean sendingEnabled) {
            this.name = name;
            this.sendingEnabled = sendingEnabled;
        }
    }

    public MessagingServer(int port, String region, String accountId, EventBridgeClient eventBridge, Clock clock)
            throws IOException {
        this.region = region;
        this.account = accountId;
        this.clock = clock;
        this.events = new SesEvents(region, accountId, eventBridge, clock);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** SES events scheduled after a send and not yet published: tests and idle checks wait for 0. */
    public int pendingEvents() {
        return events.pending();
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            try {
                if (path.startsWith(SES_PREFIX)) {
                    ses(exchange, method, segments(path.substring(SES_PREFIX.length())));
                } else if (path.equals("/_aws/ses")) {
                    sentEmails(exchange, method);
                } else if (path.equals("/_aws/sns/sms-messages")) {
                    sentTexts(exchange, method);
                } else if (path.equals("/") && method.equals("POST")) {
                    sms(exchange);
                } else if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
                    MailboxPage.serve(exchange, reversed(emails), reversed(texts));
                } else if (path.equals(MailboxPage.STYLESHEET) && method.equals("GET")) {
                    MailboxPage.serveStylesheet(exchange);
                } else {
                    reply(exchange, 404, "application/json", JSON.writeValueAsBytes(Map.of("message", "no such resource")));
                }
            } catch (ApiError e) {
                error(exchange, e);
            } catch (RuntimeException e) {
                System.err.println("[local] messaging stand-in failed: " + e.getClass().getSimpleName());
                error(exchange, new ApiError(500, path.startsWith(SES_PREFIX) ? "InternalFailure" : "InternalServerException",
                        "internal error of the local stand-in"));
            }
        }
    }

    private void ses(HttpExchange exchange, String method, List<String> path) throws IOException {
        String route = method + " " + SES_PREFIX + String.join("/", path);
        ObjectNode answer = switch (method + " " + path.get(0) + "/" + path.size()) {
            case "POST outbound-emails/1" -> sendEmail(body(exchange));
            case "GET account/1" -> account();
            case "POST configuration-sets/1" -> createConfigurationSet(body(exchange));
            case "GET configuration-sets/1" -> listConfigurationSets();
            case "GET configuration-sets/2" -> getConfigurationSet(path.get(1));
            case "DELETE configuration-sets/2" -> deleteConfigurationSet(path.get(1));
            case "POST configuration-sets/3", "GET configuration-sets/3" -> {
                if (!path.get(2).equals("event-destinations")) {
                    throw notFound(route);
                }
                yield method.equals("POST") ? createEventDestination(path.get(1), body(exchange)) : eventDestinations(path.get(1));
            }
            default -> throw notFound(route);
        };
        reply(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    private static ApiError notFound(String route) {
        return new ApiError(404, "NotFoundException", "The local SES stand-in does not implement " + route);
    }

    // ------------------------------------------------------------------ SES v2

    private ObjectNode sendEmail(JsonNode r) {
        JsonNode content = r.path("Content");
        if (!content.isObject()) {
            throw badRequest("Content is required.");
        }
        if (content.has("Raw") || content.has("Template")) {
            throw badRequest("The local SES stand-in sends Simple content only (Content.Simple).");
        }
        JsonNode simple = content.path("Simple");
        if (!simple.isObject()) {
            throw badRequest("Content.Simple is required.");
        }
        String from = text(r, "FromEmailAddress");
        if (from == null) {
            throw badRequest("Missing required parameter: FromEmailAddress.");
        }
        checkAddress(from);
        List<String> to = addresses(r.path("Destination").path("ToAddresses"));
        List<String> cc = addresses(r.path("Destination").path("CcAddresses"));
        List<String> bcc = addresses(r.path("Destination").path("BccAddresses"));
        int recipients = to.size() + cc.size() + bcc.size();
        if (recipients == 0 || recipients > MAX_RECIPIENTS) {
            throw badRequest("Destination must name between 1 and " + MAX_RECIPIENTS + " recipients.");
        }
        List<String> replyTo = addresses(r.path("ReplyToAddresses"));
        String subject = text(simple.path("Subject"), "Data");
        if (subject == null) {
            throw badRequest("Content.Simple.Subject.Data is required.");
        }
        String textBody = text(simple.path("Body").path("Text"), "Data");
        String htmlBody = text(simple.path("Body").path("Html"), "Data");
        if (textBody == null && htmlBody == null) {
            throw badRequest("Content.Simple.Body needs Text or Html.");
        }
        List<SentEmail.Field> headers = headers(simple.path("Headers"));
        List<SentEmail.Field> tags = tags(r.path("EmailTags"));
        String setName = text(r, "ConfigurationSetName");
        ConfigurationSet set = null;
        if (setName != null) {
            set = configurationSets.get(setName);
            if (set == null) {
                throw new ApiError(404, "NotFoundException", "Configuration set <" + setName + "> does not exist.");
            }
            if (!set.sendingEnabled) {
                throw new ApiError(400, "SendingPausedException", "Sending is paused for configuration set <" + setName + ">.");
            }
        }
        Instant now = clock.instant();
        String messageId = String.format("%016x", now.toEpochMilli()) + "-" + UUID.randomUUID() + "-000000";
        SentEmail mail = new SentEmail(messageId, region, now, from, to, cc, bcc, replyTo, subject, textBody, htmlBody,
                headers, tags, setName);
        emails.add(mail);
        if (set != null) {
            events.published(mail, destinations(set));
        }
        return JSON.createObjectNode().put("MessageId", messageId);
    }

    private static List<SesEvents.Destination> destinations(ConfigurationSet set) {
        List<SesEvents.Destination> out = new ArrayList<>();
        synchronized (set.destinations) {
            for (ObjectNode d : set.destinations.values()) {
                if (d.path("Enabled").asBoolean(false) && d.has("EventBridgeDestination")) {
                    List<String> types = new ArrayList<>();
                    d.path("MatchingEventTypes").forEach(t -> types.add(t.asText()));
                    out.add(new SesEvents.Destination(d.path("EventBridgeDestination").path("EventBusArn").asText(), types));
                }
            }
        }
        return out;
    }

    private ObjectNode account() {
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        long sentLastDay = emails.stream().filter(m -> m.timestamp().isAfter(dayAgo)).mapToLong(m -> m.recipients().size()).sum();
        ObjectNode out = JSON.createObjectNode().put("DedicatedIpAutoWarmupEnabled", false).put("EnforcementStatus", "HEALTHY")
                .put("ProductionAccessEnabled", true).put("SendingEnabled", true);
        // Locally nothing is rate-limited: -1 is SES's "no limit".
        out.putObject("SendQuota").put("Max24HourSend", -1.0).put("MaxSendRate", -1.0).put("SentLast24Hours", (double) sentLastDay);
        out.putObject("SuppressionAttributes").putArray("SuppressedReasons");
        return out;
    }

    private ObjectNode createConfigurationSet(JsonNode r) {
        String name = text(r, "ConfigurationSetName");
        if (name == null || !CONFIGURATION_SET_NAME.matcher(name).matches()) {
            throw badRequest("ConfigurationSetName must be 1 to 64 letters, digits, _ or -.");
        }
        boolean sendingEnabled = r.path("SendingOptions").path("SendingEnabled").asBoolean(true);
        if (configurationSets.putIfAbsent(name, new ConfigurationSet(name, sendingEnabled)) != null) {
            throw new ApiError(400, "AlreadyExistsException", "Configuration set <" + name + "> already exists.");
        }
        return JSON.createObjectNode();
    }

    private ObjectNode listConfigurationSets() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode names = out.putArray("ConfigurationSets");
        configurationSets.keySet().stream().sorted().forEach(names::add);
        return out;
    }

    private ObjectNode getConfigurationSet(String name) {
        ConfigurationSet set = existing(name);
        ObjectNode out = JSON.createObjectNode().put("ConfigurationSetName", set.name);
        out.putObject("SendingOptions").put("SendingEnabled", set.sendingEnabled);
        return out;
    }

    private ObjectNode deleteConfigurationSet(String name) {
        existing(name);
        configurationSets.remove(name);
        return JSON.createObjectNode();
    }

    private ObjectNode createEventDestination(String setName, JsonNode r) {
        ConfigurationSet set = existing(setName);
        String name = text(r, "EventDestinationName");
        if (name == null) {
            throw badRequest("EventDestinationName is required.");
        }
        JsonNode definition = r.path("EventDestination");
        if (!definition.isObject()) {
            throw badRequest("EventDestination is required.");
        }
        JsonNode types = definition.path("MatchingEventTypes");
        if (!types.isArray() || types.isEmpty()) {
            throw badRequest("MatchingEventTypes must name at least one event type.");
        }
        for (JsonNode type : types) {
            if (!EVENT_TYPES.contains(type.asText())) {
                throw badRequest("Unknown event type " + type.asText() + "; expected one of " + EVENT_TYPES + ".");
            }
        }
        for (String other : List.of("KinesisFirehoseDestination", "CloudWatchDestination", "SnsDestination", "PinpointDestination")) {
            if (definition.has(other)) {
                throw badRequest(other + " is not available locally: the local SES stand-in publishes to EventBridge only.");
            }
        }
        String bus = definition.path("EventBridgeDestination").path("EventBusArn").asText("");
        if (!DEFAULT_BUS.matcher(bus).matches()) {
            throw badRequest("EventBridgeDestination.EventBusArn must be the ARN of the default event bus.");
        }
        ObjectNode stored = JSON.createObjectNode().put("Name", name).put("Enabled", definition.path("Enabled").asBoolean(false));
        stored.set("MatchingEventTypes", types.deepCopy());
        stored.putObject("EventBridgeDestination").put("EventBusArn", bus);
        synchronized (set.destinations) {
            if (set.destinations.putIfAbsent(name, stored) != null) {
                throw new ApiError(400, "AlreadyExistsException", "Event destination <" + name + "> already exists in <"
                        + setName + ">.");
            }
        }
        return JSON.createObjectNode();
    }

    private ObjectNode eventDestinations(String setName) {
        ConfigurationSet set = existing(setName);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("EventDestinations");
        synchronized (set.destinations) {
            set.destinations.values().forEach(d -> list.add(d.deepCopy()));
        }
        return out;
    }

    private ConfigurationSet existing(String name) {
        ConfigurationSet set = configurationSets.get(name);
        if (set == null) {
            throw new ApiError(404, "NotFoundException", "Configuration set <" + name + "> does not exist.");
        }
        return set;
    }

    private static List<String> addresses(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw badRequest("An address list must be a list.");
        }
        for (JsonNode address : list) {
            checkAddress(address.asText());
            out.add(address.asText());
        }
        return out;
    }

    /** SES refuses an address without a local part and a domain ("Missing final '@domain'"). */
    private static void checkAddress(String mailbox) {
        String address = MailboxSimulator.address(mailbox);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw badRequest("Missing final '@domain'");
        }
    }

    private static List<SentEmail.Field> headers(JsonNode list) {
        List<SentEmail.Field> out = new ArrayList<>();
        if (list.size() > 15) {
            throw badRequest("A message can have at most 15 headers.");
        }
        for (JsonNode h : list) {
            String name = h.path("Name").asText("");
            String value = h.path("Value").asText("");
            if (!HEADER_NAME.matcher(name).matches() || !HEADER_VALUE.matcher(value).matches()
                    || name.length() + value.length() > 996) {
                throw badRequest("Invalid header " + (HEADER_NAME.matcher(name).matches() ? name : "name") + ".");
            }
            out.add(new SentEmail.Field(name, value));
        }
        return out;
    }

    private static List<SentEmail.Field> tags(JsonNode list) {
        List<SentEmail.Field> out = new ArrayList<>();
        for (JsonNode tag : list) {
            String name = tag.path("Name").asText("");
            String value = tag.path("Value").asText("");
            if (!TAG_NAME.matcher(name).matches()) {
                throw badRequest("Invalid tag name <" + name + ">: only alphanumeric ASCII characters, '_' and '-' are allowed.");
            }
            if (!TAG_VALUE.matcher(value).matches()) {
                throw badRequest("Invalid tag value for <" + name
                        + ">: only alphanumeric ASCII characters, '_', '-', '.' and '@' are allowed.");
            }
            out.add(new SentEmail.Field(name, value));
        }
        return out;
    }

    private static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequestException", message);
    }

    // ------------------------------------------------------------------ SMS (End User Messaging, pinpoint-sms-voice-v2)

    private void sms(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        if (!target.startsWith(SMS_TARGET)) {
            throw new ApiError(400, "UnknownOperationException", "expected X-Amz-Target: " + SMS_TARGET + "<Operation>");
        }
        ObjectNode answer = switch (target.substring(SMS_TARGET.length())) {
            case "SendTextMessage" -> sendTextMessage(body(exchange));
            default -> throw new ApiError(400, "UnknownOperationException",
                    target + " is not implemented by the local SMS stand-in");
        };
        reply(exchange, 200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(answer));
    }

    private ObjectNode sendTextMessage(JsonNode r) {
        String number = text(r, "DestinationPhoneNumber");
        if (number == null) {
            throw validation("MISSING_PARAMETER", "DestinationPhoneNumber", "DestinationPhoneNumber is required.");
        }
        if (!E164.matcher(number).matches()) {
            throw validation("INVALID_PARAMETER", "DestinationPhoneNumber",
                    "DestinationPhoneNumber must be in E.164 format (+ then 2 to 15 digits).");
        }
        String body = text(r, "MessageBody");
        if (body == null || body.isBlank()) {
            throw validation("MISSING_PARAMETER", "MessageBody", "MessageBody is required.");
        }
        if (body.length() > 1600) {
            throw validation("FIELD_VALIDATION_FAILED", "MessageBody", "MessageBody is longer than 1600 characters.");
        }
        String type = text(r, "MessageType");
        if (type != null && !type.equals("TRANSACTIONAL") && !type.equals("PROMOTIONAL")) {
            throw validation("FIELD_VALIDATION_FAILED", "MessageType", "MessageType must be TRANSACTIONAL or PROMOTIONAL.");
        }
        String origination = text(r, "OriginationIdentity");
        if (origination != null && !ORIGINATION_IDENTITY.matcher(origination).matches()) {
            throw validation("FIELD_VALIDATION_FAILED", "OriginationIdentity", "OriginationIdentity is malformed.");
        }
        String configurationSet = text(r, "ConfigurationSetName");
        if (configurationSet != null && !SMS_CONFIGURATION_SET.matcher(configurationSet).matches()) {
            throw validation("FIELD_VALIDATION_FAILED", "ConfigurationSetName", "ConfigurationSetName is malformed.");
        }
        Map<String, String> context = new LinkedHashMap<>();
        r.path("Context").fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        if (context.size() > 5) {
            throw validation("FIELD_VALIDATION_FAILED", "Context", "Context holds at most 5 entries.");
        }
        String messageId = UUID.randomUUID().toString();
        if (!r.path("DryRun").asBoolean(false)) {
            texts.add(new SentSms(messageId, region, clock.instant(), number, body, type, origination, configurationSet, context));
        }
        return JSON.createObjectNode().put("MessageId", messageId);
    }

    private static ApiError validation(String reason, String field, String message) {
        ApiError e = new ApiError(400, "ValidationException", message);
        e.extra.put("Reason", reason);
        e.extra.putArray("Fields").addObject().put("Name", field).put("Message", message);
        return e;
    }

    // ------------------------------------------------------------------ inspection (LocalStack's endpoints and shapes)

    /** {@code GET /_aws/ses} lists sent e-mails ({@code ?id=}, {@code ?email=} the source); DELETE clears them. */
    private void sentEmails(HttpExchange exchange, String method) throws IOException {
        Map<String, String> query = query(exchange);
        String id = query.get("id");
        if (method.equals("DELETE")) {
            emails.removeIf(m -> id == null || m.messageId().equals(id));
            reply(exchange, 204, "application/json", new byte[0]);
            return;
        }
        String source = query.get("email");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode messages = out.putArray("messages");
        for (SentEmail m : emails) {
            if ((id == null || id.equals(m.messageId())) && (source == null || source.equals(m.from())
                    || source.equals(MailboxSimulator.address(m.from())))) {
                messages.add(localStackShape(m));
            }
        }
        reply(exchange, 200, "application/json", JSON.writeValueAsBytes(out));
    }

    private static ObjectNode localStackShape(SentEmail m) {
        ObjectNode node = JSON.createObjectNode().put("Id", m.messageId()).put("Region", m.region())
                .put("Timestamp", SesEvents.iso(m.timestamp()));
        ObjectNode destination = node.putObject("Destination");
        list(destination, "ToAddresses", m.to());
        list(destination, "CcAddresses", m.cc());
        list(destination, "BccAddresses", m.bcc());
        node.put("Source", m.from()).put("Subject", m.subject());
        node.putObject("Body").put("text_part", m.text()).put("html_part", m.html());
        // Beyond LocalStack's shape: what SES v2 Simple content and event publishing add.
        fields(node.putArray("Headers"), m.headers());
        fields(node.putArray("Tags"), m.tags());
        node.put("ConfigurationSetName", m.configurationSet());
        return node;
    }

    private static void list(ObjectNode parent, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = parent.putArray(name);
            values.forEach(list::add);
        }
    }

    private static void fields(ArrayNode array, List<SentEmail.Field> fields) {
        fields.forEach(f -> array.addObject().put("Name", f.name()).put("Value", f.value()));
    }

    /** {@code GET /_aws/sns/sms-messages} lists texts by number ({@code ?phoneNumber=}); DELETE clears them. */
    private void sentTexts(HttpExchange exchange, String method) throws IOException {
        String number = query(exchange).get("phoneNumber");
        if (method.equals("DELETE")) {
            texts.removeIf(t -> number == null || t.phoneNumber().equals(number));
            reply(exchange, 204, "application/json", new byte[0]);
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        ObjectNode byNumber = out.putObject("sms_messages");
        for (SentSms t : texts) {
            if (number == null || number.equals(t.phoneNumber())) {
                ArrayNode list = byNumber.has(t.phoneNumber()) ? (ArrayNode) byNumber.get(t.phoneNumber())
                        : byNumber.putArray(t.phoneNumber());
                ObjectNode node = list.addObject().put("PhoneNumber", t.phoneNumber()).put("MessageId", t.messageId())
                        .put("Message", t.body()).put("MessageType", t.messageType())
                        .put("OriginationIdentity", t.originationIdentity())
                        .put("ConfigurationSetName", t.configurationSetName()).put("Timestamp", SesEvents.iso(t.timestamp()));
                ObjectNode context = node.putObject("Context");
                t.context().forEach(context::put);
            }
        }
        out.put("region", region);
        reply(exchange, 200, "application/json", JSON.writeValueAsBytes(out));
    }

    // ------------------------------------------------------------------ helpers

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "SerializationException", "The request body is not valid JSON.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Path segments after the prefix, percent-decoded ('+' is a plus in a path). */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** REST-JSON (SES) errors name their type in x-amzn-ErrorType; AWS JSON 1.0 (SMS) ones in __type too. */
    private static void error(HttpExchange exchange, ApiError e) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type);
        ObjectNode body = JSON.createObjectNode();
        boolean awsJson = exchange.getRequestHeaders().containsKey("X-Amz-Target");
        if (awsJson) {
            body.put("__type", e.type).put("Message", e.getMessage());
        } else {
            body.put("message", e.getMessage());
        }
        body.setAll(e.extra);
        reply(exchange, e.status, awsJson ? "application/x-amz-json-1.0" : "application/json", JSON.writeValueAsBytes(body));
    }

    static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        events.close();
        server.stop(0);
        threads.shutdownNow();
    }

    private static final class ApiError extends RuntimeException {
        final int status;
        final String type;
        final ObjectNode extra = JSON.createObjectNode();

        ApiError(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }
    }
}
