package com.fanops.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.yaml against AWS's SAM schema and the CloudFormation resource specification. */
class TemplateValidatorTest {

    private static final Path PROJECT_TEMPLATE = Path.of("../../template.yaml");

    private static TemplateValidator validator;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchemas() {
        validator = TemplateValidator.load();
    }

    @Test
    void projectTemplateHasNoFindings() {
        assertEquals(List.of(), validator.validate(PROJECT_TEMPLATE));
    }

    @Test
    void misspelledSamFunctionPropertyIsReported() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        rename(properties(template, "AdminApiFunction"), "CodeUri", "CodeUrl");

        assertEquals(List.of(new Finding("AdminApiFunction", "Properties.CodeUrl", unknownToSam("CodeUrl"))),
                validator.validate(template));
    }

    @Test
    void misspelledEventPropertyIsReportedOnceNotOncePerEventType() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        rename(section(section(section(properties(template, "AdminApiFunction"), "Events"), "WhoAmI"), "Properties"),
                "Method", "Methd");

        assertEquals(List.of(new Finding("AdminApiFunction", "Properties.Events.WhoAmI.Properties.Methd", unknownToSam("Methd"))),
                validator.validate(template));
    }

    @Test
    void misspelledGlobalsPropertyIsReported() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        rename(section(section(template, "Globals"), "Function"), "Timeout", "Timout");

        assertEquals(List.of(new Finding("Globals", "Function.Timout", unknownToSam("Timout"))), validator.validate(template));
    }

    @Test
    void misspelledTablePropertyIsReported() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        rename(properties(template, "MembersTable"), "BillingMode", "BilingMode");

        List<Finding> findings = validator.validate(template);

        assertEquals(List.of(new Finding("MembersTable", "BilingMode", "unknown property of AWS::DynamoDB::Table")), findings);
    }

    @Test
    void missingRequiredPropertyIsReported() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        properties(template, "MembersTable").remove("KeySchema");
        properties(template, "DashboardDistribution").remove("DistributionConfig");
        section(section(section(properties(template, "InteractionsScorerFunction"), "Events"), "Queue"), "Properties")
                .remove("Queue");

        List<Finding> findings = validator.validate(template);

        assertEquals(List.of(
                new Finding("InteractionsScorerFunction", "Properties.Events.Queue.Properties.Queue",
                        "required property 'Queue' not found"),
                new Finding("MembersTable", "KeySchema", "required property of AWS::DynamoDB::Table is missing"),
                new Finding("DashboardDistribution", "DistributionConfig",
                        "required property of AWS::CloudFront::Distribution is missing")), findings);
    }

    @Test
    void nestedPropertiesAndLiteralTypesAreChecked() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        properties(template, "InteractionsDLQ").put("MessageRetentionPeriod", "two weeks");
        @SuppressWarnings("unchecked")
        Map<String, Object> origin = ((List<Map<String, Object>>) section(properties(template, "DashboardDistribution"),
                "DistributionConfig").get("Origins")).get(0);
        rename(origin, "DomainName", "Domain");

        List<Finding> findings = validator.validate(template);

        assertEquals(List.of(
                new Finding("InteractionsDLQ", "MessageRetentionPeriod", "expected Integer, found string \"two weeks\""),
                new Finding("DashboardDistribution", "DistributionConfig.Origins[0].Domain", "unknown property of Origin"),
                new Finding("DashboardDistribution", "DistributionConfig.Origins[0].DomainName",
                        "required property of Origin is missing")), findings);
    }

    @Test
    void propertiesNewerThanThePinnedSpecAreCheckedThroughItsSupplement() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        rename(section(section(properties(template, "MessagingEmailEvents"), "EventDestination"), "EventBridgeDestination"),
                "EventBusArn", "EventBus");

        assertEquals(List.of(
                new Finding("MessagingEmailEvents", "EventDestination.EventBridgeDestination.EventBus",
                        "unknown property of EventBridgeDestination"),
                new Finding("MessagingEmailEvents", "EventDestination.EventBridgeDestination.EventBusArn",
                        "required property of EventBridgeDestination is missing")), validator.validate(template));
    }

    @Test
    void theSupplementHoldsOnlyWhatThePinnedSpecLacks() {
        assertEquals(List.of(), CfnSpecCheck.load().supplementedEntriesTheSpecKnows(),
                "the spec defines these now: remove them from src/test/resources" + CfnSpecCheck.SUPPLEMENT);
    }

    @Test
    void unknownResourceTypeIsReported() {
        Map<String, Object> template = YamlReader.read(PROJECT_TEMPLATE);
        section(section(template, "Resources"), "EventBus").put("Type", "AWS::Events::Bus");

        assertEquals(List.of(new Finding("EventBus", "Type", "unknown resource type AWS::Events::Bus")),
                validator.validate(template));
    }

    @Test
    void shortFormIntrinsicsAreValidatedInTheirLongJsonForm() throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub 'q-${AWS::Region}'
                      VisibilityTimeout: !If [Long, !Ref Seconds, !Select [0, !Split [',', '30,60']]]
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn}
                      Tags:
                        - {Key: az, Value: !Select [0, !GetAZs '']}
                        - {Key: all, Value: !Join ['-', [!FindInMap [M, a, b], !ImportValue other, !Base64 x]]}
                        - !If [Long, {Key: cidr, Value: !Select [0, !Cidr ['10.0.0.0/16', 2, 8]]}, !Ref AWS::NoValue]
                      FifoQueue: !Or [!Not [!Equals [a, b]], !And [!Condition Long, true]]
                """);
        Map<String, Object> template = YamlReader.read(file);

        String json = new ObjectMapper().writeValueAsString(TemplateJson.of(template));

        assertTrue(json.contains("{\"Fn::GetAtt\":[\"Dlq\",\"Arn\"]}"), json);
        assertTrue(json.contains("{\"Fn::If\":[\"Long\",{\"Ref\":\"Seconds\"},{\"Fn::Select\":[0,{\"Fn::Split\":[\",\",\"30,60\"]}]}]}"), json);
        assertTrue(json.contains("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}"), json);
        assertTrue(json.contains("[{\"Fn::FindInMap\":[\"M\",\"a\",\"b\"]},{\"Fn::ImportValue\":\"other\"},{\"Fn::Base64\":\"x\"}]"), json);
        assertTrue(json.contains("{\"Fn::Cidr\":[\"10.0.0.0/16\",2,8]}"), json);
        assertTrue(json.contains("{\"Fn::Or\":[{\"Fn::Not\":[{\"Fn::Equals\":[\"a\",\"b\"]}]},{\"Fn::And\":[{\"Condition\":\"Long\"},true]}]}"), json);
        assertEquals(List.of(), validator.validate(template));
    }

    private static void rename(Map<String, Object> map, String from, String to) {
        assertTrue(map.containsKey(from), from);
        map.put(to, map.remove(from));
    }

    private static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
        return section(section(section(template, "Resources"), logicalId), "Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static String unknownToSam(String property) {
        return "property '" + property + "' is not defined in the schema and the schema does not allow additional properties";
    }
}
