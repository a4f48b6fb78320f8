package com.fanops.archfixture.bad.domain;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Deliberate violation: a domain record that knows an AWS type. */
public record AwsInDomain(AttributeValue value) {
}
