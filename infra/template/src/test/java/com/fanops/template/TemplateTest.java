package com.fanops.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {

    @TempDir
    Path dir;

    private Template write(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return Template.load(file);
    }

    private Resolver resolver(Template t, LocalNames[] out) {
        AtomicReference<Resolver> ref = new AtomicReference<>();
        LocalNames names = new LocalNames("us-east-1", "000000000000", ref::get);
        ref.set(new Resolver(t, names, Map.of(), "us-east-1", "000000000000", "fanops-local"));
        out[0] = names;
        return ref.get();
    }

    @Test
    void aConfigurationSetIsReferencedByItsName() throws IOException {
        Template t = write("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Resources:
                  Named:
                    Type: AWS::SES::ConfigurationSet
                    Properties: {Name: !Sub 'fanops-${Stage}'}
                  Unnamed:
                    Type: AWS::SES::ConfigurationSet
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: a.B::handleRequest
                      Environment:
                        Variables:
                          SES_CONFIGURATION_SET: !Ref Named
                          OTHER: !Ref Unnamed
                """);
        Resolver resolver = resolver(t, new LocalNames[1]);
        Map<String, Object> env = t.functions().get(0).environment();

        assertEquals("fanops-dev", resolver.string(env.get("SES_CONFIGURATION_SET")));
        assertEquals("Unnamed", resolver.string(env.get("OTHER")));
    }

    @Test
    void shortAndLongIntrinsicFormsResolveAlike() throws IOException {
        Template t = write("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Resources:
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties: {Name: !Sub 'fanops-${Stage}'}
                  Q:
                    Type: AWS::SQS::Queue
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: a.B::handleRequest
                      Environment:
                        Variables:
                          SHORT: !Ref Bus
                          LONG: {Ref: Bus}
                          ARN: !GetAtt Q.Arn
                          ARN2: {'Fn::GetAtt': [Q, Arn]}
                          SUB: !Sub '${AWS::Region}/${Q.QueueName}/${!Literal}'
                          JOIN: !Join ['-', [a, !Ref Stage]]
                """);
        LocalNames[] names = new LocalNames[1];
        Resolver r = resolver(t, names);
        Map<String, Object> env = t.functions().get(0).environment();
        assertEquals("fanops-dev", r.string(env.get("SHORT")));
        assertEquals("fanops-dev", r.string(env.get("LONG")));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:Q", r.string(env.get("ARN")));
        assertEquals(r.string(env.get("ARN")), r.string(env.get("ARN2")));
        assertEquals("us-east-1/Q/${Literal}", r.string(env.get("SUB")));
        assertEquals("a-dev", r.string(env.get("JOIN")));
    }

    @Test
    void globalsMergeIntoFunctionsWithTheFunctionWinning() throws IOException {
        Template t = write("""
                Globals:
                  Function:
                    Timeout: 20
                    MemorySize: 1024
                    Environment: {Variables: {A: global, B: global}}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn.jar
                      Handler: a.B
                      Timeout: 5
                      Environment: {Variables: {B: own}}
                """);
        FunctionSpec fn = t.functions().get(0);
        assertEquals(5, fn.timeoutSeconds());
        assertEquals(1024, fn.memoryMb());
        assertEquals(Map.of("A", "global", "B", "own"), fn.environment());
        assertEquals(dir.resolve("fn.jar"), fn.jar());
    }

    @Test
    void queueUrlIsUnknownUntilTheRuntimeCreatesTheQueue() throws IOException {
        Template t = write("""
                Resources:
                  Q: {Type: AWS::SQS::Queue}
                """);
        LocalNames[] names = new LocalNames[1];
        Resolver r = resolver(t, names);
        Intrinsic ref = new Intrinsic("Ref", "Q");
        assertThrows(TemplateException.class, () -> r.string(ref));
        names[0].override("Q.QueueUrl", "http://127.0.0.1:1/000000000000/Q");
        assertEquals("http://127.0.0.1:1/000000000000/Q", r.string(ref));
    }

    @Test
    void referencedNamesFindsRefsGetAttsAndSubVariables() {
        Object raw = List.of(new Intrinsic("Ref", "A"), new Intrinsic("Fn::GetAtt", "B.Arn"),
                new Intrinsic("Fn::Sub", "${C}-${D.Name}-${AWS::Region}"),
                new Intrinsic("Fn::Sub", List.of("${X}-${E}", Map.of("X", new Intrinsic("Ref", "F")))));
        assertEquals(List.of("A", "B", "C", "D", "AWS::Region", "E", "F"), Resolver.referencedNames(raw));
    }

    @Test
    void projectTemplateReadsEveryFunctionTableAndQueue() {
        Template t = Template.load(Path.of("../../template.yaml"));
        assertTrue(t.functions().size() >= 1, "functions");
        assertTrue(t.tables().stream().anyMatch(table -> table.logicalId().equals("MembersTable")
                && "expiresAt".equals(table.ttlAttribute())));
        HttpApiSpec api = t.httpApis().get(0);
        assertTrue(api.authorizers().containsKey("CognitoJwt"));
        assertEquals("CognitoJwt", t.functions().get(0).httpRoutes().get(0).authorizer());
        Template fixture = Template.load(Path.of("../fixtures/template.yaml"));
        FunctionSpec recorder = fixture.functions().stream().filter(f -> f.logicalId().equals("RecorderFunction")).findFirst().orElseThrow();
        assertTrue(recorder.deadLetterTargetArn() instanceof Intrinsic);
        assertEquals("RecorderFunctionBigWork", recorder.busRules().get(0).ruleName());
        assertEquals("cron(5 16 * * ? *)", recorder.schedules().get(0).expression());
        FunctionSpec metrics = t.functions().stream().filter(f -> f.logicalId().equals("MetricsDailyFunction")).findFirst().orElseThrow();
        FunctionSpec.SchedulerSchedule daily = metrics.schedulerSchedules().get(0);
        assertEquals("MetricsDaily", daily.name());
        assertEquals(List.of("MetricsJobSchedule"), Resolver.referencedNames(daily.expression()));
        assertEquals(List.of("BusinessTimeZone"), Resolver.referencedNames(daily.timezone()));
        assertEquals(List.of("MetricsDailyDLQ"), Resolver.referencedNames(daily.deadLetterArn()));
        assertEquals("OFF", daily.flexibleTimeWindow().get("Mode"));
        assertTrue(String.valueOf(daily.input()).contains("<aws.scheduler.scheduled-time>"));
        assertTrue(metrics.schedules().isEmpty(), "no EventBridge rule schedule besides it");
    }

    @Test
    void theTablesHoldingDailyJobRunsDropThemByTimeToLive() {
        // JobRuns (com.fanops.platform.jobs) writes expiresAt on every run and partial, in the table of the job's capability:
        // engagement's in the interactions table, metrics' in the metrics table, rewards' in the rewards table.
        Template t = Template.load(Path.of("../../template.yaml"));
        for (String table : List.of("InteractionsTable", "MetricsTable", "RewardsTable")) {
            assertEquals("expiresAt", t.tables().stream().filter(x -> x.logicalId().equals(table)).findFirst().orElseThrow().ttlAttribute(),
                    table + " expires the runs");
        }
    }
}
