package com.fanops.local.stack;

import com.fanops.local.apigw.CorsConfig;
import com.fanops.local.apigw.FunctionCaller;
import com.fanops.local.apigw.HttpApiServer;
import com.fanops.local.apigw.JwtAuthorizerConfig;
import com.fanops.local.apigw.Route;
import com.fanops.local.events.EventBridgeServer;
import com.fanops.local.events.LocalScheduler;
import com.fanops.local.identity.DevUser;
import com.fanops.local.identity.LocalIdentity;
import com.fanops.local.kms.LocalKms;
import com.fanops.local.lambda.FunctionConfig;
import com.fanops.local.lambda.InvokeResult;
import com.fanops.local.lambda.LambdaService;
import com.fanops.local.messaging.MessagingServer;
import com.fanops.local.sqs.SqsEventSource;
import com.fanops.local.stack.LocalConfig.Service;
import com.fanops.template.FunctionSpec;
import com.fanops.template.HttpApiSpec;
import com.fanops.template.LocalNames;
import com.fanops.template.Resolver;
import com.fanops.template.Resource;
import com.fanops.template.Template;
import com.fanops.template.TemplateException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One local deployment of a template: every resource it declares, on embedded real-protocol stand-ins,
 * and every function running in its own JVM through AWS's Lambda runtime client. Start it, use its
 * endpoints, close it: nothing is left running.
 */
public final class LocalCloud implements AutoCloseable {

    static {
        // Read once by the JDK HttpServer's first use: without it every small response waits ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String ACCESS_KEY = "local";

    private final LocalConfig config;
    private final Template template;
    private final LocalNames names;
    private final Resolver resolver;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private final List<DevUser> devUsers = new ArrayList<>();
    private final List<String> scheduleRules = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private long readyMillis;

    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private EventBridgeClient eventBridge;
    private EventBridgeServer eventBridgeServer;
    private MessagingServer messaging;
    private LocalScheduler scheduler;
    private LambdaService lambda;
    private Map<String, String> queueUrlsByArn = Map.of();
    private final java.util.Set<String> consumedQueueUrls = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final Map<String, Integer> concurrencyByFunction = new LinkedHashMap<>();

    private LocalCloud(LocalConfig config) {
        this.config = config;
        this.template = Template.load(config.template());
        AtomicReference<Resolver> ref = new AtomicReference<>();
        this.names = new LocalNames(LocalConfig.REGION, LocalConfig.ACCOUNT, ref::get);
        this.resolver = new Resolver(template, names, config.parameterOverrides(), LocalConfig.REGION, LocalConfig.ACCOUNT,
                LocalConfig.STACK);
        ref.set(resolver);
    }

    public static LocalCloud start(LocalConfig config, LogSinks logs) throws Exception {
        LocalCloud cloud = new LocalCloud(config);
        try {
            cloud.boot(logs);
            return cloud;
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    private void boot(LogSinks logs) throws Exception {
        DynamoDbServer ddbServer = track(new DynamoDbServer(config.port(Service.DYNAMODB), config.dataDir()));
        SqsServer sqsServer = track(new SqsServer(config.port(Service.SQS), LocalConfig.REGION, LocalConfig.ACCOUNT));
        LocalKms kms = track(new LocalKms(config.workDir().resolve("kms-keys.json"), LocalConfig.REGION, LocalConfig.ACCOUNT));
        kms.start(config.port(Service.KMS));
        endpoints.put("dynamodb", ddbServer.endpoint());
        endpoints.put("sqs", sqsServer.endpoint());
        endpoints.put("kms", kms.endpoint());

        dynamoDb = track(DynamoDbClient.builder().endpointOverride(ddbServer.endpoint()).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder()).build());
        sqs = track(SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(Region.of(LocalConfig.REGION))
                .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder()).build());

        lambda = track(new LambdaService(config.ricDir(), config.workDir().resolve("lambda"), logs::function, config.clock()));
        eventBridgeServer = track(new EventBridgeServer(config.port(Service.EVENTBRIDGE), LocalConfig.REGION, LocalConfig.ACCOUNT,
                this::deliver, config.clock()));
        eventBridgeServer.start();
        scheduler = track(new LocalScheduler(LocalConfig.REGION, LocalConfig.ACCOUNT, this::deliver, config.clock()));
        scheduler.start();
        endpoints.put("eventbridge", eventBridgeServer.endpoint());
        eventBridge = track(EventBridgeClient.builder().endpointOverride(eventBridgeServer.endpoint())
                .region(Region.of(LocalConfig.REGION)).credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build());
        // SES v2 and SMS on one port; SES publishes its e-mail events through the EventBridge stand-in's own API.
        messaging = track(new MessagingServer(config.port(Service.MESSAGING), LocalConfig.REGION, LocalConfig.ACCOUNT,
                eventBridge, config.clock()));
        messaging.start();
        endpoints.put("messaging", messaging.endpoint());

        Provisioner provisioner = new Provisioner(template, resolver, names);
        provisioner.createTables(dynamoDb);
        queueUrlsByArn = provisioner.createQueues(sqs);
        provisioner.createBuses(eventBridge);
        provisioner.createEmailConfigurationSets(messaging.endpoint());

        LocalIdentity identity = startIdentity();
        startApis(identity);
        DashboardServer dashboard = track(new DashboardServer(config.port(Service.DASHBOARD), config.dashboardDir(),
                dashboardSettings()));
        endpoints.put("dashboard", dashboard.endpoint());
        // The public pages messages link to are the dashboard's site; in AWS the distribution's domain stands in.
        resolver.defaultParameter("PublicSiteUrl", dashboard.endpoint().toString().replaceAll("/$", ""));
        registerFunctions();
        scheduleRules.addAll(provisioner.createRules(eventBridge, functionArnPrefix()));
        for (String schedule : provisioner.createSchedules(scheduler, functionArnPrefix())) {
            if (scheduleRules.contains(schedule)) {
                throw new TemplateException("schedule " + schedule + " is both an EventBridge rule and a Scheduler schedule");
            }
            scheduleRules.add(schedule);
        }
        startEventSources();


        ControlServer control = track(new ControlServer(config.port(Service.LAMBDA), this));
        endpoints.put("control", control.endpoint());
        readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private LocalIdentity startIdentity() throws Exception {
        List<Resource> pools = template.ofType("AWS::Cognito::UserPool");
        if (pools.isEmpty()) {
            return null;
        }
        Resource pool = pools.get(0);
        String issuer = names.getAtt(pool, "ProviderURL");
        String clientId = template.ofType("AWS::Cognito::UserPoolClient").stream().findFirst().map(names::ref)
                .orElseThrow(() -> new TemplateException("a user pool needs a UserPoolClient for the dashboard"));
        for (Resource group : template.ofType("AWS::Cognito::UserPoolGroup")) {
            String name = resolver.string(group.property("GroupName"));
            devUsers.add(new DevUser(name + "@fanops.local", "Fanops-" + name + "-dev1", List.of(name)));
        }
        LocalIdentity identity = new LocalIdentity(issuer, clientId, devUsers, config.clock());
        CognitoServer cognito = track(new CognitoServer(config.port(Service.COGNITO), identity));
        endpoints.put("cognito", cognito.endpoint());
        return identity;
    }

    private void startApis(LocalIdentity identity) throws java.io.IOException {
        List<HttpApiSpec> apis = template.httpApis();
        for (int i = 0; i < apis.size(); i++) {
            HttpApiSpec api = apis.get(i);
            List<Route> routes = new ArrayList<>();
            for (FunctionSpec fn : template.functions()) {
                for (FunctionSpec.HttpRoute route : fn.httpRoutes()) {
                    String apiRef = route.apiId() == null ? null : Resolver.referencedNames(route.apiId()).get(0);
                    if (apiRef == null || apiRef.equals(api.logicalId())) {
                        routes.add(new Route(route.method(), route.path(), fn.logicalId(), route.authorizer()));
                    }
                }
            }
            Map<String, JwtAuthorizerConfig> authorizers = new LinkedHashMap<>();
            api.authorizers().forEach((name, a) -> authorizers.put(name, new JwtAuthorizerConfig(name,
                    resolver.string(a.issuer()), stringList(resolver.resolve(a.audience())), a.identitySource())));
            HttpApiSpec.Cors c = api.cors();
            CorsConfig cors = c == null ? null : new CorsConfig(c.allowOrigins(), c.allowMethods(), c.allowHeaders(),
                    c.exposeHeaders(), c.maxAge(), c.allowCredentials());
            FunctionCaller caller = (function, payload) -> {
                InvokeResult result = lambda.invoke(function, payload);
                return new FunctionCaller.FunctionReply(result.payload(), result.errorType());
            };
            HttpApiServer server = track(new HttpApiServer(i == 0 ? config.port(Service.API) : 0,
                    names.ref(template.resource(api.logicalId())), routes, authorizers,
                    identity == null ? null : identity.verifier(), cors, caller, config.clock(),
                    api.throttlingRateLimit() == null ? null : Double.valueOf(resolver.string(api.throttlingRateLimit())),
                    api.throttlingBurstLimit() == null ? null : Integer.valueOf(resolver.string(api.throttlingBurstLimit()))));
            server.start();
            names.override(api.logicalId() + ".ApiEndpoint", server.endpoint().toString());
            endpoints.put(i == 0 ? "api" : "api:" + api.logicalId(), server.endpoint());
        }
    }

    private void registerFunctions() {
        for (FunctionSpec fn : template.functions()) {
            Map<String, String> env = new LinkedHashMap<>();
            fn.environment().forEach((key, raw) -> env.put(key, resolver.string(raw)));
            env.put("AWS_REGION", LocalConfig.REGION);
            env.put("AWS_DEFAULT_REGION", LocalConfig.REGION);
            env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", ACCESS_KEY);
            env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.get("dynamodb").toString());
            env.put("AWS_ENDPOINT_URL_SQS", endpoints.get("sqs").toString());
            env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoints.get("eventbridge").toString());
            env.put("AWS_ENDPOINT_URL_KMS", endpoints.get("kms").toString());
            // The SDK derives these from the service ids "SESv2" and "Pinpoint SMS Voice V2".
            env.put("AWS_ENDPOINT_URL_SESV2", endpoints.get("messaging").toString());
            env.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", endpoints.get("messaging").toString());
            Object dlqArn = fn.deadLetterTargetArn() != null ? fn.deadLetterTargetArn() : fn.onFailureDestination();
            String dlqUrl = dlqArn == null ? null : queueUrlsByArn.get(resolver.string(dlqArn));
            int concurrency = fn.reservedConcurrency() == null ? config.functionConcurrency()
                    : Math.max(1, Math.min(config.functionConcurrency(), fn.reservedConcurrency()));
            concurrencyByFunction.put(fn.logicalId(), concurrency);
            lambda.register(new FunctionConfig(fn.logicalId(), fn.handler(), fn.jar(), env, fn.timeoutSeconds(), fn.memoryMb(),
                    concurrency, fn.maximumRetryAttempts(), fn.maximumEventAgeSeconds(),
                    dlqUrl == null ? null : body -> sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(body))));
        }
    }

    private void startEventSources() {
        for (FunctionSpec fn : template.functions()) {
            for (FunctionSpec.SqsSource source : fn.sqsSources()) {
                if (!source.enabled()) {
                    continue;
                }
                String arn = resolver.string(source.queueArn());
                String url = queueUrlsByArn.get(arn);
                if (url == null) {
                    throw new TemplateException(fn.logicalId() + "." + source.eventName() + ": no queue with ARN " + arn);
                }
                // Lambda keeps up to the function's concurrency of batches in flight, or the mapping's MaximumConcurrency.
                int concurrency = concurrencyByFunction.get(fn.logicalId());
                if (source.maximumConcurrency() != null) {
                    concurrency = Math.max(1, Math.min(concurrency, source.maximumConcurrency()));
                }
                SqsEventSource poller = track(new SqsEventSource(sqs, lambda, fn.logicalId(), url, arn, source.batchSize(),
                        source.maximumBatchingWindowSeconds(), source.reportBatchItemFailures(), LocalConfig.REGION, concurrency));
                poller.start();
                consumedQueueUrls.add(url);
            }
        }
    }

    /** EventBridge targets: a function (asynchronous invoke) or a queue (SendMessage). */
    private void deliver(String targetArn, String input) {
        if (targetArn.startsWith(functionArnPrefix())) {
            lambda.invokeAsync(targetArn.substring(functionArnPrefix().length()), input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (targetArn.startsWith("arn:aws:sqs:")) {
            // Template queues are known; any other queue (one a client created) is found by name, as EventBridge does by ARN.
            String url = queueUrlsByArn.get(targetArn);
            if (url == null) {
                url = sqs.getQueueUrl(b -> b.queueName(targetArn.substring(targetArn.lastIndexOf(':') + 1))).queueUrl();
            }
            String queueUrl = url;
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(input));
        } else {
            throw new IllegalArgumentException("the local runtime cannot deliver to " + targetArn);
        }
    }

    private String functionArnPrefix() {
        return "arn:aws:lambda:" + LocalConfig.REGION + ":" + LocalConfig.ACCOUNT + ":function:";
    }

    private Map<String, Object> dashboardSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("apiUrl", endpoints.get("api") == null ? null : endpoints.get("api").toString());
        settings.put("region", LocalConfig.REGION);
        settings.put("cognitoEndpoint", endpoints.get("cognito") == null ? null : endpoints.get("cognito").toString());
        template.ofType("AWS::Cognito::UserPool").stream().findFirst().ifPresent(p -> settings.put("userPoolId", names.ref(p)));
        template.ofType("AWS::Cognito::UserPoolClient").stream().findFirst()
                .ifPresent(c -> settings.put("userPoolClientId", names.ref(c)));
        // Days, months and weeks in the dashboard are the business day's, as the functions count them.
        settings.put("businessTimeZone", resolver.parameters().get("BusinessTimeZone"));
        settings.put("environment", "local");
        return settings;
    }

    /**
     * Fires a schedule now as if at {@code time}; accepts a schedule name or a function with one schedule. An
     * EventBridge rule sends a Scheduled Event with that time, a Scheduler schedule its input with that scheduled time.
     */
    public String fireSchedule(String name, Instant time) {
        String schedule = resolveSchedule(name);
        if (scheduler.contains(schedule)) {
            scheduler.fire(schedule, time);
        } else {
            eventBridgeServer.fireSchedule(schedule, time);
        }
        return schedule;
    }

    String resolveSchedule(String name) {
        if (scheduleRules.contains(name)) {
            return name;
        }
        List<String> candidates = new ArrayList<>();
        for (FunctionSpec fn : template.functions()) {
            String id = fn.logicalId();
            if (id.equals(name) || id.equals(name + "Function")) {
                fn.schedules().forEach(s -> candidates.add(s.ruleName()));
                fn.schedulerSchedules().forEach(s -> candidates.add(s.name()));
            }
        }
        scheduleRules.stream().filter(r -> r.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))
                && !candidates.contains(r)).forEach(candidates::add);
        if (candidates.size() != 1) {
            throw new IllegalArgumentException(candidates.isEmpty()
                    ? "no schedule named " + name + "; schedules: " + scheduleRules
                    : name + " is ambiguous: " + candidates);
        }
        return candidates.get(0);
    }

    /**
     * Holds every schedule (EventBridge rules and Scheduler schedules) until the returned handle is closed: runs that
     * fall due meanwhile are not made, as if the schedules were disabled. A harness that attributes table writes to
     * the requests it sends (the fuzzer) holds them so a job's writes are not taken for a request's; a schedule can
     * still be fired by hand ({@link #fireSchedule}).
     */
    public Held holdSchedules() {
        scheduler.held(true);
        eventBridgeServer.schedulesHeld(true);
        return () -> {
            scheduler.held(false);
            eventBridgeServer.schedulesHeld(false);
        };
    }

    /** A hold on the schedules; closing it releases them. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public java.time.Clock clock() {
        return config.clock();
    }

    public InvokeResult invoke(String function, byte[] payload) throws InterruptedException {
        return lambda.invoke(function, payload);
    }

    public Map<String, URI> endpoints() {
        return endpoints;
    }

    public List<DevUser> devUsers() {
        return devUsers;
    }

    public List<String> scheduleRules() {
        return scheduleRules;
    }

    public Template template() {
        return template;
    }

    public LocalNames names() {
        return names;
    }

    public Resolver resolver() {
        return resolver;
    }

    public LambdaService lambda() {
        return lambda;
    }

    public long readyMillis() {
        return readyMillis;
    }

    /** Events accepted by the bus whose delivery to a target has not finished (deliveries are asynchronous). */
    public int pendingEventDeliveries() {
        return eventBridgeServer.pendingDeliveries();
    }

    /** SES events of sent e-mails not yet published to EventBridge (SES publishes them a moment after the send). */
    public int pendingEmailEvents() {
        return messaging.pendingEvents();
    }

    /** URLs of the queues a function reads through an enabled event source mapping (sinks and DLQs are not among them). */
    public java.util.Set<String> consumedQueueUrls() {
        return java.util.Set.copyOf(consumedQueueUrls);
    }

    public String queueUrl(String logicalId) {
        return names.ref(template.resource(logicalId));
    }

    public String tableName(String logicalId) {
        return names.tableName(template.resource(logicalId));
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY));
    }

    private <T extends AutoCloseable> T track(T resource) {
        running.add(resource);
        return resource;
    }

    private static List<String> stringList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** Stops everything in reverse order of start; function processes are killed, none outlive this. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("[local] while stopping " + running.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        running.clear();
    }
}
