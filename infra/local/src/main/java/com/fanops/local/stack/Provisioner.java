package com.fanops.local.stack;

import com.fanops.local.events.LocalScheduler;
import com.fanops.template.FunctionSpec;
import com.fanops.template.LocalNames;
import com.fanops.template.QueueSpec;
import com.fanops.template.Resolver;
import com.fanops.template.Resource;
import com.fanops.template.TableSpec;
import com.fanops.template.Template;
import com.fanops.template.TemplateException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what template.yaml declares - tables, queues, buses, SES configuration sets, rules and schedules - through the
 * services' own APIs, exactly as a client would in AWS. Nothing here re-declares a resource.
 */
public final class Provisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** EventBridge Scheduler's MaximumRetryAttempts when a schedule's RetryPolicy does not set it. */
    private static final int SCHEDULER_DEFAULT_RETRIES = 185;

    private final Template template;
    private final Resolver resolver;
    private final LocalNames names;

    Provisioner(Template template, Resolver resolver, LocalNames names) {
        this.template = template;
        this.resolver = resolver;
        this.names = names;
    }

    List<String> createTables(DynamoDbClient ddb) {
        List<String> created = new ArrayList<>();
        for (TableSpec table : template.tables()) {
            String name = names.tableName(template.resource(table.logicalId()));
            boolean isNew = true;
            try {
                ddb.createTable(createTableRequest(table, name));
            } catch (ResourceInUseException alreadyThere) {
                // --data-dir keeps tables (and their TTL setting) across restarts: keep their data.
                isNew = false;
            }
            if (isNew && table.ttlAttribute() != null) {
                ddb.updateTimeToLive(b -> b.tableName(name)
                        .timeToLiveSpecification(t -> t.attributeName(table.ttlAttribute()).enabled(true)));
            }
            created.add(name);
        }
        return created;
    }

    /** The CreateTable call for a template table (shared with the benchmarks and tests that need the same tables). */
    public static CreateTableRequest createTableRequest(TableSpec table, String name) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        table.attributeTypes().forEach((attribute, type) ->
                attributes.add(AttributeDefinition.builder().attributeName(attribute).attributeType(type).build()));
        List<GlobalSecondaryIndex> gsis = table.globalSecondaryIndexes().stream().map(index -> GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keys(index.keySchema()))
                .projection(Projection.builder().projectionType(index.projectionType())
                        .nonKeyAttributes(index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes()).build())
                .build()).toList();
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keys(table.keySchema()))
                .globalSecondaryIndexes(gsis.isEmpty() ? null : gsis)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    private static List<KeySchemaElement> keys(List<TableSpec.Key> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType()).build())
                .toList();
    }

    /** Creates queues dead-letter queues first, and records each queue's URL for {@code !Ref}. */
    Map<String, String> createQueues(SqsClient sqs) {
        Map<String, String> urlsByArn = new LinkedHashMap<>();
        List<QueueSpec> pending = new ArrayList<>(template.queues());
        pending.sort((a, b) -> Boolean.compare(a.deadLetterTargetArn() != null, b.deadLetterTargetArn() != null));
        for (QueueSpec queue : pending) {
            Resource resource = template.resource(queue.logicalId());
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, resolver.string(queue.visibilityTimeout()));
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(queue.messageRetentionSeconds()));
            attributes.put(QueueAttributeName.DELAY_SECONDS, String.valueOf(queue.delaySeconds()));
            attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, String.valueOf(queue.receiveWaitSeconds()));
            if (queue.fifo()) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
                attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, String.valueOf(queue.contentBasedDeduplication()));
            }
            if (queue.deadLetterTargetArn() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, json(Map.of(
                        "deadLetterTargetArn", resolver.string(queue.deadLetterTargetArn()),
                        "maxReceiveCount", queue.maxReceiveCount() == null ? 10 : queue.maxReceiveCount())));
            }
            String url = sqs.createQueue(b -> b.queueName(names.queueName(resource)).attributes(attributes)).queueUrl();
            names.override(queue.logicalId() + ".QueueUrl", url);
            urlsByArn.put(names.getAtt(resource, "Arn"), url);
        }
        return urlsByArn;
    }

    List<String> createBuses(EventBridgeClient events) {
        List<String> buses = new ArrayList<>();
        for (Resource bus : template.ofType("AWS::Events::EventBus")) {
            String name = names.busName(bus);
            try {
                events.createEventBus(b -> b.name(name));
            } catch (ResourceAlreadyExistsException alreadyThere) {
                // a restarted EventBridge stand-in starts empty, but be tolerant of re-provisioning
            }
            buses.add(name);
        }
        return buses;
    }

    /**
     * SES configuration sets and their event destinations, through the SES v2 API of the local stand-in (plain JSON:
     * the runtime carries no SES SDK). CloudFormation's property names are mapped to the API's; MatchingEventTypes may
     * be written as the API's enum (BOUNCE) or in the older style (bounce, renderingFailure).
     */
    List<String> createEmailConfigurationSets(URI ses) {
        List<String> created = new ArrayList<>();
        for (Resource set : template.ofType("AWS::SES::ConfigurationSet")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ConfigurationSetName", names.configurationSetName(set));
            Object sending = set.property("SendingOptions");
            if (sending != null) {
                body.put("SendingOptions", resolver.resolve(sending));
            }
            post(ses.resolve("/v2/email/configuration-sets"), body, set.logicalId());
            created.add(names.configurationSetName(set));
        }
        for (Resource destination : template.ofType("AWS::SES::ConfigurationSetEventDestination")) {
            String setName = resolver.string(destination.property("ConfigurationSetName"));
            @SuppressWarnings("unchecked")
            Map<String, Object> definition = new LinkedHashMap<>((Map<String, Object>) resolver.resolve(destination.property("EventDestination")));
            Object name = definition.remove("Name");
            Object types = definition.get("MatchingEventTypes");
            if (types instanceof List<?> list) {
                definition.put("MatchingEventTypes", list.stream().map(t -> eventType(String.valueOf(t))).toList());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("EventDestinationName", name == null ? destination.logicalId() : String.valueOf(name));
            body.put("EventDestination", definition);
            post(ses.resolve("/v2/email/configuration-sets/" + URLEncoder.encode(setName, StandardCharsets.UTF_8)
                    + "/event-destinations"), body, destination.logicalId());
        }
        return created;
    }

    /** BOUNCE, bounce and renderingFailure / RENDERING_FAILURE alike become the SES v2 enum. */
    static String eventType(String value) {
        return value.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static void post(URI uri, Map<String, Object> body, String logicalId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TemplateException(logicalId + ": SES refused it (" + response.headers().firstValue("x-amzn-ErrorType")
                        .orElse(String.valueOf(response.statusCode())) + "): " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the SES stand-in did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + logicalId, e);
        }
    }

    /** Rules SAM generates from function events, plus AWS::Events::Rule resources; returns schedule rule names. */
    List<String> createRules(EventBridgeClient events, String functionArnPrefix) {
        List<String> schedules = new ArrayList<>();
        for (FunctionSpec fn : template.functions()) {
            String target = functionArnPrefix + names.ref(template.resource(fn.logicalId()));
            for (FunctionSpec.BusRule rule : fn.busRules()) {
                String bus = resolver.string(rule.eventBusName());
                events.putRule(b -> b.name(rule.ruleName()).eventBusName(bus).eventPattern(json(resolver.resolve(rule.pattern())))
                        .state(rule.enabled() ? "ENABLED" : "DISABLED"));
                events.putTargets(b -> b.rule(rule.ruleName()).eventBusName(bus).targets(target(fn.logicalId(), target,
                        rule.input(), rule.inputPath())));
            }
            for (FunctionSpec.ScheduleSource schedule : fn.schedules()) {
                events.putRule(b -> b.name(schedule.ruleName()).scheduleExpression(resolver.string(schedule.expression()))
                        .state(schedule.enabled() ? "ENABLED" : "DISABLED"));
                events.putTargets(b -> b.rule(schedule.ruleName()).targets(target(fn.logicalId(), target, schedule.input(), null)));
                schedules.add(schedule.ruleName());
            }
        }
        for (Resource rule : template.ofType("AWS::Events::Rule")) {
            String name = rule.property("Name") == null ? rule.logicalId() : resolver.string(rule.property("Name"));
            String bus = rule.property("EventBusName") == null ? "default" : resolver.string(rule.property("EventBusName"));
            Object pattern = rule.property("EventPattern");
            Object schedule = rule.property("ScheduleExpression");
            events.putRule(b -> b.name(name).eventBusName(bus)
                    .eventPattern(pattern == null ? null : json(resolver.resolve(pattern)))
                    .scheduleExpression(schedule == null ? null : resolver.string(schedule))
                    .state(rule.property("State") == null ? "ENABLED" : resolver.string(rule.property("State"))));
            List<Target> targets = rule.list("Targets").stream().map(raw -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) raw;
                return target(String.valueOf(t.get("Id")), resolver.string(t.get("Arn")), t.get("Input"), t.get("InputPath"));
            }).toList();
            if (!targets.isEmpty()) {
                events.putTargets(b -> b.rule(name).eventBusName(bus).targets(targets));
            }
            if (schedule != null) {
                schedules.add(name);
            }
        }
        return schedules;
    }

    /**
     * EventBridge Scheduler schedules from ScheduleV2 events, with expression, time zone ({@code !Ref BusinessTimeZone}
     * and any {@code --param} override), input and dead-letter queue resolved; returns their names.
     */
    List<String> createSchedules(LocalScheduler scheduler, String functionArnPrefix) {
        List<String> created = new ArrayList<>();
        for (FunctionSpec fn : template.functions()) {
            String target = functionArnPrefix + names.ref(template.resource(fn.logicalId()));
            for (FunctionSpec.SchedulerSchedule s : fn.schedulerSchedules()) {
                Object retries = s.retryPolicy().get("MaximumRetryAttempts");
                try {
                    ZoneId zone = s.timezone() == null ? ZoneOffset.UTC : ZoneId.of(resolver.string(s.timezone()));
                    scheduler.create(new LocalScheduler.Schedule(s.name(), resolver.string(s.expression()), zone,
                            s.input() == null ? null : resolver.string(s.input()), target, s.enabled(),
                            s.deadLetterArn() == null ? null : resolver.string(s.deadLetterArn()),
                            retries == null ? SCHEDULER_DEFAULT_RETRIES : Integer.parseInt(resolver.string(retries))));
                } catch (DateTimeException | IllegalArgumentException e) {
                    throw new TemplateException(fn.logicalId() + ": schedule " + s.name() + ": " + e.getMessage());
                }
                created.add(s.name());
            }
        }
        return created;
    }

    private Target target(String id, String arn, Object input, Object inputPath) {
        return Target.builder().id(id).arn(arn)
                .input(input == null ? null : input instanceof String s ? s : json(resolver.resolve(input)))
                .inputPath(inputPath == null ? null : resolver.string(inputPath))
                .build();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
