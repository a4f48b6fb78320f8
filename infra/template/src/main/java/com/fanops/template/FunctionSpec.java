package com.fanops.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AWS::Serverless::Function after Globals, with its event sources. Values that may hold
 * intrinsics ({@code environment}, queue and bus references, policies) stay raw.
 */
public record FunctionSpec(String logicalId, String handler, Path jar, String runtime, int memoryMb, int timeoutSeconds,
                           Map<String, Object> environment, List<Object> policies, List<HttpRoute> httpRoutes,
                           List<SqsSource> sqsSources, List<BusRule> busRules, List<ScheduleSource> schedules,
                           List<SchedulerSchedule> schedulerSchedules, Object deadLetterTargetArn, int maximumRetryAttempts,
                           int maximumEventAgeSeconds, Object onFailureDestination, Integer reservedConcurrency) {

    public record HttpRoute(String eventName, Object apiId, String method, String path, String authorizer) {
        public String routeKey() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    public record SqsSource(String eventName, Object queueArn, int batchSize, int maximumBatchingWindowSeconds,
                            boolean reportBatchItemFailures, boolean enabled, Integer maximumConcurrency) {
    }

    /** An EventBridgeRule event; the rule SAM creates is named {@code <function><event>}. */
    public record BusRule(String ruleName, Object eventBusName, Map<String, Object> pattern, Object input, Object inputPath,
                          boolean enabled) {
    }

    /** A schedule; {@code expression} may be a {@code !Ref} to a parameter (resolve it before use). */
    public record ScheduleSource(String ruleName, Object expression, Object input, boolean enabled) {
    }

    /**
     * A ScheduleV2 event: an EventBridge Scheduler schedule, named {@code <function><event>} unless {@code Name} says
     * otherwise, as SAM does. It sends its {@code input} to the function, not an EventBridge event. {@code expression},
     * {@code timezone}, {@code input} and {@code deadLetterArn} may be intrinsics (resolve them before use); a null
     * timezone is UTC.
     */
    public record SchedulerSchedule(String name, Object expression, Object timezone, Object input, boolean enabled,
                                    Object deadLetterArn, Map<String, Object> retryPolicy, Map<String, Object> flexibleTimeWindow) {
    }

    static FunctionSpec of(Resource r, Path baseDir) {
        String id = r.logicalId();
        List<HttpRoute> routes = new ArrayList<>();
        List<SqsSource> sqs = new ArrayList<>();
        List<BusRule> rules = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        List<SchedulerSchedule> schedulerSchedules = new ArrayList<>();
        r.map("Events").forEach((name, def) -> {
            Map<String, Object> event = Template.asMap(def);
            Map<String, Object> p = Template.asMap(event.get("Properties"));
            String type = String.valueOf(event.get("Type"));
            switch (type) {
                case "HttpApi" -> {
                    Object authorizer = Template.asMap(p.get("Auth")).get("Authorizer");
                    routes.add(new HttpRoute(name, p.get("ApiId"), String.valueOf(p.getOrDefault("Method", "ANY")),
                            String.valueOf(p.getOrDefault("Path", "/{proxy+}")),
                            authorizer == null || "NONE".equals(authorizer) ? null : String.valueOf(authorizer)));
                }
                case "SQS" -> sqs.add(new SqsSource(name, p.get("Queue"), QueueSpec.intOf(p.get("BatchSize"), 10),
                        QueueSpec.intOf(p.get("MaximumBatchingWindowInSeconds"), 0),
                        Template.asList(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                        !"false".equals(String.valueOf(p.get("Enabled"))),
                        p.get("ScalingConfig") == null ? null
                                : QueueSpec.intOf(Template.asMap(p.get("ScalingConfig")).get("MaximumConcurrency"), 1000)));
                case "EventBridgeRule", "CloudWatchEvent" -> rules.add(new BusRule(
                        p.get("RuleName") == null ? id + name : String.valueOf(p.get("RuleName")),
                        p.getOrDefault("EventBusName", "default"), Template.asMap(p.get("Pattern")), p.get("Input"),
                        p.get("InputPath"), !"DISABLED".equals(String.valueOf(p.get("State")))));
                case "Schedule" -> schedules.add(new ScheduleSource(
                        p.get("Name") == null ? id + name : String.valueOf(p.get("Name")), p.get("Schedule"),
                        p.get("Input"), !"false".equals(String.valueOf(p.get("Enabled")))
                                && !"DISABLED".equals(String.valueOf(p.get("State")))));
                case "ScheduleV2" -> schedulerSchedules.add(new SchedulerSchedule(
                        p.get("Name") == null ? id + name : String.valueOf(p.get("Name")), p.get("ScheduleExpression"),
                        p.get("ScheduleExpressionTimezone"), p.get("Input"), !"DISABLED".equals(String.valueOf(p.get("State"))),
                        Template.asMap(p.get("DeadLetterConfig")).get("Arn"), Template.asMap(p.get("RetryPolicy")),
                        Template.asMap(p.get("FlexibleTimeWindow"))));
                default -> throw new TemplateException(id + ": event " + name + " has type " + type
                        + ", which the local runtime does not run");
            }
        });
        Map<String, Object> dlq = r.map("DeadLetterQueue");
        Map<String, Object> invokeConfig = r.map("EventInvokeConfig");
        Object onFailure = Template.asMap(Template.asMap(invokeConfig.get("DestinationConfig")).get("OnFailure")).get("Destination");
        Object codeUri = r.property("CodeUri");
        if (!(codeUri instanceof String)) {
            throw new TemplateException(id + ": CodeUri must be the path of the function's jar");
        }
        return new FunctionSpec(id, String.valueOf(r.property("Handler")), baseDir.resolve((String) codeUri).normalize(),
                String.valueOf(r.property("Runtime")), QueueSpec.intOf(r.property("MemorySize"), 128),
                QueueSpec.intOf(r.property("Timeout"), 3), Template.asMap(r.map("Environment").get("Variables")),
                r.list("Policies"), routes, sqs, rules, schedules, schedulerSchedules, dlq.get("TargetArn"),
                QueueSpec.intOf(invokeConfig.get("MaximumRetryAttempts"), 2),
                QueueSpec.intOf(invokeConfig.get("MaximumEventAgeInSeconds"), 21600), onFailure,
                r.property("ReservedConcurrentExecutions") == null ? null
                        : QueueSpec.intOf(r.property("ReservedConcurrentExecutions"), 1));
    }

    /** The handler's class name (without {@code ::method}). */
    public String handlerClass() {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }
}
