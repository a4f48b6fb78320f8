package com.fanops.template;

import java.util.List;

/**
 * A CloudFormation intrinsic function call, in the long form's name ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, ...), whichever form the YAML used.
 */
public record Intrinsic(String function, Object argument) {

    public static final List<String> FUNCTIONS = List.of(
            "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::Equals",
            "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::GetAZs", "Fn::ImportValue", "Fn::Base64",
            "Condition", "Fn::Cidr", "Fn::Length", "Fn::ToJsonString");

    /** For {@code Ref}: the referenced logical id or parameter. */
    public String refTarget() {
        return (String) argument;
    }

    /** For {@code Fn::GetAtt}: [logicalId, attribute], accepting "A.B" and [A, B]. */
    public List<String> getAttParts() {
        if (argument instanceof String s) {
            int dot = s.indexOf('.');
            if (dot < 0) {
                throw new TemplateException("Fn::GetAtt needs Resource.Attribute: " + s);
            }
            return List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        List<?> parts = (List<?>) argument;
        return List.of(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
    }
}
