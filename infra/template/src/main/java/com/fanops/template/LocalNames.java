package com.fanops.template;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The names one local deployment gives its resources: what {@code !Ref} and {@code !GetAtt} return when
 * template.yaml runs on the laptop. Physical names follow the template where it sets them (TableName,
 * QueueName, Name) and are the logical id otherwise, so the AWS CLI shows recognisable names.
 */
public final class LocalNames implements Names {

    private final String region;
    private final String account;
    private final Supplier<Resolver> resolver;
    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    public LocalNames(String region, String account, Supplier<Resolver> resolver) {
        this.region = region;
        this.account = account;
        this.resolver = resolver;
    }

    /** Sets what a reference answers once the real local value is known, e.g. "WorkQueue.QueueUrl" or "Api.ApiEndpoint". */
    public void override(String logicalIdAndAttribute, String value) {
        overrides.put(logicalIdAndAttribute, value);
    }

    public String tableName(Resource r) {
        return named(r, "TableName", r.logicalId());
    }

    public String queueName(Resource r) {
        boolean fifo = "true".equals(String.valueOf(r.properties().get("FifoQueue")));
        return named(r, "QueueName", fifo ? r.logicalId() + ".fifo" : r.logicalId());
    }

    public String busName(Resource r) {
        return named(r, "Name", r.logicalId());
    }

    /** SES names a configuration set from its Name, or makes one up; locally the logical id, as for the others. */
    public String configurationSetName(Resource r) {
        return named(r, "Name", r.logicalId());
    }

    public String userPoolId(Resource r) {
        return region + "_local" + r.logicalId();
    }

    @Override
    public String ref(Resource r) {
        String override = overrides.get(r.logicalId());
        if (override != null) {
            return override;
        }
        return switch (r.type()) {
            case "AWS::DynamoDB::Table" -> tableName(r);
            case "AWS::SQS::Queue" -> require(r.logicalId() + ".QueueUrl");
            case "AWS::Events::EventBus" -> busName(r);
            case "AWS::Events::Rule" -> named(r, "Name", r.logicalId());
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> named(r, "FunctionName", r.logicalId());
            case "AWS::Cognito::UserPool" -> userPoolId(r);
            case "AWS::Cognito::UserPoolClient" -> r.logicalId().toLowerCase(Locale.ROOT) + "localclient";
            case "AWS::KMS::Key" -> keyId(r);
            case "AWS::S3::Bucket" -> named(r, "BucketName", r.logicalId().toLowerCase(Locale.ROOT));
            case "AWS::Serverless::HttpApi" -> r.logicalId().toLowerCase(Locale.ROOT);
            case "AWS::Logs::LogGroup" -> named(r, "LogGroupName", r.logicalId());
            case "AWS::SES::ConfigurationSet" -> configurationSetName(r);
            default -> r.logicalId();
        };
    }

    @Override
    public String getAtt(Resource r, String attribute) {
        String override = overrides.get(r.logicalId() + "." + attribute);
        if (override != null) {
            return override;
        }
        String prefix = "arn:aws:";
        return switch (r.type() + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> prefix + "dynamodb:" + region + ":" + account + ":table/" + tableName(r);
            case "AWS::DynamoDB::Table.StreamArn" -> prefix + "dynamodb:" + region + ":" + account + ":table/" + tableName(r) + "/stream/local";
            case "AWS::SQS::Queue.Arn" -> prefix + "sqs:" + region + ":" + account + ":" + queueName(r);
            case "AWS::SQS::Queue.QueueName" -> queueName(r);
            case "AWS::SQS::Queue.QueueUrl" -> require(r.logicalId() + ".QueueUrl");
            case "AWS::Events::EventBus.Arn" -> prefix + "events:" + region + ":" + account + ":event-bus/" + busName(r);
            case "AWS::Events::EventBus.Name" -> busName(r);
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
                    prefix + "lambda:" + region + ":" + account + ":function:" + ref(r);
            case "AWS::Cognito::UserPool.Arn" -> prefix + "cognito-idp:" + region + ":" + account + ":userpool/" + userPoolId(r);
            case "AWS::Cognito::UserPool.ProviderName" -> "cognito-idp." + region + ".amazonaws.com/" + userPoolId(r);
            case "AWS::Cognito::UserPool.ProviderURL" -> "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId(r);
            case "AWS::KMS::Key.Arn" -> prefix + "kms:" + region + ":" + account + ":key/" + keyId(r);
            case "AWS::KMS::Key.KeyId" -> keyId(r);
            case "AWS::S3::Bucket.Arn" -> prefix + "s3:::" + ref(r);
            case "AWS::S3::Bucket.DomainName", "AWS::S3::Bucket.RegionalDomainName" -> ref(r) + ".s3.localhost";
            case "AWS::CloudFront::Distribution.DomainName" -> "localhost";
            case "AWS::Serverless::HttpApi.ApiEndpoint" -> require(r.logicalId() + ".ApiEndpoint");
            case "AWS::Logs::LogGroup.Arn" -> prefix + "logs:" + region + ":" + account + ":log-group:" + ref(r);
            default -> attribute.equals("Arn")
                    ? prefix + "local:" + region + ":" + account + ":" + r.logicalId()
                    : r.logicalId() + "-" + attribute.toLowerCase(Locale.ROOT);
        };
    }

    private String keyId(Resource r) {
        return UUID.nameUUIDFromBytes(("fanops-local-" + r.logicalId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String named(Resource r, String property, String fallback) {
        Object raw = r.properties().get(property);
        return raw == null ? fallback : resolver.get().string(raw);
    }

    private String require(String key) {
        String value = overrides.get(key);
        if (value == null) {
            throw new TemplateException(key + " is not known yet (the local runtime sets it when it creates the resource)");
        }
        return value;
    }
}
