package com.fanops.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a SAM template the way CloudFormation and SAM would read it: {@code Globals} and
 * {@code AWS::Serverless::*} resources against AWS's SAM schema, every other resource against the
 * CloudFormation resource specification. Short-form intrinsics are turned into their JSON long form first.
 */
final class TemplateValidator {

    private final SamSchemaCheck sam;
    private final CfnSpecCheck cfn;

    private TemplateValidator(SamSchemaCheck sam, CfnSpecCheck cfn) {
        this.sam = sam;
        this.cfn = cfn;
    }

    static TemplateValidator load() {
        return new TemplateValidator(new SamSchemaCheck(), CfnSpecCheck.load());
    }

    List<Finding> validate(Path template) {
        return validate(YamlReader.read(template));
    }

    List<Finding> validate(Map<String, Object> template) {
        JsonNode json = TemplateJson.of(template);
        List<Finding> findings = new ArrayList<>(sam.check(json));
        findings.addAll(cfn.check(json));
        return findings;
    }
}
