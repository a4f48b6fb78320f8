package com.fanops.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.template.FunctionSpec;
import org.junit.jupiter.api.Tag;
import com.fanops.template.Intrinsic;
import com.fanops.template.Resolver;
import com.fanops.template.Resource;
import com.fanops.template.Template;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * template.yaml against the code: handlers exist in their jars, references resolve, every environment
 * variable the code reads is declared for its function, every resource a function touches is covered
 * by its policies, and the operational must-haves (DLQs, log retention, authorizers, schedules that carry their
 * time) are there.
 */
@Tag("e2e")
class TemplateConsistencyTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern ENV_READ = Pattern.compile("Env\\.(?:require|optional|optionalInt|optionalLong)\\(\\s*\"([A-Z0-9_]+)\"");
    private static final Set<String> CAPABILITIES = Set.of("members", "engagement", "metrics", "rewards", "complaints");
    /** A com.fanops dependency in a pom; group 2 is set when it has a type or scope (test-jar, test). */
    private static final Pattern PROJECT_DEPENDENCY = Pattern.compile(
            // A test-scoped or test-jar dependency (with or without a <version>) puts nothing in the function's jar.
            "<groupId>com\\.fanops</groupId>\\s*<artifactId>([a-z-]+)</artifactId>\\s*(?:<version>[^<]*</version>\\s*)?(<type>|<scope>)?");
    private static final Pattern CAPABILITY_IMPORT = Pattern.compile("import (?:static )?com\\.fanops\\.(members|engagement|metrics|rewards|complaints)\\.(?!handler)");
    private static final Pattern RAW_GETENV = Pattern.compile("System\\.getenv\\(");
    /** Set by Lambda itself, never declared in a template. */
    private static final Set<String> RESERVED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "_X_AMZN_TRACE_ID", "LAMBDA_TASK_ROOT", "AWS_EXECUTION_ENV");
    private static final Map<String, List<String>> POLICY_PREFIX = Map.of(
            "AWS::DynamoDB::Table", List.of("DynamoDB", "dynamodb:"),
            "AWS::SQS::Queue", List.of("SQS", "sqs:"),
            "AWS::Events::EventBus", List.of("EventBridge", "events:"),
            "AWS::KMS::Key", List.of("KMS", "kms:"));

    private static Template load(String file) {
        return Template.load(ROOT.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everyHandlerClassIsInItsFunctionsJar(String file) throws Exception {
        for (FunctionSpec fn : load(file).functions()) {
            assertTrue(Files.isRegularFile(fn.jar()), fn.logicalId() + ": no jar at " + fn.jar() + " (mvn package first)");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {fn.jar().toUri().toURL()}, null)) {
                Class<?> handler = Class.forName(fn.handlerClass(), false, loader);
                String method = fn.handler().contains("::") ? fn.handler().substring(fn.handler().indexOf("::") + 2) : "handleRequest";
                boolean found = Stream.of(handler.getMethods()).map(Method::getName).anyMatch(method::equals);
                assertTrue(found, fn.logicalId() + ": " + handler.getName() + " has no public " + method);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everyReferenceNamesAResourceOrParameter(String file) {
        Template t = load(file);
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Object> value : t.allValues()) {
            for (String name : Resolver.referencedNames(value.getValue())) {
                if (!name.startsWith("AWS::") && !t.resources().containsKey(name) && !t.parameterNames().contains(name)) {
                    broken.add(value.getKey() + " -> " + name);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /**
     * A function reads what the classes its handler can reach read: every project class its jar holds that the handler's
     * constant pools name, transitively (what the JVM can load from it). A capability carried for one store (activities
     * carry rewards for its BudgetStore) does not make the function declare what the rest of that capability reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everyEnvironmentVariableTheCodeReadsIsDeclaredForItsFunction(String file) throws IOException {
        Template t = load(file);
        List<String> missing = new ArrayList<>();
        for (FunctionSpec fn : t.functions()) {
            for (String variable : envReadsOf(fn)) {
                if (!RESERVED.contains(variable) && !fn.environment().containsKey(variable)) {
                    missing.add(fn.logicalId() + " reads " + variable);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The check above is not blind: a handler that reaches a class reading a variable is said to read it, one that does not is not. */
    @org.junit.jupiter.api.Test
    void envReadsFollowWhatTheHandlerReachesInItsJar() throws IOException {
        Map<String, FunctionSpec> fns = new HashMap<>();
        load("template.yaml").functions().forEach(fn -> fns.put(fn.logicalId(), fn));
        Set<String> events = envReadsOf(fns.get("RewardsEventsFunction"));
        assertTrue(events.containsAll(Set.of("REWARDS_TABLE", "AUDIT_TABLE", "EVENT_BUS_NAME", "BUSINESS_TIME_ZONE")), events.toString());
        Set<String> admin = envReadsOf(fns.get("ActivitiesAdminFunction"));
        assertTrue(admin.containsAll(Set.of("ACTIVITIES_TABLE", "REWARDS_TABLE", "PERSONAL_DATA_KEY_ID")), admin.toString());
        assertTrue(!admin.contains("EVENT_BUS_NAME"), "activities-admin carries rewards for BudgetStore only: " + admin);
        Set<String> reached = reachableClasses(fns.get("ActivitiesAdminFunction"));
        assertTrue(reached.contains("com/fanops/rewards/store/BudgetStore"), "the budget ledger's store is reached");
        assertTrue(!reached.contains("com/fanops/rewards/app/Rewards"), "the capability's wiring is not");
    }

    /**
     * The variables read by the project classes {@code fn}'s handler reaches: each {@code Env} read in a class's source
     * whose name is a constant of that class itself (a nested record used elsewhere does not read what its outer class
     * reads).
     */
    private static Set<String> envReadsOf(FunctionSpec fn) throws IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(moduleOf(fn).resolve("src/main/java"));
        for (String module : capabilitiesOf(moduleOf(fn))) {
            roots.add(ROOT.resolve("functions").resolve(module).resolve("src/main/java"));
        }
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Set<String>> type : reachable(fn).entrySet()) {
            String name = type.getKey();
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            Path source = roots.stream().map(r -> r.resolve(outer + ".java")).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new AssertionError(fn.logicalId() + ": no source for " + name + " under " + roots));
            Matcher m = ENV_READ.matcher(Files.readString(source));
            while (m.find()) {
                if (type.getValue().contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static Set<String> reachableClasses(FunctionSpec fn) throws IOException {
        return reachable(fn).keySet();
    }

    private static final Pattern PROJECT_CLASS = Pattern.compile("com/fanops/[A-Za-z0-9_/$]+");

    /**
     * The project classes ({@code com/fanops/...}) of {@code fn}'s jar that its handler class names in its constant pool,
     * transitively, each with the texts of its constant pool. Read from the class files' constant pools (JVMS 4.4) - what the JVM resolves classes from - rather than
     * through ArchUnit, whose model leaves out names that only a descriptor or a lambda's bootstrap carries.
     */
    private static Map<String, Set<String>> reachable(FunctionSpec fn) throws IOException {
        Map<String, Set<String>> seen = new TreeMap<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(fn.handlerClass().replace('.', '/')));
        try (JarFile jar = new JarFile(fn.jar().toFile())) {
            while (!todo.isEmpty()) {
                String type = todo.pop();
                JarEntry entry = jar.getJarEntry(type + ".class");
                if (entry == null || seen.containsKey(type)) {
                    continue;
                }
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(jar.getInputStream(entry)))) {
                    Pool pool = Pool.read(in);
                    seen.put(type, pool.texts());
                    for (String text : pool.texts()) {
                        Matcher m = PROJECT_CLASS.matcher(text);
                        while (m.find()) {
                            if (pool.uses(m.group())) {
                                todo.push(m.group());
                            }
                        }
                    }
                }
            }
        }
        return seen;
    }

    /**
     * A class file's constant pool (JVMS 4.4): its texts, the classes whose fields or methods it refers to, and its super
     * class and interfaces.
     */
    private record Pool(Set<String> texts, Set<String> memberOwners, Set<String> supertypes) {

        /**
         * Whether the class may run code of {@code type}: any class it names, except an enclosing class named only because
         * a nested one is (the InnerClasses and NestHost attributes name the outer class; nothing of it runs unless a
         * member of it is used, a supertype, or a descriptor mentions it).
         */
        boolean uses(String type) {
            boolean enclosingOnly = texts.stream().anyMatch(t -> t.startsWith(type + "$")) && !memberOwners.contains(type)
                    && !supertypes.contains(type) && texts.stream().noneMatch(t -> t.contains("L" + type + ";"));
            return !enclosingOnly;
        }

        static Pool read(DataInputStream in) throws IOException {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] className = new int[count];
            List<Integer> owners = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> className[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 9, 10, 11 -> {
                        owners.add(in.readUnsignedShort());
                        in.skipBytes(2);
                    }
                    case 3, 4, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            Set<String> texts = new HashSet<>();
            for (String text : utf8) {
                if (text != null) {
                    texts.add(text);
                }
            }
            Set<String> memberOwners = new HashSet<>();
            owners.forEach(index -> memberOwners.add(utf8[className[index]]));
            in.readUnsignedShort();
            in.readUnsignedShort();
            Set<String> supertypes = new HashSet<>();
            int superClass = in.readUnsignedShort();
            if (superClass != 0) {
                supertypes.add(utf8[className[superClass]]);
            }
            int interfaces = in.readUnsignedShort();
            for (int i = 0; i < interfaces; i++) {
                supertypes.add(utf8[className[in.readUnsignedShort()]]);
            }
            return new Pool(texts, memberOwners, supertypes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"functions", "infra/fixtures"})
    void environmentIsReadOnlyThroughEnv(String dir) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src/main")).toList()) {
                if (RAW_GETENV.matcher(Files.readString(source)).find() && !source.endsWith("Env.java")) {
                    offenders.add(ROOT.relativize(source).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "read environment variables through com.fanops.platform.config.Env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everyTableQueueBusAndKeyAFunctionTouchesIsCoveredByItsPolicies(String file) {
        Template t = load(file);
        List<String> uncovered = new ArrayList<>();
        for (FunctionSpec fn : t.functions()) {
            Set<String> touched = new LinkedHashSet<>();
            fn.environment().values().forEach(v -> touched.addAll(Resolver.referencedNames(v)));
            for (String name : touched) {
                Resource r = t.resources().get(name);
                if (r == null || !POLICY_PREFIX.containsKey(r.type())) {
                    continue;
                }
                List<String> kinds = POLICY_PREFIX.get(r.type());
                boolean covered = fn.policies().stream().anyMatch(p -> covers(p, name, kinds));
                if (!covered) {
                    uncovered.add(fn.logicalId() + " -> " + name);
                }
            }
        }
        assertEquals(List.of(), uncovered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everyQueueHasADeadLetterQueueAndEveryAsyncFunctionToo(String file) {
        Template t = load(file);
        Set<String> deadLetterQueues = new HashSet<>();
        t.queues().forEach(q -> {
            if (q.deadLetterTargetArn() != null) {
                deadLetterQueues.addAll(Resolver.referencedNames(q.deadLetterTargetArn()));
            }
        });
        t.functions().forEach(f -> {
            if (f.deadLetterTargetArn() != null) {
                deadLetterQueues.addAll(Resolver.referencedNames(f.deadLetterTargetArn()));
            }
            f.schedulerSchedules().forEach(s -> deadLetterQueues.addAll(Resolver.referencedNames(s.deadLetterArn())));
        });
        List<String> missing = new ArrayList<>();
        t.queues().stream().filter(q -> q.deadLetterTargetArn() == null && !deadLetterQueues.contains(q.logicalId()))
                .forEach(q -> missing.add("queue " + q.logicalId()));
        t.functions().stream().filter(f -> !f.busRules().isEmpty() || !f.schedules().isEmpty() || !f.schedulerSchedules().isEmpty())
                .filter(f -> f.deadLetterTargetArn() == null && f.onFailureDestination() == null)
                .forEach(f -> missing.add("async function " + f.logicalId()));
        assertEquals(List.of(), missing);
    }

    /**
     * EventBridge Scheduler sends only the schedule's Input, so a job that works as of its scheduled time needs it there;
     * a run Scheduler cannot deliver must land in a queue; a flexible window could start a job before the one it follows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "infra/fixtures/template.yaml"})
    void everySchedulerScheduleCarriesItsScheduledTimeInItsZoneAndKeepsUndeliveredRuns(String file) {
        Template t = load(file);
        List<String> wrong = new ArrayList<>();
        for (FunctionSpec fn : t.functions()) {
            for (FunctionSpec.SchedulerSchedule s : fn.schedulerSchedules()) {
                String where = fn.logicalId() + " schedule " + s.name() + ": ";
                List<String> dlq = Resolver.referencedNames(s.deadLetterArn());
                if (dlq.size() != 1 || t.resources().get(dlq.get(0)) == null
                        || !t.resources().get(dlq.get(0)).type().equals("AWS::SQS::Queue")) {
                    wrong.add(where + "no DeadLetterConfig Arn of a queue in the template");
                }
                if (!(s.input() instanceof String input) || !input.contains("<aws.scheduler.scheduled-time>") || !isJson(input)) {
                    wrong.add(where + "Input is not JSON carrying <aws.scheduler.scheduled-time>");
                }
                if (s.timezone() == null) {
                    wrong.add(where + "no ScheduleExpressionTimezone (the cron would be UTC)");
                }
                if (!s.flexibleTimeWindow().isEmpty() && !"OFF".equals(String.valueOf(s.flexibleTimeWindow().get("Mode")))) {
                    wrong.add(where + "FlexibleTimeWindow is not OFF");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * A function's jar carries the platform and exactly the capabilities its pom declares (and theirs): each of those is
     * called from the function's own code or from a capability it calls, and no other capability's classes are in it.
     */
    @org.junit.jupiter.api.Test
    void everyFunctionJarHoldsOnlyTheCapabilitiesItCalls() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (FunctionSpec fn : load("template.yaml").functions()) {
            Set<String> declared = capabilitiesOf(moduleOf(fn));
            Set<String> inJar = new TreeSet<>();
            try (JarFile jar = new JarFile(fn.jar().toFile())) {
                jar.stream().map(JarEntry::getName).forEach(name -> {
                    for (String capability : CAPABILITIES) {
                        if (name.startsWith("com/fanops/" + capability + "/") && !name.contains("/handler/")) {
                            inJar.add(capability);
                        }
                    }
                });
            }
            Set<String> expected = new TreeSet<>(declared);
            expected.retainAll(CAPABILITIES);
            if (!inJar.equals(expected)) {
                wrong.add(fn.logicalId() + " carries " + inJar + ", declares " + expected);
            }
            // Every capability declared directly is called by the function's own code.
            Set<String> imported = importedCapabilities(moduleOf(fn).resolve("src/main/java"));
            for (String capability : directCapabilitiesOf(moduleOf(fn))) {
                if (CAPABILITIES.contains(capability) && !imported.contains(capability)) {
                    wrong.add(fn.logicalId() + " declares " + capability + " but never calls it");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @org.junit.jupiter.api.Test
    void everyFunctionHasALogGroupWithRetention() {
        Template t = load("template.yaml");
        Set<String> logged = new HashSet<>();
        for (Resource group : t.ofType("AWS::Logs::LogGroup")) {
            assertTrue(group.property("RetentionInDays") != null, group.logicalId() + " has no RetentionInDays");
            logged.addAll(Resolver.referencedNames(group.property("LogGroupName")));
        }
        List<String> missing = t.functions().stream().map(FunctionSpec::logicalId).filter(id -> !logged.contains(id)).toList();
        assertEquals(List.of(), missing);
    }

    @org.junit.jupiter.api.Test
    void everyAdminRouteHasTheJwtAuthorizerAndNoOtherRouteNeedsOne() {
        List<String> wrong = new ArrayList<>();
        for (FunctionSpec fn : load("template.yaml").functions()) {
            for (FunctionSpec.HttpRoute route : fn.httpRoutes()) {
                boolean admin = route.path().startsWith("/v1/admin/");
                if (admin != (route.authorizer() != null)) {
                    wrong.add(route.routeKey() + " authorizer=" + route.authorizer());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @org.junit.jupiter.api.Test
    void noAccountIdOrRegionIsHardCoded() throws IOException {
        String text = Files.readString(ROOT.resolve("template.yaml"));
        Matcher account = Pattern.compile("(?<![0-9a-f-])[0-9]{12}(?![0-9])").matcher(text);
        Matcher region = Pattern.compile("\\b(us|eu|ap|cn|sa|ca|me|af|il)-(north|south|east|west|central|northeast|southeast)-[0-9]\\b")
                .matcher(text);
        assertTrue(!account.find(), "hard-coded account id");
        assertTrue(!region.find(), "hard-coded region");
    }

    private static boolean covers(Object policy, String resource, List<String> kinds) {
        if (!(policy instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        String type = String.valueOf(map.keySet().iterator().next());
        Object body = map.values().iterator().next();
        boolean rightKind = type.startsWith(kinds.get(0)) || (type.equals("Statement") && String.valueOf(strip(body)).contains(kinds.get(1)));
        return rightKind && Resolver.referencedNames(body).contains(resource);
    }

    /** The policy body with intrinsics turned to text, to look for action prefixes. */
    private static Object strip(Object body) {
        if (body instanceof Intrinsic) {
            return "";
        }
        return body;
    }

    private static boolean isJson(String text) {
        try {
            return new ObjectMapper().readTree(text).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static Path moduleOf(FunctionSpec fn) {
        Path jar = fn.jar();
        return jar.getParent().getParent();
    }

    /** The project modules under functions/ that a module depends on at run time (compile scope), transitively. */
    private static Set<String> capabilitiesOf(Path module) throws IOException {
        Set<String> out = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(directCapabilitiesOf(module));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next)) {
                todo.addAll(directCapabilitiesOf(ROOT.resolve("functions").resolve(next)));
            }
        }
        return out;
    }

    private static List<String> directCapabilitiesOf(Path module) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = PROJECT_DEPENDENCY.matcher(Files.readString(module.resolve("pom.xml")));
        while (m.find()) {
            if (m.group(2) == null && Files.isDirectory(ROOT.resolve("functions").resolve(m.group(1)))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Set<String> importedCapabilities(Path sources) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CAPABILITY_IMPORT.matcher(Files.readString(source));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
